import { AccountsAndOrgs } from "@/components/idaas/accounts-and-orgs";
import { PageHeader } from "@/components/page-header";
import { getInstance } from "@/lib/idaas/instance";

export const dynamic = "force-dynamic";

export default async function AccountsAndOrgsPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  const instance = await getInstance(instanceId);
  return (
    <>
      <PageHeader
        crumbs={[
          { label: "IDaaS", href: "/idaas" },
          { label: "EIAM", href: "/idaas/eiam" },
          { label: instance.name, href: `/idaas/instances/${encodeURIComponent(instanceId)}` },
          { label: "Accounts and Orgs" },
        ]}
        title="Accounts and Orgs"
      />
      <AccountsAndOrgs instanceId={instanceId} />
    </>
  );
}

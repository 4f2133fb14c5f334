import { PageHeader } from "@/components/page-header";
import { ProvisioningLogs } from "@/components/idaas/provisioning-logs/provisioning-logs";
import { getInstance } from "@/lib/idaas/instance";

export const dynamic = "force-dynamic";

export default async function ProvisioningLogPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  const instance = await getInstance(instanceId);
  return (
    <>
      <PageHeader
        crumbs={[
          { label: "IDaaS", href: "/idaas" },
          { label: "EIAM", href: "/idaas/eiam" },
          { label: instance.name, href: `/idaas/instances/${encodeURIComponent(instanceId)}` },
          { label: "Log" },
          { label: "Provisioning" },
        ]}
        title="Provisioning"
      />
      <ProvisioningLogs instanceId={instanceId} />
    </>
  );
}

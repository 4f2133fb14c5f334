import { PageHeader } from "@/components/page-header";
import { Marketplace } from "@/components/idaas/applications/marketplace";

export const metadata = { title: "Marketplace — IDaaS" };

export default async function MarketplacePage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  return (
    <>
      <PageHeader
        crumbs={[
          { label: "Application Management" },
          { label: "Applications", href: `/idaas/instances/${instanceId}/applications` },
          { label: "Marketplace" },
        ]}
        title="Marketplace"
      >
        <p className="mt-2 text-text-3">Choose an application template and click Add Application.</p>
      </PageHeader>
      <Marketplace instanceId={instanceId} />
    </>
  );
}

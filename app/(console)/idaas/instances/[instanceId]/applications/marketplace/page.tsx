import { PageHeader } from "@/components/page-header";
import { instanceCrumbs } from "@/components/idaas/instance-crumbs";
import { getInstance } from "@/lib/idaas/instance";
import { Marketplace } from "@/components/idaas/applications/marketplace";

export const metadata = { title: "Marketplace — IDaaS" };

export default async function MarketplacePage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  const instance = await getInstance(instanceId);
  return (
    <>
      <PageHeader
        crumbs={instanceCrumbs(
          instanceId,
          instance.name,
          { label: "Application Management" },
          { label: "Applications", href: `/idaas/instances/${encodeURIComponent(instanceId)}/applications` },
          { label: "Marketplace" },
        )}
        title="Marketplace"
      >
        <p className="mt-2 text-text-3">Choose an application template and click Add Application.</p>
      </PageHeader>
      <Marketplace instanceId={instanceId} />
    </>
  );
}

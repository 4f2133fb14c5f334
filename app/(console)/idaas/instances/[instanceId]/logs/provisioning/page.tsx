import { instanceCrumbs } from "@/components/idaas/instance-crumbs";
import { PageHeader } from "@/components/page-header";
import { ProvisioningLogs } from "@/components/idaas/provisioning-logs/provisioning-logs";
import { getInstance } from "@/lib/idaas/instance";

export const dynamic = "force-dynamic";

export default async function ProvisioningLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ instanceId: string }>;
  searchParams: Promise<{ tab?: string }>;
}) {
  const { instanceId } = await params;
  const { tab } = await searchParams;
  const instance = await getInstance(instanceId);
  return (
    <>
      <PageHeader crumbs={instanceCrumbs(instanceId, instance.name, { label: "Log" }, { label: "Provisioning" })} title="Provisioning" />
      <ProvisioningLogs instanceId={instanceId} initialTab={tab} />
    </>
  );
}

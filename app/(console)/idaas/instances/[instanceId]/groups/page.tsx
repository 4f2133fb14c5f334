import { GroupsList } from "@/components/idaas/groups-list";
import { instanceCrumbs } from "@/components/idaas/instance-crumbs";
import { PageHeader } from "@/components/page-header";
import { getInstance } from "@/lib/idaas/instance";

export const dynamic = "force-dynamic";

export default async function GroupsPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  const instance = await getInstance(instanceId);
  return (
    <>
      <PageHeader crumbs={instanceCrumbs(instanceId, instance.name, { label: "Groups" })} title="Groups" />
      <GroupsList instanceId={instanceId} />
    </>
  );
}

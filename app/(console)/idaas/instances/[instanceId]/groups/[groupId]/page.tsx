import { GroupDetail } from "@/components/idaas/group-detail";
import { getInstance } from "@/lib/idaas/instance";

export const dynamic = "force-dynamic";

export default async function GroupDetailPage({ params }: { params: Promise<{ instanceId: string; groupId: string }> }) {
  const { instanceId, groupId } = await params;
  const instance = await getInstance(instanceId);
  return <GroupDetail instanceId={instanceId} instanceName={instance.name} groupId={groupId} />;
}

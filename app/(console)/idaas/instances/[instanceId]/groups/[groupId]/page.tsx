import { GroupDetail } from "@/components/idaas/group-detail";

export default async function GroupDetailPage({ params }: { params: Promise<{ instanceId: string; groupId: string }> }) {
  const { instanceId, groupId } = await params;
  return <GroupDetail instanceId={instanceId} groupId={groupId} />;
}

import { instanceCrumbs } from "@/components/idaas/instance-crumbs";
import { PageHeader } from "@/components/page-header";
import { TaskDetail } from "@/components/idaas/provisioning-logs/task-detail";
import { getInstance } from "@/lib/idaas/instance";

export const dynamic = "force-dynamic";

export default async function ProvisioningTaskPage({ params }: { params: Promise<{ instanceId: string; taskId: string }> }) {
  const { instanceId, taskId } = await params;
  const instance = await getInstance(instanceId);
  return (
    <>
      <PageHeader
        crumbs={instanceCrumbs(
          instanceId,
          instance.name,
          { label: "Log" },
          { label: "Provisioning", href: `/idaas/instances/${encodeURIComponent(instanceId)}/logs/provisioning` },
          { label: "Task Details" },
        )}
        title="Task Details"
      />
      <TaskDetail instanceId={instanceId} taskId={taskId} />
    </>
  );
}

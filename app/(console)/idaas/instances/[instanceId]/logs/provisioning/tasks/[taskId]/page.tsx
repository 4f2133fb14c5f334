import { PageHeader } from "@/components/page-header";
import { TaskDetail } from "@/components/idaas/provisioning-logs/task-detail";
import { getInstance } from "@/lib/idaas/instance";

export const dynamic = "force-dynamic";

export default async function ProvisioningTaskPage({ params }: { params: Promise<{ instanceId: string; taskId: string }> }) {
  const { instanceId, taskId } = await params;
  const instance = await getInstance(instanceId);
  const base = `/idaas/instances/${encodeURIComponent(instanceId)}`;
  return (
    <>
      <PageHeader
        crumbs={[
          { label: "IDaaS", href: "/idaas" },
          { label: "EIAM", href: "/idaas/eiam" },
          { label: instance.name, href: base },
          { label: "Provisioning", href: `${base}/logs/provisioning` },
          { label: "Task Details" },
        ]}
        title="Task Details"
      />
      <TaskDetail instanceId={instanceId} taskId={taskId} />
    </>
  );
}

import { consoleApi } from "@/lib/api-handler";
import { retriggerTask } from "@/lib/idaas/provisioning/tasks/push-now";

type P = { instanceId: string; taskId: string };

export const dynamic = "force-dynamic";

/** Re-runs the task's application push as a new Manual task. */
export const POST = consoleApi<P>(async (_req, { params }) => ({ task: await retriggerTask(params.instanceId, params.taskId) }));

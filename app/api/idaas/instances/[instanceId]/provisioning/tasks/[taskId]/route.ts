import { consoleApi } from "@/lib/api-handler";
import { getTask } from "@/lib/idaas/provisioning/tasks/task-log";

type P = { instanceId: string; taskId: string };

export const dynamic = "force-dynamic";

export const GET = consoleApi<P>(async (_req, { params }) => getTask(params.instanceId, params.taskId));

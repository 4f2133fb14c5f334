import { consoleApi } from "@/lib/api-handler";
import { getTask } from "@/lib/cloudsso/access/tasks";

export const GET = consoleApi<{ taskId: string }>(async (_req, { params }) => getTask(params.taskId));

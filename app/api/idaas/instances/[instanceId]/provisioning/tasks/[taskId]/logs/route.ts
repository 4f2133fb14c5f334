import { consoleApi, pagingQuerySchema, parseQuery } from "@/lib/api-handler";
import { ignoringBlankParams } from "@/lib/idaas/schemas";
import { listTaskLogs, logListQuerySchema } from "@/lib/idaas/provisioning/tasks/task-log";

type P = { instanceId: string; taskId: string };

export const dynamic = "force-dynamic";

const querySchema = ignoringBlankParams(pagingQuerySchema.extend(logListQuerySchema.pick({ result: true, objectType: true }).shape));

/** `?result=&objectType=&search=&page=&pageSize=` — a task's entries have no time filter. */
export const GET = consoleApi<P>(async (req, { params }) =>
  listTaskLogs(params.instanceId, params.taskId, { ...parseQuery(req, querySchema), from: undefined, to: undefined }),
);

import { consoleApi, pagingQuerySchema, parseQuery } from "@/lib/api-handler";
import { ignoringBlankParams } from "@/lib/idaas/schemas";
import { listTasks, taskListQuerySchema } from "@/lib/idaas/provisioning/tasks/task-log";

type P = { instanceId: string };

export const dynamic = "force-dynamic";

const querySchema = ignoringBlankParams(pagingQuerySchema.extend(taskListQuerySchema.shape));

/** `?status=&from=&to=&search=&page=&pageSize=` */
export const GET = consoleApi<P>(async (req, { params }) => listTasks(params.instanceId, parseQuery(req, querySchema)));

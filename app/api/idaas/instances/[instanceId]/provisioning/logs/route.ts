import { consoleApi, pagingQuerySchema, parseQuery } from "@/lib/api-handler";
import { ignoringBlankParams } from "@/lib/idaas/schemas";
import { listRealtimeLogs, logListQuerySchema } from "@/lib/idaas/provisioning/tasks/task-log";

type P = { instanceId: string };

export const dynamic = "force-dynamic";

const querySchema = ignoringBlankParams(pagingQuerySchema.extend(logListQuerySchema.shape));

/** Real-time push log entries (no task), searchable; `?result=&objectType=&from=&to=&search=&page=&pageSize=` */
export const GET = consoleApi<P>(async (req, { params }) => listRealtimeLogs(params.instanceId, parseQuery(req, querySchema)));

import { consoleApi, pagingParams } from "@/lib/api-handler";
import { listTaskLogs, logListQuerySchema } from "@/lib/idaas/provisioning/tasks/task-log";

type P = { instanceId: string; taskId: string };

export const dynamic = "force-dynamic";

export const GET = consoleApi<P>(async (req, { params }) => {
  const { page, pageSize, search, searchParams } = pagingParams(req);
  const filters = logListQuerySchema.parse({
    result: searchParams.get("result") || undefined,
    objectType: searchParams.get("objectType") || undefined,
  });
  return listTaskLogs(params.instanceId, params.taskId, { ...filters, page, pageSize, search });
});

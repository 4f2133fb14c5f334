import { consoleApi, pagingParams } from "@/lib/api-handler";
import { listTasks, taskListQuerySchema } from "@/lib/idaas/provisioning/tasks/task-log";

type P = { instanceId: string };

export const dynamic = "force-dynamic";

export const GET = consoleApi<P>(async (req, { params }) => {
  const { page, pageSize, search, searchParams } = pagingParams(req);
  const filters = taskListQuerySchema.parse({
    status: searchParams.get("status") || undefined,
    from: searchParams.get("from") || undefined,
    to: searchParams.get("to") || undefined,
  });
  return listTasks(params.instanceId, { ...filters, page, pageSize, search });
});

import { consoleApi, pagingParams } from "@/lib/api-handler";
import { listRealtimeLogs, logListQuerySchema } from "@/lib/idaas/provisioning/tasks/task-log";

type P = { instanceId: string };

export const dynamic = "force-dynamic";

/** Real-time push log entries (no task), searchable. */
export const GET = consoleApi<P>(async (req, { params }) => {
  const { page, pageSize, search, searchParams } = pagingParams(req);
  const filters = logListQuerySchema.parse({
    result: searchParams.get("result") || undefined,
    objectType: searchParams.get("objectType") || undefined,
    from: searchParams.get("from") || undefined,
    to: searchParams.get("to") || undefined,
  });
  return listRealtimeLogs(params.instanceId, { ...filters, page, pageSize, search });
});

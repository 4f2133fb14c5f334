import { consoleApi } from "@/lib/api-handler";
import { NotFoundError } from "@/lib/errors";
import { retryLogEntry } from "@/lib/idaas/provisioning/engine/health";

type P = { instanceId: string; logId: string };

export const dynamic = "force-dynamic";

/** Retry one Failed real-time log entry. */
export const POST = consoleApi<P>(async (_req, { params }) => {
  const id = Number(params.logId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError(`Log entry ${params.logId} does not exist.`);
  return retryLogEntry(params.instanceId, id);
});

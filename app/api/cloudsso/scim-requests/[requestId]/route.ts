import { consoleApi } from "@/lib/api-handler";
import { NotFoundError } from "@/lib/errors";
import { getScimRequestLog } from "@/lib/cloudsso/scim-request-log";

export const dynamic = "force-dynamic";

type P = { requestId: string };

/** One exchange in full: headers (redacted), both bodies. */
export const GET = consoleApi<P>(async (_req, { params }) => {
  const id = Number(params.requestId);
  if (!Number.isSafeInteger(id) || id < 1) throw new NotFoundError(`SCIM request ${params.requestId} is not in the log.`);
  return getScimRequestLog(id);
});

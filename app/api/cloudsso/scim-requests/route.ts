import { consoleApi, pagingParams } from "@/lib/api-handler";
import { listScimRequestLogs } from "@/lib/cloudsso/scim-request-log";
import { ValidationError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const GET = consoleApi(async (req) => {
  const { page, pageSize, searchParams } = pagingParams(req);
  const raw = searchParams.get("status") ?? "";
  let status: "success" | "error" | number | undefined;
  if (raw === "success" || raw === "error") status = raw;
  else if (/^[1-5]\d\d$/.test(raw)) status = Number(raw);
  else if (raw !== "") throw new ValidationError("Unknown status filter.", { status: "Use success, error or an HTTP status code." });
  return listScimRequestLogs({ page, pageSize, status });
});

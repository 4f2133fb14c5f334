import { consoleApi, pagingQuerySchema, parseQuery } from "@/lib/api-handler";
import { scimRequestStatusSchema } from "@/lib/cloudsso/schemas";
import { listScimRequestLogs } from "@/lib/cloudsso/scim-request-log";

export const dynamic = "force-dynamic";

const querySchema = pagingQuerySchema.extend({ status: scimRequestStatusSchema });

export const GET = consoleApi(async (req) => {
  const { page, pageSize, status } = parseQuery(req, querySchema, "Unknown status filter.");
  return listScimRequestLogs({ page, pageSize, status });
});

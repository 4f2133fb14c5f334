import { consoleApi, pagingQuerySchema, parseQuery } from "@/lib/api-handler";
import { scimRequestFilterSchema } from "@/lib/cloudsso/schemas";
import { listScimRequestLogs } from "@/lib/cloudsso/scim-request-log";

export const dynamic = "force-dynamic";

const querySchema = pagingQuerySchema.merge(scimRequestFilterSchema);

export const GET = consoleApi(async (req) => {
  const { page, pageSize, status, method, path, credentialId } = parseQuery(req, querySchema, "Unknown filter.");
  return listScimRequestLogs({ page, pageSize, status, method, path, credentialId });
});

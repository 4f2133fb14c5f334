import { consoleApi, pagingQuerySchema, parseQuery } from "@/lib/api-handler";
import { DEFAULT_DIRECTORY_ID } from "@/lib/cloudsso/directory";
import { listSignIns } from "@/lib/cloudsso/portal/sign-in-log";
import { signInLogQuerySchema } from "@/lib/cloudsso/sso/schemas";

export const dynamic = "force-dynamic";

/** The CloudSSO Sign-in Log: who, when, how, result and reason, newest first. */
export const GET = consoleApi(async (req) => {
  const q = parseQuery(req, pagingQuerySchema.extend(signInLogQuerySchema.shape));
  return listSignIns({ directoryId: DEFAULT_DIRECTORY_ID, ...q });
});

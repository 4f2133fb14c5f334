import { z } from "zod";
import { consoleApi, pagingQuerySchema, parseQuery } from "@/lib/api-handler";
import { listSignInLog } from "@/lib/idaas/portal/sign-in-log";
import { SIGN_IN_RESULTS } from "@/lib/idaas/portal/vocabulary";

type P = { instanceId: string };

const querySchema = pagingQuerySchema.extend({
  result: z.enum(SIGN_IN_RESULTS).optional().catch(undefined),
});

/** Log › Sign-in: portal sign-ins and SSO to applications, newest first. */
export const GET = consoleApi<P>(async (req, { params }) => listSignInLog(params.instanceId, parseQuery(req, querySchema)));

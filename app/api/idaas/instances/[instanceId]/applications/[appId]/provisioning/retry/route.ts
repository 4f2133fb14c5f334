import { consoleApi } from "@/lib/api-handler";
import { retryNow } from "@/lib/idaas/provisioning/engine/health";

type P = { instanceId: string; appId: string };

export const dynamic = "force-dynamic";

/** Retry Now: deliver waiting changes at once and queue failed ones again (409 while disabled). */
export const POST = consoleApi<P>(async (_req, { params }) => retryNow(params.instanceId, params.appId));

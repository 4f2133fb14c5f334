import { consoleApi } from "@/lib/api-handler";
import { getProvisioningHealth } from "@/lib/idaas/provisioning/engine/health";

type P = { instanceId: string; appId: string };

export const dynamic = "force-dynamic";

/** Waiting, deferred and failing real-time changes of one application (the Provisioning tab banner). */
export const GET = consoleApi<P>(async (_req, { params }) => getProvisioningHealth(params.instanceId, params.appId));

import { consoleApi } from "@/lib/api-handler";
import { accountProvisioningState } from "@/lib/idaas/provisioning/engine/object-state";

type P = { instanceId: string; accountId: string };

/** The account's provisioning state per application of the instance. */
export const GET = consoleApi<P>(async (_req, { params }) => accountProvisioningState(params.instanceId, params.accountId));

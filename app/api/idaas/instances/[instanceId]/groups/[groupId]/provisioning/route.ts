import { consoleApi } from "@/lib/api-handler";
import { groupProvisioningState } from "@/lib/idaas/provisioning/engine/object-state";

type P = { instanceId: string; groupId: string };

/** The group's provisioning state per application of the instance. */
export const GET = consoleApi<P>(async (_req, { params }) => groupProvisioningState(params.instanceId, params.groupId));

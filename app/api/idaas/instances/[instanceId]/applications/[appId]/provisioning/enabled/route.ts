import { consoleApi, parseBody } from "@/lib/api-handler";
import { getApplication } from "@/lib/idaas/applications";
import { setProvisioningEnabled } from "@/lib/idaas/provisioning/config/config";
import { provisioningEnabledInputSchema } from "@/lib/idaas/provisioning/config/config-schema";

type P = { instanceId: string; appId: string };

export const PUT = consoleApi<P>(async (req, { params }) => {
  await getApplication(params.instanceId, params.appId);
  return setProvisioningEnabled(params.appId, await parseBody(req, provisioningEnabledInputSchema));
});

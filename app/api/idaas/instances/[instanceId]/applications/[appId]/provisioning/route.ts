import { consoleApi, parseBody } from "@/lib/api-handler";
import { getApplication } from "@/lib/idaas/applications";
import { getProvisioningView, saveProvisioningConfig } from "@/lib/idaas/provisioning/config/config";
import { provisioningConfigInputSchema } from "@/lib/idaas/provisioning/config/config-schema";

type P = { instanceId: string; appId: string };

export const dynamic = "force-dynamic";

export const GET = consoleApi<P>(async (_req, { params }) => {
  await getApplication(params.instanceId, params.appId);
  return getProvisioningView(params.appId);
});

export const PUT = consoleApi<P>(async (req, { params }) => {
  await getApplication(params.instanceId, params.appId);
  return saveProvisioningConfig(params.appId, await parseBody(req, provisioningConfigInputSchema));
});

import { consoleApi, parseBody } from "@/lib/api-handler";
import { getApplication } from "@/lib/idaas/applications";
import { listScopeOptions, saveProvisioningScope } from "@/lib/idaas/provisioning/config/config";
import { provisioningScopeInputSchema } from "@/lib/idaas/provisioning/config/config-schema";

type P = { instanceId: string; appId: string };

export const dynamic = "force-dynamic";

/** The organization tree and groups the Configuration dialog offers. */
export const GET = consoleApi<P>(async (_req, { params }) => {
  await getApplication(params.instanceId, params.appId);
  return listScopeOptions(params.appId);
});

export const PUT = consoleApi<P>(async (req, { params }) => {
  await getApplication(params.instanceId, params.appId);
  return saveProvisioningScope(params.appId, await parseBody(req, provisioningScopeInputSchema));
});

import { consoleApi, parseBody } from "@/lib/api-handler";
import { getApplication } from "@/lib/idaas/applications";
import { provisioningScopeInputSchema } from "@/lib/idaas/provisioning/config/config-schema";
import { countScope } from "@/lib/idaas/provisioning/config/scope";

type P = { instanceId: string; appId: string };

export const dynamic = "force-dynamic";

/** How many accounts and groups a scope selection covers (the Configuration dialog, unsaved). */
export const POST = consoleApi<P>(async (req, { params }) => {
  await getApplication(params.instanceId, params.appId);
  return countScope(params.instanceId, await parseBody(req, provisioningScopeInputSchema));
});

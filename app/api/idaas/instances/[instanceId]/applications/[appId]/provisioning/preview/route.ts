import { consoleApi, parseBody } from "@/lib/api-handler";
import { getApplication } from "@/lib/idaas/applications";
import { previewUserMapping } from "@/lib/idaas/provisioning/config/config";
import { mappingPreviewInputSchema } from "@/lib/idaas/provisioning/config/config-schema";

type P = { instanceId: string; appId: string };

/** Maps a sample directory account with the posted (unsaved) rules; saves nothing. */
export const POST = consoleApi<P>(async (req, { params }) => {
  await getApplication(params.instanceId, params.appId);
  return previewUserMapping(params.appId, await parseBody(req, mappingPreviewInputSchema));
});

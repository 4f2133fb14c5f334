import { consoleApi, parseBody } from "@/lib/api-handler";
import { getApplication } from "@/lib/idaas/applications";
import { connectivityTestInputSchema } from "@/lib/idaas/provisioning/config/config-schema";
import { testApplicationConnectivity } from "@/lib/idaas/provisioning/config/connectivity-test";

type P = { instanceId: string; appId: string };

export const dynamic = "force-dynamic";

/**
 * Test Connectivity with the URL and token the form shows (saved or not), over HTTP like any SCIM
 * client. Answers 200 whenever the test ran; `ok` says how it went. Invalid input is a 422 with
 * field errors and nothing is tested. Only the kind and the message go back, never the token.
 */
export const POST = consoleApi<P>(async (req, { params }) => {
  await getApplication(params.instanceId, params.appId);
  return testApplicationConnectivity(params.appId, await parseBody(req, connectivityTestInputSchema));
});

import { consoleApi } from "@/lib/api-handler";
import { getApplication } from "@/lib/idaas/applications";
import { loadConnection } from "@/lib/idaas/provisioning/config";
import { recordConnectivitySuccess } from "@/lib/idaas/provisioning/setup-progress";
import { testConnectivity } from "@/lib/scim/connectivity";

type P = { instanceId: string; appId: string };

export const dynamic = "force-dynamic";

/**
 * Test Connectivity with the SAVED URL and token (what the engine will use), over HTTP like any
 * SCIM client. Answers 200 either way: the test ran; `ok` says how it went. Only the kind and the
 * message go back, never the token.
 */
export const POST = consoleApi<P>(async (_req, { params }) => {
  await getApplication(params.instanceId, params.appId);
  const { url, token } = await loadConnection(params.appId);
  const result = await testConnectivity({ url, token });
  if (result.ok) {
    await recordConnectivitySuccess(params.appId);
    return { ok: true, message: result.message };
  }
  return { ok: false, kind: result.kind, message: result.message, httpStatus: result.httpStatus };
});

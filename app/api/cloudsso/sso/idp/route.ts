import { consoleApi, parseBody } from "@/lib/api-handler";
import { DEFAULT_DIRECTORY_ID } from "@/lib/cloudsso/directory";
import { configureIdpSchema } from "@/lib/cloudsso/sso/schemas";
import { clearIdp, configureIdp, ssoLogonView } from "@/lib/cloudsso/sso/settings";
import { publicOrigin } from "@/lib/saml/public-origin";

export const dynamic = "force-dynamic";

/** Configure IdP (Upload Metadata File / Manual Configuration). */
export const PUT = consoleApi(async (req) => {
  const data = await parseBody(req, configureIdpSchema);
  return ssoLogonView(await configureIdp(DEFAULT_DIRECTORY_ID, data), publicOrigin(req));
});

/** Clear IdP Information (only while SSO Logon is off). */
export const DELETE = consoleApi(async (req) => ssoLogonView(await clearIdp(DEFAULT_DIRECTORY_ID), publicOrigin(req)));

import { consoleApi, parseBody } from "@/lib/api-handler";
import { DEFAULT_DIRECTORY_ID } from "@/lib/cloudsso/directory";
import { ssoSwitchSchema } from "@/lib/cloudsso/sso/schemas";
import { setSsoEnabled, ssoLogonView } from "@/lib/cloudsso/sso/settings";
import { publicOrigin } from "@/lib/saml/public-origin";

export const dynamic = "force-dynamic";

/** The SSO Logon switch (Enable SSO Logon / Disable SSO Logon). */
export const PUT = consoleApi(async (req) => {
  const { enabled } = await parseBody(req, ssoSwitchSchema);
  return ssoLogonView(await setSsoEnabled(DEFAULT_DIRECTORY_ID, enabled), publicOrigin(req));
});

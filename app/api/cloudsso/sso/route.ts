import { consoleApi } from "@/lib/api-handler";
import { logonSettings, ssoLogonView } from "@/lib/cloudsso/sso/settings";
import { publicOrigin } from "@/lib/saml/public-origin";

export const dynamic = "force-dynamic";

/** Settings › SSO Logon: SP Entity ID, ACS URL, Login URL, the switch and the IdP information. */
export const GET = consoleApi(async (req) => ssoLogonView(await logonSettings(), publicOrigin(req)));

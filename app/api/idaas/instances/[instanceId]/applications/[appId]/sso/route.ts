import { consoleApi, parseBody } from "@/lib/api-handler";
import { ssoSettingsSchema } from "@/lib/idaas/sso/schemas";
import { getSsoView, saveSsoSettings } from "@/lib/idaas/sso/settings";
import { publicOrigin } from "@/lib/saml/public-origin";

type P = { instanceId: string; appId: string };

/** The application's SSO tab: IdP information, Authorize, CloudSSO ACS URL / Entity ID, Application Username. */
export const GET = consoleApi<P>(async (req, { params }) => getSsoView(params.instanceId, params.appId, publicOrigin(req)));

export const PUT = consoleApi<P>(async (req, { params }) =>
  saveSsoSettings(params.instanceId, params.appId, await parseBody(req, ssoSettingsSchema), publicOrigin(req)),
);

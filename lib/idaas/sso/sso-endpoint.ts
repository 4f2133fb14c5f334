import "server-only";
import { deflateRawSync } from "node:zlib";
import { db } from "@/lib/db";
import { currentPortalSession } from "@/lib/idaas/portal/session";
import { recordSignIn } from "@/lib/idaas/portal/sign-in-log";
import { SIGN_IN_EVENTS, SIGN_IN_REASONS } from "@/lib/idaas/portal/vocabulary";
import { publicOrigin } from "@/lib/saml/public-origin";
import { autoPostResponse, refusalResponse } from "./html";
import { NAME_ID_FORMATS, readAuthnRequest, signedResponse, type AuthnRequestInfo } from "./idp";
import { isAuthorized, SSO_TEMPLATE_ID } from "./settings";
import { portalPath } from "./urls";

/**
 * The IdP's SSO URL, `/saml/idp/<appId>/sso`. With a SAMLRequest (HTTP-Redirect query or HTTP-POST
 * form) it answers that AuthnRequest (SP-initiated); without one it starts IdP-initiated SSO (the
 * portal's tiles link here). Either way: the portal session is checked now (signed-in, enabled
 * account), then the application (enabled, configured) and the account's authorization; the signed
 * response is posted to the configured ACS URL only.
 */
const MAX_MESSAGE_CHARS = 100_000;
const MAX_RELAY_STATE = 1024;

async function inputOf(req: Request): Promise<{ binding: "redirect" | "post"; samlRequest?: string; relayState?: string }> {
  if (req.method === "POST") {
    const type = req.headers.get("content-type") ?? "";
    if (!type.includes("application/x-www-form-urlencoded") && !type.includes("multipart/form-data")) return { binding: "post" };
    const form = await req.formData();
    const value = (k: string) => (typeof form.get(k) === "string" ? (form.get(k) as string) : undefined);
    return { binding: "post", samlRequest: value("SAMLRequest"), relayState: value("RelayState") };
  }
  const q = new URL(req.url).searchParams;
  return { binding: "redirect", samlRequest: q.get("SAMLRequest") ?? undefined, relayState: q.get("RelayState") ?? undefined };
}

/** The same request as an HTTP-Redirect URL on this endpoint, carried through the portal sign-in. */
function continueUrl(appId: string, request: AuthnRequestInfo | null, relayState?: string): string {
  const path = `/saml/idp/${encodeURIComponent(appId)}/sso`;
  if (!request) return path;
  const q = new URLSearchParams({ SAMLRequest: deflateRawSync(Buffer.from(request.xml, "utf8")).toString("base64") });
  if (relayState) q.set("RelayState", relayState);
  return `${path}?${q}`;
}

export async function handleSso(req: Request, appId: string): Promise<Response> {
  const origin = publicOrigin(req);
  const app = await db.idaasApplication.findUnique({ where: { id: appId }, include: { sso: true } });
  if (!app || app.templateId !== SSO_TEMPLATE_ID) {
    return refusalResponse(404, "Application not found", "There is no SAML application at this address. Check the IdP SSO URL.");
  }
  const portal = { href: portalPath(app.instanceId), label: "Back to the IDaaS user portal" };
  const sp = { entityId: app.sso?.spEntityId ?? "", acsUrl: app.sso?.acsUrl ?? "" };

  const input = await inputOf(req);
  if ((input.samlRequest?.length ?? 0) > MAX_MESSAGE_CHARS || (input.relayState?.length ?? 0) > MAX_RELAY_STATE) {
    return refusalResponse(400, "Request too large", "The SAML request or its RelayState is too large.", portal);
  }
  let request: AuthnRequestInfo | null = null;
  if (input.samlRequest) {
    if (!sp.entityId || !sp.acsUrl) return refusalResponse(409, "SSO is not configured", SIGN_IN_REASONS.notConfigured, portal);
    try {
      request = await readAuthnRequest(origin, appId, sp, input.binding, input.samlRequest);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return refusalResponse(400, "Invalid SAML request", `The AuthnRequest could not be read (${why}). Start the sign-in again from the application.`, portal);
    }
    if (request.issuer !== sp.entityId) {
      return refusalResponse(
        400,
        "Unknown service provider",
        `The AuthnRequest was issued by "${request.issuer}", but this application's CloudSSO Entity ID is "${sp.entityId}". Check the SSO tab in the IDaaS console.`,
        portal,
      );
    }
    if (request.acsUrl && request.acsUrl !== sp.acsUrl) {
      return refusalResponse(
        400,
        "Unknown ACS URL",
        `The AuthnRequest asks for the response at "${request.acsUrl}", but this application's CloudSSO ACS URL is "${sp.acsUrl}". Check the SSO tab in the IDaaS console.`,
        portal,
      );
    }
  }

  const session = await currentPortalSession(app.instanceId);
  if (session.state !== "active") {
    // Sign in first, then come back here with the same request.
    const to = new URL(portalPath(app.instanceId), origin);
    to.searchParams.set("continue", continueUrl(appId, request, input.relayState));
    if (session.state === "refused") to.searchParams.set("error", session.reason);
    return Response.redirect(to, 303);
  }
  const { account } = session;
  const application = { id: app.id, name: app.name };
  const refuse = async (status: number, title: string, reason: string) => {
    await recordSignIn({ instanceId: app.instanceId, username: account.username, accountId: account.id, event: SIGN_IN_EVENTS.sso, application, result: "Failure", reason });
    return refusalResponse(status, title, reason, portal);
  };
  if (app.status !== "Enabled") return refuse(403, "Application disabled", SIGN_IN_REASONS.appDisabled);
  if (!app.sso || !sp.entityId || !sp.acsUrl) return refuse(409, "SSO is not configured", SIGN_IN_REASONS.notConfigured);
  if (!(await isAuthorized(app.instanceId, app.sso, account))) {
    return refuse(403, "Not authorized", `${SIGN_IN_REASONS.notAuthorized} Ask the administrator to authorize ${account.username} for ${app.name} (SSO tab › Authorize).`);
  }
  const byEmail = app.sso.usernameSource === "email";
  const nameId = byEmail ? account.email : account.username;
  if (!nameId) return refuse(409, "No Application Username", SIGN_IN_REASONS.noEmail);

  const signed = await signedResponse(
    origin,
    appId,
    sp,
    { nameId, nameIdFormat: byEmail ? NAME_ID_FORMATS.email : NAME_ID_FORMATS.username },
    request?.id,
  );
  await recordSignIn({
    instanceId: app.instanceId,
    username: account.username,
    accountId: account.id,
    event: SIGN_IN_EVENTS.sso,
    application,
    result: "Success",
    reason: `SAML response sent to the CloudSSO ACS URL (${request ? "SP-initiated" : "IdP-initiated"}, NameID ${nameId}).`,
  });
  return autoPostResponse({ acsUrl: signed.acsUrl, samlResponse: signed.samlResponse, relayState: input.relayState, applicationName: app.name });
}

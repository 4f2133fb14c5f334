import { NextResponse } from "next/server";
import { consumeSamlResponse } from "@/lib/cloudsso/sso/acs";
import { PORTAL_COOKIE, portalCookieOptions } from "@/lib/cloudsso/portal/session";
import { signInErrorPage } from "@/lib/cloudsso/portal/pages";
import { loginUrl } from "@/lib/cloudsso/sso/urls";
import { publicOrigin } from "@/lib/saml/public-origin";

export const dynamic = "force-dynamic";

/**
 * The CloudSSO ACS (HTTP-POST binding): a verified response opens a portal session and goes to the
 * portal; anything else ends on an error page that says why, with a Sign-in Log line and no cookie.
 */
export async function POST(req: Request, ctx: { params: Promise<{ acsId: string }> }) {
  const { acsId } = await ctx.params;
  const origin = publicOrigin(req);
  let samlResponse: string | null = null;
  try {
    const form = await req.formData();
    const v = form.get("SAMLResponse");
    samlResponse = typeof v === "string" ? v : null;
  } catch {
    samlResponse = null;
  }
  try {
    const outcome = await consumeSamlResponse(acsId, samlResponse, origin);
    if (!outcome.ok) {
      return signInErrorPage({
        status: outcome.status,
        code: outcome.reason === "NotFound" ? "NotFound" : outcome.reason,
        message: outcome.message,
        detail: outcome.detail,
        loginUrl: outcome.settings ? loginUrl(origin, outcome.settings.directoryName) : undefined,
      });
    }
    const res = NextResponse.redirect(loginUrl(origin, outcome.settings.directoryName), 303);
    res.cookies.set(PORTAL_COOKIE, outcome.token, portalCookieOptions(origin, outcome.expiresAt));
    return res;
  } catch (err) {
    console.error("CloudSSO ACS error:", err instanceof Error ? err.message : err);
    return signInErrorPage({ status: 500, code: "InternalError", message: "The sign-in could not be completed. Try again.", detail: "" });
  }
}

export function GET() {
  return signInErrorPage({
    status: 405,
    code: "InvalidSAMLResponse",
    message: "The ACS URL accepts SAML responses by HTTP POST from your IdP; open the CloudSSO Login URL to sign in.",
    detail: "",
  });
}

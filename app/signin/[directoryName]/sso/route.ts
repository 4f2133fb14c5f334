import { NextResponse } from "next/server";
import { startSpInitiatedLogon } from "@/lib/cloudsso/sso/authn-request";
import { findByDirectoryName } from "@/lib/cloudsso/sso/settings";
import { loginUrl } from "@/lib/cloudsso/sso/urls";
import { publicOrigin } from "@/lib/saml/public-origin";

export const dynamic = "force-dynamic";

/** The Redirect button: SP-initiated SSO, an AuthnRequest in the HTTP-Redirect binding to the IdP's Logon URL. */
export async function GET(req: Request, ctx: { params: Promise<{ directoryName: string }> }) {
  const { directoryName } = await ctx.params;
  const origin = publicOrigin(req);
  const settings = await findByDirectoryName(directoryName);
  if (!settings) return new NextResponse("Not found", { status: 404 });
  const target = await startSpInitiatedLogon(settings, origin);
  if (!target) {
    return NextResponse.redirect(`${loginUrl(origin, settings.directoryName)}?error=${encodeURIComponent("SSO logon is not enabled for this directory.")}`, 303);
  }
  return NextResponse.redirect(target, 303);
}

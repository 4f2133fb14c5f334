import { NextResponse } from "next/server";
import { cookies } from "next/headers";
import { sameOrigin } from "@/lib/cloudsso/portal/pages";
import { endPortalSession, PORTAL_COOKIE, portalCookieOptions } from "@/lib/cloudsso/portal/session";
import { loginUrl } from "@/lib/cloudsso/sso/urls";
import { publicOrigin } from "@/lib/saml/public-origin";

export const dynamic = "force-dynamic";

/** Sign Out of the CloudSSO user portal: the session row is deleted and the cookie cleared. */
export async function POST(req: Request, ctx: { params: Promise<{ directoryName: string }> }) {
  const { directoryName } = await ctx.params;
  const origin = publicOrigin(req);
  if (!sameOrigin(req, origin)) return new NextResponse("Cross-site sign-out refused.", { status: 403 });
  await endPortalSession((await cookies()).get(PORTAL_COOKIE)?.value);
  const res = NextResponse.redirect(loginUrl(origin, directoryName), 303);
  res.cookies.set(PORTAL_COOKIE, "", portalCookieOptions(origin));
  return res;
}

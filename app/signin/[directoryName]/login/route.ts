import { NextResponse } from "next/server";
import { passwordLogon } from "@/lib/cloudsso/portal/password";
import { sameOrigin } from "@/lib/cloudsso/portal/pages";
import { PORTAL_COOKIE, portalCookieOptions } from "@/lib/cloudsso/portal/session";
import { findByDirectoryName } from "@/lib/cloudsso/sso/settings";
import { loginUrl } from "@/lib/cloudsso/sso/urls";
import { publicOrigin } from "@/lib/saml/public-origin";

export const dynamic = "force-dynamic";

/** Username-password logon (form POST from the Login URL page); back to the page with the outcome. */
export async function POST(req: Request, ctx: { params: Promise<{ directoryName: string }> }) {
  const { directoryName } = await ctx.params;
  const origin = publicOrigin(req);
  const settings = await findByDirectoryName(directoryName);
  if (!settings) return new NextResponse("Not found", { status: 404 });
  const page = loginUrl(origin, settings.directoryName);
  if (!sameOrigin(req, origin)) return new NextResponse("Cross-site sign-in refused.", { status: 403 });
  let userName = "";
  let password = "";
  try {
    const form = await req.formData();
    userName = String(form.get("username") ?? "").trim().slice(0, 128);
    password = String(form.get("password") ?? "").slice(0, 128);
  } catch {
    /* empty form: refused below */
  }
  if (!userName || !password) return NextResponse.redirect(`${page}?error=${encodeURIComponent("Enter the username and the password.")}`, 303);
  const outcome = await passwordLogon(settings, userName, password);
  if (!outcome.ok) {
    return NextResponse.redirect(`${page}?error=${encodeURIComponent(outcome.message)}&username=${encodeURIComponent(userName)}`, 303);
  }
  const res = NextResponse.redirect(page, 303);
  res.cookies.set(PORTAL_COOKIE, outcome.token, portalCookieOptions(origin, outcome.expiresAt));
  return res;
}

import "server-only";
import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { portalSignInSchema } from "@/lib/idaas/sso/schemas";
import { portalPath } from "@/lib/idaas/sso/urls";
import { publicOrigin } from "@/lib/saml/public-origin";
import { checkCredentials } from "./passwords";
import { createPortalSession, endPortalSession, portalCookie } from "./session";
import { recordSignIn } from "./sign-in-log";
import { SIGN_IN_EVENTS, SIGN_IN_REASONS } from "./vocabulary";

/**
 * The portal's sign-in and sign-out form posts (HTML forms, answered with 303 redirects so they
 * work without script). A failed sign-in goes back to the form with the reason; a successful one
 * continues to the SSO URL it came from, if any, else to the portal's tiles.
 */

/** Only this server's own SSO endpoint may be continued to (no open redirect). */
export function safeContinue(value: string | undefined | null): string | null {
  if (!value || !value.startsWith("/saml/idp/") || value.includes("\\") || value.includes("//")) return null;
  return value;
}

function back(origin: string, instanceId: string, params: Record<string, string | null | undefined>): NextResponse {
  const to = new URL(portalPath(instanceId), origin);
  for (const [k, v] of Object.entries(params)) if (v) to.searchParams.set(k, v);
  return NextResponse.redirect(to, 303);
}

/** A form posted from another site is refused (login CSRF); browsers send Origin on form posts. */
function crossSite(req: Request, origin: string): boolean {
  const from = req.headers.get("origin");
  return Boolean(from && from !== "null" && from !== origin && from !== new URL(req.url).origin);
}

export async function portalSignIn(req: Request, instanceId: string): Promise<Response> {
  const origin = publicOrigin(req);
  const instance = await db.idaasInstance.findUnique({ where: { id: instanceId }, select: { id: true } });
  if (!instance) return new NextResponse("Not found", { status: 404 });
  if (crossSite(req, origin)) return new NextResponse("Cross-site sign-in refused.", { status: 403 });
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return back(origin, instanceId, { error: "missing" });
  }
  const raw = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
  const parsed = portalSignInSchema.safeParse(raw);
  const next = safeContinue(typeof raw.continue === "string" ? raw.continue : null);
  if (!parsed.success) {
    return back(origin, instanceId, { error: "missing", continue: next });
  }
  const { username, password } = parsed.data;
  const check = await checkCredentials(instanceId, username, password);
  if (!check.ok) {
    await recordSignIn({ instanceId, username, accountId: check.account?.id, event: SIGN_IN_EVENTS.portal, result: "Failure", reason: SIGN_IN_REASONS[check.reason] });
    return back(origin, instanceId, { error: check.reason, username, continue: next });
  }
  const session = await createPortalSession(instanceId, check.account.id);
  await recordSignIn({ instanceId, username: check.account.username, accountId: check.account.id, event: SIGN_IN_EVENTS.portal, result: "Success" });
  const res = NextResponse.redirect(new URL(next ?? portalPath(instanceId), origin), 303);
  res.cookies.set(portalCookie(session.token, session.expiresAt));
  return res;
}

export async function portalSignOut(req: Request, instanceId: string): Promise<Response> {
  const origin = publicOrigin(req);
  await endPortalSession();
  const res = back(origin, instanceId, { signedOut: "1" });
  res.cookies.set({ ...portalCookie("", new Date(0)), maxAge: 0 });
  return res;
}

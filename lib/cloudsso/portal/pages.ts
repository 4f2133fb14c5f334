import "server-only";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { NextResponse } from "next/server";
import { findByDirectoryName } from "@/lib/cloudsso/sso/settings";
import { PORTAL_COOKIE, portalUser } from "./session";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * The page a refused SAML sign-in ends on (the ACS answers it directly, so nothing is reflected
 * through a URL): the error code, what it means, the detail and where to go next. All text escaped.
 */
export function signInErrorPage(opts: { status: number; code: string; message: string; detail: string; loginUrl?: string }): NextResponse {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(opts.code)} — CloudSSO user portal</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{margin:0;font:12px/1.6 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#333;background:#f5f5f5}
main{max-width:560px;margin:12vh auto;background:#fff;border-radius:4px;padding:32px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.brand{display:flex;gap:8px;align-items:center;color:#ff6a00;font-size:16px;font-weight:500;margin-bottom:24px}
.brand i{display:block;width:22px;height:22px;border-radius:2px;background:#ff6a00}
h1{font-size:20px;font-weight:500;margin:0 0 12px;color:#d93026}
code{background:#f7f9fa;padding:1px 4px;border-radius:2px}
p{margin:0 0 12px;color:#555}
a{color:#0064c8;text-decoration:none}
</style></head>
<body><main role="alert">
<div class="brand"><i aria-hidden="true"></i>CloudSSO</div>
<h1>Sign-in failed: ${escapeHtml(opts.code)}</h1>
<p>${escapeHtml(opts.message)}</p>
${opts.detail ? `<p>${escapeHtml(opts.detail)}</p>` : ""}
${opts.loginUrl ? `<p><a href="${escapeHtml(opts.loginUrl)}">Back to the CloudSSO user portal logon page</a></p>` : ""}
</main></body></html>`;
  return new NextResponse(html, { status: opts.status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

/** A form POST from another site is refused (login CSRF); the ACS is the one cross-site POST we accept. */
export function sameOrigin(req: Request, origin: string): boolean {
  const from = req.headers.get("origin");
  if (!from) return true;
  try {
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
    return from === origin || (host !== null && new URL(from).host === host);
  } catch {
    return false;
  }
}

/**
 * What every page under the Login URL starts with: the directory of that name (404 when none), the
 * Login URL path, and the signed-in portal user — re-checked on every request, so a user disabled or
 * deleted since sign-in is null here.
 */
export async function portalPage(directoryName: string) {
  const settings = await findByDirectoryName(directoryName);
  if (!settings) notFound();
  const base = `/signin/${encodeURIComponent(settings.directoryName)}`;
  const token = (await cookies()).get(PORTAL_COOKIE)?.value;
  const signedIn = await portalUser(token, settings.directoryId);
  /** A session cookie came but no live session stands behind it (ended, expired, user disabled). */
  const sessionEnded = Boolean(token) && !signedIn;
  return { settings, base, signedIn, sessionEnded };
}

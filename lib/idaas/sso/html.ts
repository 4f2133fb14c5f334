import "server-only";

/**
 * The two HTML answers of the SSO endpoint: the HTTP-POST binding's auto-submitting form, and a
 * refusal page a user can act on. Every value is HTML-escaped (the ACS URL was typed by an admin).
 */
const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const STYLE =
  "body{font:14px/1.6 -apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#333;background:#f5f5f5;margin:0}" +
  "main{max-width:560px;margin:80px auto;background:#fff;border-radius:4px;padding:32px}" +
  "h1{font-size:20px;font-weight:500;margin:0 0 12px}a,button{color:#0064c8}" +
  "button{background:#0064c8;color:#fff;border:0;border-radius:2px;padding:6px 16px;font-size:14px;cursor:pointer}";

const HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
};

function page(title: string, body: string, extraHead = ""): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style>${extraHead}</head><body><main>${body}</main></body></html>`;
}

/** Posts the signed response to the ACS URL (script submits it; without script, the button does). */
export function autoPostResponse(target: { acsUrl: string; samlResponse: string; relayState?: string; applicationName: string }): Response {
  const fields =
    `<input type="hidden" name="SAMLResponse" value="${escapeHtml(target.samlResponse)}">` +
    (target.relayState ? `<input type="hidden" name="RelayState" value="${escapeHtml(target.relayState)}">` : "");
  const body =
    `<h1>Signing in to ${escapeHtml(target.applicationName)}…</h1>` +
    `<form id="saml-post" method="post" action="${escapeHtml(target.acsUrl)}">${fields}` +
    `<p>If nothing happens, <button type="submit">Continue</button></p></form>` +
    `<script>document.getElementById("saml-post").submit();</script>`;
  return new Response(page(`Signing in to ${target.applicationName}`, body), { status: 200, headers: HEADERS });
}

/** A refusal: what happened and what to do, with a way back to the portal. */
export function refusalResponse(status: number, title: string, message: string, back?: { href: string; label: string }): Response {
  const body =
    `<h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(message)}</p>` +
    (back ? `<p><a href="${escapeHtml(back.href)}">${escapeHtml(back.label)}</a></p>` : "");
  return new Response(page(title, body), { status, headers: HEADERS });
}

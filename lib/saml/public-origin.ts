import "server-only";

/**
 * The public origin SAML URLs are built on: PUBLIC_URL when set (a deployment behind a proxy), else
 * the origin the request came to. The IdP's Entity ID and SSO URL in its metadata and the ones its
 * endpoints answer on come from here, so they always agree.
 */
export function publicOrigin(req?: Request): string {
  const fromEnv = process.env.PUBLIC_URL;
  if (fromEnv) return fromEnv.replace(/\/+$/, "");
  if (!req) return `http://localhost:${process.env.PORT ?? "3000"}`;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
  return host ? `${proto}://${host}` : new URL(req.url).origin;
}

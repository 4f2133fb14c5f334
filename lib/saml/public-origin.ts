import "server-only";

/**
 * The public origin SAML URLs are built on: PUBLIC_URL when set (a deployment behind a proxy), else
 * the origin the request came to. Both products build their SAML URLs on it (IDaaS's IdP Entity ID and SSO URL, CloudSSO's SP
 * Entity ID, ACS and Login URL), so the URLs an admin copies and the ones the endpoints compare
 * against always agree.
 */
export function publicOrigin(req?: Request): string {
  const fromEnv = process.env.PUBLIC_URL;
  if (fromEnv) return fromEnv.replace(/\/+$/, "");
  if (!req) return `http://localhost:${process.env.PORT ?? "3000"}`;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
  return host ? `${proto}://${host}` : new URL(req.url).origin;
}

/** The same origin for a server component, from the incoming request's headers. */
export function publicOriginFromHeaders(h: Headers): string {
  const fromEnv = process.env.PUBLIC_URL;
  if (fromEnv) return fromEnv.replace(/\/+$/, "");
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? `localhost:${process.env.PORT ?? "3000"}`;
  return `${h.get("x-forwarded-proto") ?? "http"}://${host}`;
}

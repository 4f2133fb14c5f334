import "server-only";

/**
 * The public origin every SSO URL is built on: PUBLIC_URL when set (a deployment behind a proxy),
 * else the origin the request came to. The SP Entity ID and ACS URL the admin copies and the ones
 * the ACS compares a response against come from here, so they always agree.
 */
export function publicOrigin(req?: Request): string {
  const fromEnv = process.env.PUBLIC_URL;
  if (fromEnv) return fromEnv.replace(/\/+$/, "");
  if (!req) return "http://localhost:3000";
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
  return host ? `${proto}://${host}` : new URL(req.url).origin;
}

/** The same origin for a server component, from the incoming request's headers. */
export function publicOriginFromHeaders(h: Headers): string {
  const fromEnv = process.env.PUBLIC_URL;
  if (fromEnv) return fromEnv.replace(/\/+$/, "");
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  return `${h.get("x-forwarded-proto") ?? "http"}://${host}`;
}

export const spEntityId = (origin: string, directoryId: string) => `${origin}/saml/sp/${encodeURIComponent(directoryId)}`;
export const acsUrl = (origin: string, acsId: string) => `${origin}/saml/acs/${encodeURIComponent(acsId)}`;
export const loginUrl = (origin: string, directoryName: string) => `${origin}/signin/${encodeURIComponent(directoryName)}`;

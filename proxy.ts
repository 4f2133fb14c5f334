import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { authSecret } from "@/lib/auth-secret";
import { MALFORMED_PATH_DETAIL, scimErrorBody } from "@/lib/scim/errors";

/** IDaaS portal `/portal/<instanceId>`, CloudSSO Login URL `/signin/<DirectoryName>`, SAML IdP/SP endpoints, portal APIs. */
const END_USER_PREFIXES = ["/portal/", "/signin/", "/saml/", "/api/portal/"];

/**
 * Console pages redirect to sign-in and console APIs answer 401 JSON without a session.
 * SCIM (/scim/v2) uses bearer credentials and is not handled here, except for malformed paths.
 */
export async function proxy(req: NextRequest) {
  const malformed = malformedPathResponse(req.nextUrl.pathname);
  if (malformed) return malformed;
  if (req.nextUrl.pathname.startsWith("/scim/")) return NextResponse.next();
  // End-user routes (the IDaaS and CloudSSO user portals, SAML endpoints) never use the admin
  // session: each checks its own portal session cookie, and no portal session opens a console route.
  if (END_USER_PREFIXES.some((p) => req.nextUrl.pathname.startsWith(p))) return NextResponse.next();
  const token = await getToken({ req, secret: authSecret() });
  if (token) return NextResponse.next();
  const { pathname, search } = req.nextUrl;
  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: "Authentication required. Sign in to the console." }, { status: 401 });
  }
  const login = new URL("/login", req.url);
  login.searchParams.set("callbackUrl", pathname + search);
  return NextResponse.redirect(login);
}

/**
 * A path with malformed percent-encoding (`/scim/v2/Users/%ZZ`, `%C3%28`) makes Next's router throw
 * while decoding route params, and it answers a bare text/plain 500. Proxy runs before that step,
 * so such paths get a 400 here: a SCIM error under /scim, the console's JSON error under /api.
 */
function malformedPathResponse(pathname: string): NextResponse | null {
  if (!pathname.includes("%")) return null;
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    const detail = MALFORMED_PATH_DETAIL;
    if (pathname.startsWith("/scim/")) {
      return new NextResponse(JSON.stringify(scimErrorBody(400, undefined, detail)), {
        status: 400,
        headers: { "content-type": "application/scim+json", "cache-control": "no-store" },
      });
    }
    if (pathname.startsWith("/api/")) return NextResponse.json({ error: detail }, { status: 400 });
    return new NextResponse(detail, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}

export const config = {
  // SCIM requests come here only when their path holds a percent sign (the malformed-path check).
  matcher: ["/", "/cloudsso/:path*", "/idaas/:path*", "/api/((?!auth/|health$).*)", "/scim/:path(.*%.*)"],
};

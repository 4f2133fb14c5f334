import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { authSecret } from "@/lib/auth-secret";

/**
 * Console pages redirect to sign-in and console APIs answer 401 JSON without a session.
 * SCIM (/scim/v2) uses bearer credentials and is not handled here.
 */
export async function proxy(req: NextRequest) {
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

export const config = {
  matcher: ["/", "/cloudsso/:path*", "/idaas/:path*", "/api/((?!auth/|health$).*)"],
};

import { NextResponse } from "next/server";
import { cookies } from "next/headers";
import { PORTAL_COOKIE, portalUser } from "@/lib/cloudsso/portal/session";

export const dynamic = "force-dynamic";

/** The CloudSSO portal user of this request's portal session; 401 without one (the admin session does not count). */
export async function GET() {
  const signedIn = await portalUser((await cookies()).get(PORTAL_COOKIE)?.value);
  if (!signedIn) return NextResponse.json({ error: "Sign in to the CloudSSO user portal." }, { status: 401, headers: { "cache-control": "no-store" } });
  return NextResponse.json(
    {
      userName: signedIn.user.userName,
      displayName: signedIn.user.displayName,
      method: signedIn.method,
      sessionExpiresAt: signedIn.sessionExpiresAt.toISOString(),
    },
    { headers: { "cache-control": "no-store" } },
  );
}

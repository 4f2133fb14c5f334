import { NextResponse } from "next/server";
import { cookies } from "next/headers";
import { effectiveAccessForUser } from "@/lib/cloudsso/access/effective";
import { PORTAL_COOKIE, portalUser } from "@/lib/cloudsso/portal/session";

export const dynamic = "force-dynamic";

/** Log on as RAM Role, as JSON: the accounts and access configurations the portal user holds now. */
export async function GET() {
  const signedIn = await portalUser((await cookies()).get(PORTAL_COOKIE)?.value);
  if (!signedIn) return NextResponse.json({ error: "Sign in to the CloudSSO user portal." }, { status: 401, headers: { "cache-control": "no-store" } });
  const items = await effectiveAccessForUser(signedIn.user.id, signedIn.directoryId);
  return NextResponse.json({ items }, { headers: { "cache-control": "no-store" } });
}

import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import { recordSignIn } from "./sign-in-log";
import { SIGN_IN_EVENTS, SIGN_IN_REASONS, type SignInReason } from "./vocabulary";

/**
 * The IDaaS user portal's own session, apart from the console's next-auth session: a random token
 * in an HttpOnly, SameSite=Lax cookie, its SHA-256 in the database, 8 hours. Every request
 * re-reads the account, so a disabled or deleted account is refused on its next request.
 */
export const PORTAL_COOKIE = "idaas_portal_session";
export const PORTAL_SESSION_SECONDS = 8 * 60 * 60;

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export interface PortalAccount {
  id: string;
  username: string;
  displayName: string;
  email: string;
  primaryUnitId: string;
  extraUnitIds: string[];
}

export type PortalSession =
  | { state: "none" }
  /** There was a session, and it no longer counts: the reason is shown on the sign-in page. */
  | { state: "refused"; reason: SignInReason }
  | { state: "active"; instanceId: string; account: PortalAccount; expiresAt: Date };

export async function createPortalSession(instanceId: string, accountId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + PORTAL_SESSION_SECONDS * 1000);
  await db.idaasPortalSession.create({ data: { tokenHash: hashToken(token), accountId, instanceId, expiresAt } });
  return { token, expiresAt };
}

/** Cookie attributes; Secure when the public URL is https. */
export function portalCookie(token: string, expiresAt: Date) {
  return {
    name: PORTAL_COOKIE,
    value: token,
    httpOnly: true,
    sameSite: "lax" as const,
    secure: (process.env.PUBLIC_URL ?? "").startsWith("https:"),
    path: "/",
    expires: expiresAt,
  };
}

/** The current request's portal session for `instanceId`, checked against the account now. */
export async function currentPortalSession(instanceId: string): Promise<PortalSession> {
  const token = (await cookies()).get(PORTAL_COOKIE)?.value;
  if (!token || token.length > 256) return { state: "none" };
  const tokenHash = hashToken(token);
  const row = await db.idaasPortalSession.findUnique({
    where: { tokenHash },
    include: { account: { include: { extraUnits: { select: { unitId: true } } } } },
  });
  // A deleted account takes its sessions with it (cascade): the cookie then finds nothing.
  if (!row || row.instanceId !== instanceId) return { state: "none" };
  const { account } = row;
  let reason: SignInReason | null = null;
  if (row.expiresAt.getTime() <= Date.now()) reason = "expired";
  else if (account.status !== "Enabled") reason = "disabled";
  if (reason) {
    await db.idaasPortalSession.deleteMany({ where: { tokenHash } });
    await recordSignIn({
      instanceId,
      username: account.username,
      accountId: account.id,
      event: SIGN_IN_EVENTS.refused,
      result: "Failure",
      reason: SIGN_IN_REASONS[reason],
    });
    return { state: "refused", reason };
  }
  return {
    state: "active",
    instanceId,
    expiresAt: row.expiresAt,
    account: {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      email: account.email,
      primaryUnitId: account.primaryUnitId,
      extraUnitIds: account.extraUnits.map((u) => u.unitId),
    },
  };
}

/** Sign Out: the session ends on the server, whatever happens to the cookie. */
export async function endPortalSession(): Promise<void> {
  const token = (await cookies()).get(PORTAL_COOKIE)?.value;
  if (token) await db.idaasPortalSession.deleteMany({ where: { tokenHash: hashToken(token) } });
}

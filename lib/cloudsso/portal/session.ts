import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SignInMethod } from "./sign-in-log";

/** The CloudSSO user portal's own cookie; the admin consoles' next-auth session is never read here. */
export const PORTAL_COOKIE = "cloudsso_portal_session";
/** CloudSSO: the user portal session lasts 8 hours and cannot be changed. */
export const PORTAL_SESSION_SECONDS = 8 * 60 * 60;

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

type Tx = Prisma.TransactionClient | typeof db;

/** A new portal session: a random token for the cookie; only its hash is stored. */
export async function createPortalSession(
  tx: Tx,
  s: { userId: string; directoryId: string; method: SignInMethod },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + PORTAL_SESSION_SECONDS * 1000);
  await tx.ssoPortalSession.create({ data: { tokenHash: hash(token), userId: s.userId, directoryId: s.directoryId, method: s.method, expiresAt } });
  return { token, expiresAt };
}

/** Set-Cookie options of the portal session: HttpOnly, SameSite=Lax, Secure on https, 8 h. */
export function portalCookieOptions(origin: string, expiresAt?: Date) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: origin.startsWith("https:"),
    path: "/",
    ...(expiresAt ? { expires: expiresAt } : { maxAge: 0 }),
  };
}

export interface PortalUser {
  sessionExpiresAt: Date;
  method: SignInMethod;
  directoryId: string;
  user: { id: string; userName: string; displayName: string; email: string };
}

/**
 * The signed-in portal user, re-read on every request: no session, an expired one, or a user
 * since disabled or deleted (e.g. by SCIM from the IdP) → null, so the next click is refused.
 */
export async function portalUser(token: string | undefined, directoryId?: string): Promise<PortalUser | null> {
  if (!token || token.length > 200) return null;
  const session = await db.ssoPortalSession.findUnique({
    where: { tokenHash: hash(token) },
    include: { user: { select: { id: true, userName: true, displayName: true, email: true, status: true, directoryId: true } } },
  });
  if (!session) return null;
  if (session.expiresAt.getTime() <= Date.now() || session.user.status !== "Enabled" || session.user.directoryId !== session.directoryId) {
    return null;
  }
  if (directoryId && session.directoryId !== directoryId) return null;
  return {
    sessionExpiresAt: session.expiresAt,
    method: session.method === "SSO" ? "SSO" : "Password",
    directoryId: session.directoryId,
    user: { id: session.user.id, userName: session.user.userName, displayName: session.user.displayName, email: session.user.email },
  };
}

export async function endPortalSession(token: string | undefined): Promise<void> {
  if (!token || token.length > 200) return;
  await db.ssoPortalSession.deleteMany({ where: { tokenHash: hash(token) } });
}

/** Housekeeping on each sign-in: expired sessions, answered-or-expired requests, expired assertion IDs. */
export async function pruneExpired(): Promise<void> {
  const now = new Date();
  await db.$transaction([
    db.ssoPortalSession.deleteMany({ where: { expiresAt: { lte: now } } }),
    db.ssoSamlRequest.deleteMany({ where: { expiresAt: { lte: now } } }),
    db.ssoSamlAssertionUse.deleteMany({ where: { expiresAt: { lte: now } } }),
  ]);
}

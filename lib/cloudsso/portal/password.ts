import "server-only";
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { lookupKey } from "../user-row";
import type { LogonSettings } from "../sso/settings";
import { logonSettings } from "../sso/settings";
import { createPortalSession, pruneExpired } from "./session";
import { recordSignIn } from "./sign-in-log";

/**
 * Set Password: the admin gives a user a portal password for username-password logon. Like
 * CloudSSO's ResetUserPassword it is unavailable while SSO Logon is on.
 */
export async function setPortalPassword(userId: string, password: string): Promise<void> {
  const user = await db.ssoUser.findUnique({ where: { id: userId }, select: { id: true, directoryId: true } });
  if (!user) throw new NotFoundError("The user does not exist.");
  const settings = await logonSettings(user.directoryId);
  if (settings.ssoEnabled) throw new ConflictError("Passwords cannot be set while SSO logon is enabled: users sign in through the IdP.");
  const passwordHash = await bcrypt.hash(password, 10);
  await db.ssoUserPassword.upsert({
    where: { userId },
    update: { passwordHash, updatedAt: new Date() },
    create: { userId, passwordHash },
  });
}

export async function hasPortalPassword(userId: string): Promise<boolean> {
  return (await db.ssoUserPassword.count({ where: { userId } })) > 0;
}

// A bcrypt hash of a random string: an unknown username costs the same time as a known one.
let dummyHash: string | null = null;
const dummy = () => (dummyHash ??= bcrypt.hashSync(randomBytes(16).toString("hex"), 10));

/** Username-password logon on the Login URL: refused while SSO Logon is on, for a disabled user, or a wrong password. */
export async function passwordLogon(
  settings: LogonSettings,
  userName: string,
  password: string,
): Promise<{ ok: true; token: string; expiresAt: Date } | { ok: false; message: string }> {
  const base = { directoryId: settings.directoryId, userName: userName.slice(0, 64) || "-", method: "Password" as const };
  if (settings.ssoEnabled) {
    await recordSignIn({ ...base, result: "Failure", reason: "PasswordLogonDisabled" });
    return { ok: false, message: "Password logon is disabled because SSO logon is enabled. Use Redirect to sign in through your IdP." };
  }
  await pruneExpired();
  const user = await db.ssoUser.findUnique({
    where: { directoryId_userNameLower: { directoryId: settings.directoryId, userNameLower: lookupKey(userName) } },
    select: { id: true, userName: true, status: true, portalPassword: { select: { passwordHash: true } } },
  });
  const matches = await bcrypt.compare(password, user?.portalPassword?.passwordHash ?? dummy());
  if (!user || !user.portalPassword || !matches) {
    await recordSignIn({ ...base, userId: user?.id, result: "Failure", reason: "InvalidCredentials" });
    return { ok: false, message: "The username or password is incorrect." };
  }
  if (user.status !== "Enabled") {
    await recordSignIn({ ...base, userId: user.id, result: "Failure", reason: "InvalidUser", detail: `The CloudSSO user "${user.userName}" is disabled.` });
    return { ok: false, message: "This user is disabled and cannot sign in." };
  }
  const session = await db.$transaction(async (tx) => {
    const created = await createPortalSession(tx, { userId: user.id, directoryId: settings.directoryId, method: "Password" });
    await recordSignIn({ ...base, userName: user.userName, userId: user.id, result: "Success" }, tx);
    return created;
  });
  return { ok: true, ...session };
}

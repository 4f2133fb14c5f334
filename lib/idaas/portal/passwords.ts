import "server-only";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db";
import { getAccount } from "@/lib/idaas/accounts";
import type { SignInReason } from "./vocabulary";

const COST = 10;
/** Compared against when the username is unknown, so both cases take the same time. */
const DUMMY_HASH = "$2a$10$CwTycUXWue0Thq9StjUM0uJ8.hLvBqD0Rk9OGmtAAEfHxIjGbPd3K";

export const hashPassword = (password: string) => bcrypt.hash(password, COST);

/**
 * Reset Password: the admin sets the account's portal password. Open portal sessions of the
 * account end, as after any password reset. The password itself is never stored nor logged.
 */
export async function resetAccountPassword(instanceId: string, accountId: string, password: string): Promise<void> {
  await getAccount(instanceId, accountId);
  const passwordHash = await hashPassword(password);
  await db.$transaction([
    db.idaasAccountPassword.upsert({
      where: { accountId },
      update: { passwordHash, updatedAt: new Date() },
      create: { accountId, passwordHash },
    }),
    db.idaasPortalSession.deleteMany({ where: { accountId } }),
  ]);
}

/** Whether the account has a portal password (the account page says so; the hash never leaves). */
export async function hasPassword(accountId: string): Promise<{ set: boolean; updatedAt: string | null }> {
  const row = await db.idaasAccountPassword.findUnique({ where: { accountId }, select: { updatedAt: true } });
  return { set: Boolean(row), updatedAt: row?.updatedAt.toISOString() ?? null };
}

export type CredentialCheck =
  | { ok: true; account: { id: string; username: string } }
  | { ok: false; reason: SignInReason; account?: { id: string; username: string } };

/**
 * The portal's username/password check. A wrong password and an unknown username read the same;
 * only after the right password does the user learn that the account is disabled.
 */
export async function checkCredentials(instanceId: string, username: string, password: string): Promise<CredentialCheck> {
  const account = await db.idaasAccount.findFirst({
    where: { instanceId, usernameLower: username.toLowerCase() },
    select: { id: true, username: true, status: true, password: { select: { passwordHash: true } } },
  });
  const hash = account?.password?.passwordHash;
  const matches = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  if (!account) return { ok: false, reason: "badCredentials" };
  const who = { id: account.id, username: account.username };
  if (!hash) return { ok: false, reason: "noPassword", account: who };
  if (!matches) return { ok: false, reason: "badCredentials", account: who };
  if (account.status !== "Enabled") return { ok: false, reason: "disabled", account: who };
  return { ok: true, account: who };
}

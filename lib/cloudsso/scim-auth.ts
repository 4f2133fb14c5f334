import "server-only";
import { timingSafeEqual } from "node:crypto";
import { hashSecret } from "./credentials";
import { sqlDate, stmt } from "./scim-sql";

/**
 * Bearer authentication for the SCIM endpoint, on the raw connection (it runs on every request):
 * lookup by the digest credentials.ts stores, constant-time compare, then status and expiry; the
 * credential's directory decides what the request can see.
 */
export type ScimAuth =
  | { ok: true; directoryId: string; credentialId: string; scimEnabled: boolean }
  | { ok: false; detail: string; credentialId?: string; directoryId?: string };

interface Row {
  id: string;
  directoryId: string;
  secretHash: string;
  status: string;
  expiresAt: string | number;
  lastUsedAt: string | number | null;
  scimEnabled: number;
}

/**
 * "Last used" on the Settings page's credentials table. Written at most once per
 * LAST_USED_EVERY_MS per credential, after the response is under way, so the hot path pays a
 * map lookup and nothing else; a write that meets a busy database is skipped (the next use retries).
 */
export const LAST_USED_EVERY_MS = 30_000;
const globalForAuth = globalThis as unknown as { scimLastUsed?: Map<string, number> };
const lastUsedWrites = (globalForAuth.scimLastUsed ??= new Map());

function noteUse(credentialId: string, storedLastUsed: string | number | null) {
  const now = Date.now();
  const known = Math.max(lastUsedWrites.get(credentialId) ?? 0, storedLastUsed == null ? 0 : new Date(storedLastUsed).getTime());
  if (now - known < LAST_USED_EVERY_MS) return;
  lastUsedWrites.set(credentialId, now);
  if (lastUsedWrites.size > 1000) lastUsedWrites.clear();
  setImmediate(() => {
    try {
      stmt("UPDATE SsoScimCredential SET lastUsedAt = ? WHERE id = ?").run(sqlDate(new Date(now)), credentialId);
    } catch {
      lastUsedWrites.delete(credentialId);
    }
  });
}

export function authenticateScimRequest(authorization: string | null): ScimAuth {
  if (!authorization) return { ok: false, detail: "Authentication required: send Authorization: Bearer <SCIM credential>." };
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m) return { ok: false, detail: "The Authorization header must use the Bearer scheme." };
  const digest = hashSecret(m[1]);
  const row = stmt(
    `SELECT c.id, c.directoryId, c.secretHash, c.status, c.expiresAt, c.lastUsedAt, d.scimEnabled
       FROM SsoScimCredential c JOIN SsoDirectory d ON d.id = c.directoryId
      WHERE c.secretHash = ?`,
  ).get(digest) as Row | undefined;
  if (!row || !timingSafeEqual(Buffer.from(row.secretHash, "hex"), Buffer.from(digest, "hex"))) {
    return { ok: false, detail: "The bearer token is not a valid SCIM credential." };
  }
  const who = { credentialId: row.id, directoryId: row.directoryId };
  if (row.status !== "Enabled") return { ok: false, detail: "The SCIM credential is disabled.", ...who };
  if (new Date(row.expiresAt).getTime() <= Date.now()) return { ok: false, detail: "The SCIM credential has expired.", ...who };
  noteUse(row.id, row.lastUsedAt);
  return { ok: true, directoryId: row.directoryId, credentialId: row.id, scimEnabled: row.scimEnabled === 1 };
}

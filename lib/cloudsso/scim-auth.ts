import "server-only";
import { timingSafeEqual } from "node:crypto";
import { hashSecret } from "./credentials";
import { stmt } from "./scim-sql";

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
  scimEnabled: number;
}

export function authenticateScimRequest(authorization: string | null): ScimAuth {
  if (!authorization) return { ok: false, detail: "Authentication required: send Authorization: Bearer <SCIM credential>." };
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m) return { ok: false, detail: "The Authorization header must use the Bearer scheme." };
  const digest = hashSecret(m[1]);
  const row = stmt(
    `SELECT c.id, c.directoryId, c.secretHash, c.status, c.expiresAt, d.scimEnabled
       FROM SsoScimCredential c JOIN SsoDirectory d ON d.id = c.directoryId
      WHERE c.secretHash = ?`,
  ).get(digest) as Row | undefined;
  if (!row || !timingSafeEqual(Buffer.from(row.secretHash, "hex"), Buffer.from(digest, "hex"))) {
    return { ok: false, detail: "The bearer token is not a valid SCIM credential." };
  }
  const who = { credentialId: row.id, directoryId: row.directoryId };
  if (row.status !== "Enabled") return { ok: false, detail: "The SCIM credential is disabled.", ...who };
  if (new Date(row.expiresAt).getTime() <= Date.now()) return { ok: false, detail: "The SCIM credential has expired.", ...who };
  return { ok: true, directoryId: row.directoryId, credentialId: row.id, scimEnabled: row.scimEnabled === 1 };
}

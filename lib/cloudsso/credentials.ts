import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { DEFAULT_DIRECTORY_ID, ensureDefaultDirectory } from "./directory";

export const MAX_CREDENTIALS_PER_DIRECTORY = 2;
const VALIDITY_MS = 365 * 24 * 60 * 60 * 1000;

export interface CredentialView {
  CredentialId: string;
  CredentialType: "BearerToken";
  Status: "Enabled" | "Disabled";
  CreateTime: string;
  ExpireTime: string;
  /** Last successful SCIM authentication (updated at most every 30 s); null if never used. */
  LastUsedTime: string | null;
}

/** What is stored of a credential's secret, and what a presented bearer token is compared by (scim-auth.ts). */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

function view(c: { id: string; status: string; createdAt: Date; expiresAt: Date; lastUsedAt: Date | null }): CredentialView {
  return {
    CredentialId: c.id,
    CredentialType: "BearerToken",
    Status: c.status === "Disabled" ? "Disabled" : "Enabled",
    CreateTime: c.createdAt.toISOString(),
    ExpireTime: c.expiresAt.toISOString(),
    LastUsedTime: c.lastUsedAt?.toISOString() ?? null,
  };
}

export async function listCredentials(directoryId = DEFAULT_DIRECTORY_ID): Promise<CredentialView[]> {
  const rows = await db.ssoScimCredential.findMany({ where: { directoryId }, orderBy: { createdAt: "asc" } });
  return rows.map(view);
}

/**
 * Creates a credential and returns its secret — the only time the secret exists in clear.
 * The limit check and insert share one transaction so two racing requests cannot make a third.
 */
export async function createCredential(
  directoryId = DEFAULT_DIRECTORY_ID,
): Promise<CredentialView & { CredentialSecret: string }> {
  if (directoryId === DEFAULT_DIRECTORY_ID) await ensureDefaultDirectory();
  const secret = randomBytes(32).toString("base64url");
  const created = await db.$transaction(async (tx) => {
    const count = await tx.ssoScimCredential.count({ where: { directoryId } });
    if (count >= MAX_CREDENTIALS_PER_DIRECTORY) {
      throw new ConflictError(
        `A directory can have at most ${MAX_CREDENTIALS_PER_DIRECTORY} SCIM credentials. Delete one before generating a new one.`,
      );
    }
    const now = new Date();
    return tx.ssoScimCredential.create({
      data: {
        id: newId("scimcred", 16),
        directoryId,
        secretHash: hashSecret(secret),
        createdAt: now,
        expiresAt: new Date(now.getTime() + VALIDITY_MS),
      },
    });
  });
  return { ...view(created), CredentialSecret: secret };
}

export async function setCredentialStatus(
  credentialId: string,
  status: "Enabled" | "Disabled",
  directoryId = DEFAULT_DIRECTORY_ID,
) {
  const found = await db.ssoScimCredential.findFirst({ where: { id: credentialId, directoryId } });
  if (!found) throw new NotFoundError(`SCIM credential ${credentialId} does not exist.`);
  return view(await db.ssoScimCredential.update({ where: { id: credentialId }, data: { status } }));
}

export async function deleteCredential(credentialId: string, directoryId = DEFAULT_DIRECTORY_ID) {
  const res = await db.ssoScimCredential.deleteMany({ where: { id: credentialId, directoryId } });
  if (res.count === 0) throw new NotFoundError(`SCIM credential ${credentialId} does not exist.`);
}

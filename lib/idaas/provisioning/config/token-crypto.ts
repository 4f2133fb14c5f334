import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { persistentSecret } from "@/lib/local-secrets";

/**
 * The outbound bearer token IDaaS keeps for each application is encrypted at rest with
 * AES-256-GCM. The key comes from IDAAS_TOKEN_KEY, else is generated once into the data folder.
 */
function key(): Buffer {
  return createHash("sha256").update(persistentSecret("IDAAS_TOKEN_KEY", "idaas-token-key")).digest();
}

export function encryptToken(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function decryptToken(stored: string): string {
  if (!stored) return "";
  const [version, iv, tag, body] = stored.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("Unrecognised token ciphertext");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** What the console shows instead of the token: never more than the last four characters. */
export function maskToken(plain: string): string {
  if (!plain) return "";
  return `${"•".repeat(12)}${plain.length > 12 ? plain.slice(-4) : ""}`;
}

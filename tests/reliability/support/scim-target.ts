import Database from "better-sqlite3";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import type { StartedApp } from "../../setup/server";
import type { ConsoleSession } from "../../support/console-session";

/** Talking to the app's SCIM server as an IdP would, plus direct database set-up for edge cases. */
export const SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

export interface ScimResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body, or undefined when the body is empty or not JSON. */
  json: unknown;
}

export interface ScimRequestInit {
  token?: string | null;
  /** A JS value is JSON-encoded; a string is sent as is. */
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function scimRequest(baseUrl: string, method: string, p: string, init: ScimRequestInit = {}): Promise<ScimResponse> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization ??= `Bearer ${init.token}`;
  let body: string | undefined = init.rawBody;
  if (body === undefined && init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["content-type"] ??= "application/scim+json";
  }
  return readScimResponse(await fetch(`${baseUrl}/scim/v2${p}`, { method, headers, body, redirect: "manual", signal: init.signal }));
}

/** A response's status, headers, text and (when it is JSON) parsed body. */
export async function readScimResponse(res: Response): Promise<ScimResponse> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Why a response is not a well-formed RFC 7644 §3.12 error, or null when it is one. */
export function scimErrorProblem(r: ScimResponse): string | null {
  const ct = r.headers.get("content-type") ?? "";
  if (!ct.startsWith("application/scim+json")) return `content-type is "${ct}"`;
  const b = r.json as { schemas?: unknown; status?: unknown; detail?: unknown } | undefined;
  if (!b || typeof b !== "object") return `body is not JSON: ${r.text.slice(0, 200)}`;
  if (!Array.isArray(b.schemas) || !b.schemas.includes(SCIM_ERROR)) return `schemas is ${JSON.stringify(b.schemas)}`;
  if (b.status !== String(r.status)) return `status ${JSON.stringify(b.status)} differs from HTTP ${r.status}`;
  if (b.detail !== undefined && typeof b.detail !== "string") return "detail is not a string";
  return null;
}

export async function enableScim(s: ConsoleSession, enabled = true) {
  const r = await s.call("PUT", "/api/cloudsso/settings", { enabled });
  if (r.status !== 200) throw new Error(`SCIM switch: ${r.status} ${JSON.stringify(r.body)}`);
}

export async function createCredential(s: ConsoleSession): Promise<{ id: string; secret: string }> {
  const r = await s.call<{ CredentialId: string; CredentialSecret: string }>("POST", "/api/cloudsso/credentials");
  if (r.status !== 200 && r.status !== 201) throw new Error(`Create credential: ${r.status} ${JSON.stringify(r.body)}`);
  return { id: r.body.CredentialId, secret: r.body.CredentialSecret };
}

export function openDb(app: Pick<StartedApp, "dataDir">): Database.Database {
  const db = new Database(path.join(app.dataDir, "app.db"));
  db.pragma("busy_timeout = 10000");
  return db;
}

/** Stored as the SCIM server writes dates (ISO 8601 with an explicit offset). */
export const sqlDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

/**
 * A second CloudSSO directory with SCIM on and one credential, written straight into the database
 * the way credentials.ts would (SHA-256 of the secret): the console manages one directory only.
 */
export function insertDirectoryWithCredential(db: Database.Database, directoryId: string): { id: string; secret: string } {
  const secret = randomBytes(32).toString("base64url");
  const id = `scimcred-${randomBytes(8).toString("hex")}`;
  const now = new Date();
  db.prepare("INSERT INTO SsoDirectory (id, name, scimEnabled, createdAt) VALUES (?, ?, 1, ?)").run(directoryId, `Directory ${directoryId}`, sqlDate(now));
  db.prepare("INSERT INTO SsoScimCredential (id, directoryId, secretHash, status, createdAt, expiresAt) VALUES (?, ?, ?, 'Enabled', ?, ?)").run(
    id,
    directoryId,
    createHash("sha256").update(secret, "utf8").digest("hex"),
    sqlDate(now),
    sqlDate(new Date(now.getTime() + 365 * 86_400_000)),
  );
  return { id, secret };
}

import Database from "better-sqlite3";
import { createHash, randomBytes } from "node:crypto";
import { inject } from "vitest";

/** Shared helpers for the SCIM server's HTTP tests: each test file gets its own directory. */
export const SCIM_JSON = "application/scim+json";
export const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
export const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

export function baseUrl(): string {
  return inject("baseUrl");
}

let conn: Database.Database | undefined;
/** A direct connection to the server's throwaway database (for setup and for checking rows). */
export function database(): Database.Database {
  if (!conn) {
    conn = new Database(inject("databaseUrl").replace(/^file:/, ""));
    conn.pragma("busy_timeout = 5000");
  }
  return conn;
}

const sqlDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

export interface TestDirectory {
  id: string;
  token: string;
  credentialId: string;
}

/** A directory with SCIM on and one enabled credential. */
export function createDirectory(opts: { scimEnabled?: boolean } = {}): TestDirectory {
  const id = `d-test-${randomBytes(6).toString("hex")}`;
  database()
    .prepare("INSERT INTO SsoDirectory (id, name, scimEnabled, createdAt) VALUES (?, ?, ?, ?)")
    .run(id, id, opts.scimEnabled === false ? 0 : 1, sqlDate(new Date()));
  const cred = addCredential(id);
  return { id, ...cred };
}

export function addCredential(directoryId: string, opts: { status?: string; expiresAt?: Date } = {}) {
  const token = randomBytes(32).toString("base64url");
  const credentialId = `scimcred-${randomBytes(8).toString("hex")}`;
  const now = new Date();
  database()
    .prepare("INSERT INTO SsoScimCredential (id, directoryId, secretHash, status, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?, ?)")
    .run(
      credentialId,
      directoryId,
      createHash("sha256").update(token).digest("hex"),
      opts.status ?? "Enabled",
      sqlDate(now),
      sqlDate(opts.expiresAt ?? new Date(now.getTime() + 365 * 864e5)),
    );
  return { token, credentialId };
}

export interface ScimReply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
}

export async function scim(
  method: string,
  path: string,
  opts: { token?: string | null; body?: unknown; raw?: string | Buffer; contentType?: string | null; headers?: Record<string, string> } = {},
): Promise<ScimReply> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let body: string | Buffer | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && opts.contentType !== null) headers["Content-Type"] = opts.contentType ?? SCIM_JSON;
  const res = await fetch(`${baseUrl()}/scim/v2${path}`, { method, headers, body: body as BodyInit | undefined, redirect: "manual" });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** A client bound to one directory's credential. */
export function client(dir: TestDirectory) {
  return (method: string, path: string, opts: Parameters<typeof scim>[2] = {}) => scim(method, path, { token: dir.token, ...opts });
}

export function expectScimError(r: ScimReply, status: number, scimType?: string) {
  const problems: string[] = [];
  if (r.status !== status) problems.push(`status ${r.status} ≠ ${status}: ${r.text}`);
  if (!r.headers.get("content-type")?.includes(SCIM_JSON)) problems.push(`content-type ${r.headers.get("content-type")}`);
  if (!r.body || !Array.isArray(r.body.schemas) || r.body.schemas[0] !== ERROR) problems.push(`not a SCIM error body: ${r.text}`);
  else {
    if (r.body.status !== String(status)) problems.push(`body.status ${r.body.status}`);
    if (scimType !== undefined && r.body.scimType !== scimType) problems.push(`scimType ${r.body.scimType} ≠ ${scimType}`);
    if (typeof r.body.detail !== "string" || r.body.detail.length === 0) problems.push("no detail");
  }
  if (problems.length > 0) throw new Error(problems.join("; "));
}

export function newUser(userName: string, extra: Record<string, unknown> = {}) {
  return { schemas: [USER], userName, ...extra };
}

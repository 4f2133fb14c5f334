import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_DIRECTORY_ID } from "./directory";
import { sql, sqlDate, stmt } from "./scim-sql";

/**
 * The SCIM request log ("what did the IdP actually send, and what did we answer?"). Written on
 * the SCIM connection after each response, in batches: request headers (Authorization shown as
 * "Bearer ****" and its last 4 characters, other credentials replaced), request body, response
 * status, headers and body, and the duration. Secret-looking attributes in bodies are redacted and
 * every body is capped before anything is stored (requests at MAX_LOGGED_BODY, responses at
 * MAX_LOGGED_RESPONSE_BODY).
 */
export interface ScimRequestLogEntry {
  directoryId: string | null;
  credentialId: string | null;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  scimType?: string | null;
  detail?: string | null;
  /** Raw request body text; redacted and capped when the batch is written. */
  requestBody?: string | null;
  /** Request headers as received; redacted when the batch is written. */
  requestHeaders?: Headers | Record<string, string> | null;
  responseHeaders?: Headers | Record<string, string> | null;
  /** Raw response body text; redacted and capped when the batch is written. */
  responseBody?: string | null;
}

const SECRET_KEY = /^(password|secret|token|access_?token|refresh_?token|client_?secret|bearer)$/i;
export const MAX_LOGGED_BODY = 64 * 1024;
/**
 * Response bodies are our own answers and are kept shorter: enough for an error, a resource, and
 * a list's totals with its first resources. A page of 100 users is about 50 KB; keeping it whole
 * cost a quarter of the list throughput at 100,000 users (issue 12) and up to 5 GB of log.
 */
export const MAX_LOGGED_RESPONSE_BODY = 8 * 1024;
/** A longer body is cut before it is queued: the queue stays bounded, the cut is redacted as text. */
const MAX_QUEUED_BODY = 4 * MAX_LOGGED_BODY;
const KEEP_ROWS = 100_000;
const REDACTED = "[REDACTED]";
const SECRET_TEXT = /("(?:password|secret|token|access_?token|refresh_?token|client_?secret)"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}\s]*)/gi;

function redactValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactValue);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, SECRET_KEY.test(k) ? REDACTED : redactValue(x)]));
  }
  return v;
}

function cap(out: string): string {
  return out.length > MAX_LOGGED_BODY ? `${out.slice(0, MAX_LOGGED_BODY)}… (truncated, ${out.length} characters)` : out;
}

/** Secret-looking attributes replaced (also in unparseable bodies), then capped at MAX_LOGGED_BODY. */
export function redactBody(text: string | null | undefined): string | null {
  if (!text) return null;
  let out: string;
  try {
    out = JSON.stringify(redactValue(JSON.parse(text)));
  } catch {
    out = text.replace(SECRET_TEXT, `$1"${REDACTED}"`);
  }
  return cap(out);
}

/**
 * A response body this server produced (write-only attributes such as password are never
 * returned): capped at MAX_LOGGED_RESPONSE_BODY first, then the text-level redaction as a safety
 * net. No JSON parse: list responses are the SCIM hot path's largest bodies and this runs for
 * every logged request.
 */
export function redactResponseBody(text: string | null | undefined): string | null {
  if (!text) return null;
  const cut = text.length > MAX_LOGGED_RESPONSE_BODY ? text.slice(0, MAX_LOGGED_RESPONSE_BODY) : text;
  const out = cut.replace(SECRET_TEXT, `$1"${REDACTED}"`);
  return cut === text ? out : `${out}… (truncated, ${text.length} characters)`;
}

/** Headers whose whole value is a credential. */
const SECRET_HEADERS = new Set(["cookie", "set-cookie", "proxy-authorization", "x-api-key", "api-key", "x-auth-token"]);

/** "Bearer ****abcd": enough to tell two credentials apart, never the secret. */
export function redactAuthorization(value: string): string {
  const m = /^(\S+)\s+(\S+)\s*$/.exec(value);
  if (!m) return "****";
  return `${m[1]} ****${m[2].length >= 16 ? m[2].slice(-4) : ""}`;
}

/** Header names lower-cased, credentials redacted, as one JSON object. */
export function redactHeaders(headers: Headers | Record<string, string> | null | undefined): string | null {
  if (!headers) return null;
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  const out: Record<string, string> = {};
  for (const [name, value] of entries) {
    const key = name.toLowerCase();
    out[key] = key === "authorization" ? redactAuthorization(value) : SECRET_HEADERS.has(key) ? REDACTED : value.slice(0, 2048);
  }
  return JSON.stringify(out);
}

/**
 * Entries are queued and written together a few milliseconds later, in one transaction: a
 * commit per request would cost more than the lookups the request itself does.
 */
const FLUSH_DELAY_MS = 15;
const MAX_QUEUE = 5_000;
type Queued = Omit<ScimRequestLogEntry, "requestHeaders" | "responseHeaders"> & { at: string; requestHeaders: string | null; responseHeaders: string | null };
const queue: Queued[] = [];
let flushTimer: NodeJS.Timeout | null = null;
let writes = 0;

function flush() {
  flushTimer = null;
  if (queue.length === 0) return;
  const batch = queue.splice(0, queue.length);
  const insert = stmt(
    `INSERT INTO SsoScimRequestLog (directoryId, credentialId, method, path, status, latencyMs, scimType, detail, requestBody,
                                    requestHeaders, responseHeaders, responseBody, createdAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  try {
    sql().transaction(() => {
      for (const e of batch) {
        insert.run(
          e.directoryId,
          e.credentialId,
          e.method,
          e.path.slice(0, 2048),
          e.status,
          Math.round(e.latencyMs),
          e.scimType ?? null,
          e.detail?.slice(0, 2048) ?? null,
          redactBody(e.requestBody),
          e.requestHeaders,
          e.responseHeaders,
          redactResponseBody(e.responseBody),
          e.at,
        );
      }
      writes += batch.length;
      if (writes >= 1000) {
        writes = 0;
        stmt("DELETE FROM SsoScimRequestLog WHERE id <= (SELECT max(id) FROM SsoScimRequestLog) - ?").run(KEEP_ROWS);
      }
    }).immediate();
  } catch {
    // Locked by another writer: put the batch back (bounded) and try again shortly.
    // (Bodies are redacted at insert, so a retried entry still holds its raw text only in memory.)
    queue.unshift(...batch.slice(-MAX_QUEUE));
    schedule(50);
  }
}

function schedule(delay: number) {
  if (flushTimer) return;
  flushTimer = setTimeout(flush, delay);
  flushTimer.unref?.();
}

/** Records one request; never throws, never delays the response. */
export function writeScimRequestLog(e: ScimRequestLogEntry): void {
  if (queue.length >= MAX_QUEUE) queue.shift();
  const bounded = (t: string | null | undefined) => (t && t.length > MAX_QUEUED_BODY ? t.slice(0, MAX_QUEUED_BODY) : (t ?? null));
  queue.push({
    ...e,
    requestBody: bounded(e.requestBody),
    responseBody: bounded(e.responseBody),
    // Headers objects die with the request: copy (redacted) now; small and cheap.
    requestHeaders: redactHeaders(e.requestHeaders),
    responseHeaders: redactHeaders(e.responseHeaders),
    at: sqlDate(new Date()),
  });
  schedule(FLUSH_DELAY_MS);
}

/** A row of the log's table: the exchange's summary. */
export interface ScimRequestLogView {
  Id: number;
  Time: string;
  Method: string;
  Path: string;
  Status: number;
  LatencyMs: number;
  CredentialId: string | null;
  ScimType: string | null;
  Detail: string | null;
}

/** One exchange in full (the detail view): headers as name → value, bodies as stored. */
export interface ScimRequestLogDetail extends ScimRequestLogView {
  RequestHeaders: Record<string, string>;
  RequestBody: string | null;
  ResponseHeaders: Record<string, string>;
  ResponseBody: string | null;
}

export interface ScimRequestLogFilter {
  status?: "success" | "error" | number;
  method?: string;
  /** Part of the path (case-insensitive), e.g. "/Users" or a resource id. */
  path?: string;
  credentialId?: string;
}

const SUMMARY = { id: true, createdAt: true, method: true, path: true, status: true, latencyMs: true, credentialId: true, scimType: true, detail: true } as const;

function summary(r: Prisma.SsoScimRequestLogGetPayload<{ select: typeof SUMMARY }>): ScimRequestLogView {
  return {
    Id: r.id,
    Time: r.createdAt.toISOString(),
    Method: r.method,
    Path: r.path,
    Status: r.status,
    LatencyMs: r.latencyMs,
    CredentialId: r.credentialId,
    ScimType: r.scimType,
    Detail: r.detail,
  };
}

/**
 * Requests whose credential could not be identified belong to no directory; the console's
 * (default) directory shows them too, since that admin is the one debugging the IdP.
 */
function directoryWhere(directoryId: string): Prisma.SsoScimRequestLogWhereInput {
  return directoryId === DEFAULT_DIRECTORY_ID ? { OR: [{ directoryId }, { directoryId: null }] } : { directoryId };
}

/** Newest first, summaries only (bodies can be 64 KiB each: the detail view reads one). */
export async function listScimRequestLogs(
  opts: ScimRequestLogFilter & { directoryId?: string; page: number; pageSize: number },
): Promise<{ items: ScimRequestLogView[]; total: number; page: number; pageSize: number }> {
  const directoryId = opts.directoryId ?? DEFAULT_DIRECTORY_ID;
  const page = Math.max(1, Math.floor(opts.page) || 1);
  const pageSize = Math.min(100, Math.max(1, Math.floor(opts.pageSize) || 20));
  const where: Prisma.SsoScimRequestLogWhereInput = {
    AND: [
      directoryWhere(directoryId),
      opts.status === "success" ? { status: { lt: 400 } } : opts.status === "error" ? { status: { gte: 400 } } : typeof opts.status === "number" ? { status: opts.status } : {},
      opts.method ? { method: opts.method.toUpperCase() } : {},
      // SQLite's LIKE (Prisma's contains) is case-insensitive for ASCII, as paths are.
      opts.path ? { path: { contains: opts.path } } : {},
      opts.credentialId ? { credentialId: opts.credentialId } : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db.ssoScimRequestLog.findMany({ where, select: SUMMARY, orderBy: { id: "desc" }, skip: (page - 1) * pageSize, take: pageSize }),
    db.ssoScimRequestLog.count({ where }),
  ]);
  return { items: rows.map(summary), total, page, pageSize };
}

function headersOf(json: string | null): Record<string, string> {
  if (!json) return {};
  try {
    return JSON.parse(json) as Record<string, string>;
  } catch {
    return {};
  }
}

export async function getScimRequestLog(id: number, directoryId = DEFAULT_DIRECTORY_ID): Promise<ScimRequestLogDetail> {
  const r = await db.ssoScimRequestLog.findFirst({ where: { AND: [{ id }, directoryWhere(directoryId)] } });
  if (!r) throw new NotFoundError(`SCIM request ${id} is not in the log.`);
  return {
    ...summary(r),
    RequestHeaders: headersOf(r.requestHeaders),
    RequestBody: r.requestBody,
    ResponseHeaders: headersOf(r.responseHeaders),
    ResponseBody: r.responseBody,
  };
}

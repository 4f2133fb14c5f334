import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_DIRECTORY_ID } from "./directory";
import { sql, sqlDate, stmt } from "./scim-sql";

/**
 * The SCIM request log ("what did the IdP actually send?"). Written on the SCIM connection after
 * each response; the Authorization header is never recorded and secret-looking attributes in
 * bodies are redacted before anything is stored.
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
  requestBody?: string | null;
}

const SECRET_KEY = /^(password|secret|token|access_?token|refresh_?token|client_?secret|bearer)$/i;
const MAX_LOGGED_BODY = 16 * 1024;
const KEEP_ROWS = 100_000;
const REDACTED = "[REDACTED]";

function redactValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactValue);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, SECRET_KEY.test(k) ? REDACTED : redactValue(x)]));
  }
  return v;
}

/** Secret-looking attributes replaced (also in unparseable bodies), then truncated. */
export function redactBody(text: string | null | undefined): string | null {
  if (!text) return null;
  let out: string;
  try {
    out = JSON.stringify(redactValue(JSON.parse(text)));
  } catch {
    out = text.replace(/("(?:password|secret|token|access_?token|refresh_?token|client_?secret)"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}\s]*)/gi, `$1"${REDACTED}"`);
  }
  return out.length > MAX_LOGGED_BODY ? `${out.slice(0, MAX_LOGGED_BODY)}… [truncated, ${out.length} characters]` : out;
}

/**
 * Entries are queued and written together a few milliseconds later, in one transaction: a
 * commit per request would cost more than the lookups the request itself does.
 */
const FLUSH_DELAY_MS = 15;
const MAX_QUEUE = 5_000;
const queue: (ScimRequestLogEntry & { at: string })[] = [];
let flushTimer: NodeJS.Timeout | null = null;
let writes = 0;

function flush() {
  flushTimer = null;
  if (queue.length === 0) return;
  const batch = queue.splice(0, queue.length);
  const insert = stmt(
    `INSERT INTO SsoScimRequestLog (directoryId, credentialId, method, path, status, latencyMs, scimType, detail, requestBody, createdAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  try {
    sql().transaction(() => {
      for (const e of batch) {
        insert.run(e.directoryId, e.credentialId, e.method, e.path.slice(0, 2048), e.status, Math.round(e.latencyMs), e.scimType ?? null, e.detail?.slice(0, 2048) ?? null, e.requestBody ?? null, e.at);
      }
      writes += batch.length;
      if (writes >= 1000) {
        writes = 0;
        stmt("DELETE FROM SsoScimRequestLog WHERE id <= (SELECT max(id) FROM SsoScimRequestLog) - ?").run(KEEP_ROWS);
      }
    }).immediate();
  } catch {
    // Locked by another writer: put the batch back (bounded) and try again shortly.
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
  queue.push({ ...e, at: sqlDate(new Date()) });
  schedule(FLUSH_DELAY_MS);
}

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
  RequestBody: string | null;
}

/**
 * Newest first. Requests whose credential could not be identified belong to no directory; the
 * console's (default) directory shows them too, since that admin is the one debugging the IdP.
 */
export async function listScimRequestLogs(opts: {
  directoryId?: string;
  page: number;
  pageSize: number;
  status?: "success" | "error" | number;
}): Promise<{ items: ScimRequestLogView[]; total: number; page: number; pageSize: number }> {
  const directoryId = opts.directoryId ?? DEFAULT_DIRECTORY_ID;
  const page = Math.max(1, Math.floor(opts.page) || 1);
  const pageSize = Math.min(100, Math.max(1, Math.floor(opts.pageSize) || 20));
  const where: Prisma.SsoScimRequestLogWhereInput = {
    ...(directoryId === DEFAULT_DIRECTORY_ID ? { OR: [{ directoryId }, { directoryId: null }] } : { directoryId }),
    ...(opts.status === "success" ? { status: { lt: 400 } } : opts.status === "error" ? { status: { gte: 400 } } : typeof opts.status === "number" ? { status: opts.status } : {}),
  };
  const [rows, total] = await Promise.all([
    db.ssoScimRequestLog.findMany({ where, orderBy: { id: "desc" }, skip: (page - 1) * pageSize, take: pageSize }),
    db.ssoScimRequestLog.count({ where }),
  ]);
  return {
    items: rows.map((r) => ({
      Id: r.id,
      Time: r.createdAt.toISOString(),
      Method: r.method,
      Path: r.path,
      Status: r.status,
      LatencyMs: r.latencyMs,
      CredentialId: r.credentialId,
      ScimType: r.scimType,
      Detail: r.detail,
      RequestBody: r.requestBody,
    })),
    total,
    page,
    pageSize,
  };
}

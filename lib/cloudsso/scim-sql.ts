import "server-only";
import Database from "better-sqlite3";
import { databaseFile } from "@/lib/database-url";
import { lookupKey } from "./user-row";

/**
 * The SCIM server's own SQLite connection. Prisma costs several hundred microseconds per query
 * on the hot path (auth + lookup + log on every request); prepared better-sqlite3 statements cost
 * tens, which is what makes ≥1,000 filtered GETs/s possible on two cores. Same file, WAL mode, so
 * Prisma (console) and this connection see each other's commits.
 */
type Conn = Database.Database;
interface State {
  file: string;
  conn: Conn;
  stmts: Map<string, Database.Statement>;
  /** Moves with every write transaction of this connection (see stableRead). */
  writes: number;
  reads: Map<string, { value: unknown; dataVersion: number; writes: number }>;
}
const globalForScim = globalThis as unknown as { scimSql?: State };

const BUSY_TIMEOUT_MS = 20;

function open(): State {
  const file = databaseFile();
  const cached = globalForScim.scimSql;
  if (cached && cached.file === file) return cached;
  // SCIM_SQL_TRACE=1 (tests only): hand every executed statement, parameters expanded, to
  // traceStatements' listener. Off, better-sqlite3 does no logging work at all.
  const conn = new Database(file, process.env.SCIM_SQL_TRACE ? { verbose: (s: unknown) => traceListener?.(String(s)) } : undefined);
  conn.pragma("journal_mode = WAL");
  conn.pragma("synchronous = NORMAL");
  conn.pragma("foreign_keys = ON");
  // Short on purpose: a busy wait here blocks the event loop (and the Prisma transaction holding
  // the lock with it). Writers retry asynchronously instead, see writeTransaction().
  conn.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Unicode-aware lower-casing, the lookup columns' rule, for case-insensitive SCIM comparisons.
  conn.function("scim_lower", { deterministic: true }, (s: unknown) => (typeof s === "string" ? lookupKey(s) : s));
  globalForScim.scimSql = { file, conn, stmts: new Map(), writes: 0, reads: new Map() };
  return globalForScim.scimSql;
}

let traceListener: ((sql: string) => void) | null = null;

/**
 * Tests: the statements `fn` executes on this connection (needs SCIM_SQL_TRACE=1 before the
 * connection opens), so a test can say which rows a request read and wrote.
 */
export async function traceStatements<T>(fn: () => Promise<T> | T): Promise<{ result: T; statements: string[] }> {
  if (!process.env.SCIM_SQL_TRACE) throw new Error("Set SCIM_SQL_TRACE=1 before the SCIM connection opens.");
  const statements: string[] = [];
  traceListener = (s) => statements.push(s);
  try {
    return { result: await fn(), statements };
  } finally {
    traceListener = null;
  }
}

export function sql(): Conn {
  return open().conn;
}

/** A cached prepared statement. */
export function stmt(text: string): Database.Statement {
  const s = open();
  let st = s.stmts.get(text);
  if (!st) {
    // Filter shapes vary; keep the cache bounded.
    if (s.stmts.size > 500) s.stmts.clear();
    st = s.conn.prepare(text);
    s.stmts.set(text, st);
  }
  return st;
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? "";
  return code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn` in a BEGIN IMMEDIATE transaction: all of it commits or none (errors thrown inside
 * roll back). While another connection holds the write lock, retry after a short async pause.
 */
export async function writeTransaction<T>(fn: () => T): Promise<T> {
  const state = open();
  const tx = state.conn.transaction(fn);
  const deadline = Date.now() + 15_000;
  for (let attempt = 0; ; attempt++) {
    try {
      return tx.immediate();
    } catch (err) {
      if (!isBusy(err) || Date.now() > deadline) throw err;
      await sleep(Math.min(2 + attempt * 2, 25));
    } finally {
      state.writes++;
    }
  }
}

/**
 * Stores data derived from rows already there (a user's rendered text) in one transaction, at
 * once or not at all: when another connection holds the write lock it gives up (the data is made
 * again next time) instead of waiting. It does not count as a write for stableRead: nothing kept
 * there (a directory's order, its count) depends on derived columns.
 */
export function writeDerived(fn: () => void): boolean {
  const { conn } = open();
  // No busy wait at all: it would block the event loop, and with it the writer holding the lock.
  conn.pragma("busy_timeout = 0");
  try {
    conn.transaction(fn).immediate();
    return true;
  } catch (err) {
    if (isBusy(err)) return false;
    throw err;
  } finally {
    conn.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * A read that is kept until the database changes: another connection commits (PRAGMA
 * data_version moves; Prisma, scripts, other processes) or this connection runs a write
 * transaction. For reads every list request repeats, such as counting a 100,000-user directory.
 */
export function stableRead<T>(key: string, read: () => T): T {
  const state = open();
  const dataVersion = state.conn.pragma("data_version", { simple: true }) as number;
  const kept = state.reads.get(key);
  if (kept && kept.dataVersion === dataVersion && kept.writes === state.writes) return kept.value as T;
  const value = read();
  if (state.reads.size >= 1000) state.reads.clear();
  state.reads.set(key, { value, dataVersion, writes: state.writes });
  return value;
}

/** Prisma's SQLite adapter stores DateTime as ISO text with an explicit offset; write the same (one rule, lib/db-bulk). */
export { sqliteTime as sqlDate } from "@/lib/db-bulk";

/** Prisma's form with a zero offset, which is what this store and Prisma write. */
const SQL_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;

export function isoFromSql(v: string): string {
  // Twice per rendered resource: the common form is rewritten, anything else goes through Date.
  return SQL_UTC.test(v) ? `${v.slice(0, 23)}Z` : new Date(v).toISOString();
}

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
const globalForScim = globalThis as unknown as { scimSql?: { file: string; conn: Conn; stmts: Map<string, Database.Statement> } };

function open(): { file: string; conn: Conn; stmts: Map<string, Database.Statement> } {
  const file = databaseFile();
  const cached = globalForScim.scimSql;
  if (cached && cached.file === file) return cached;
  const conn = new Database(file);
  conn.pragma("journal_mode = WAL");
  conn.pragma("synchronous = NORMAL");
  conn.pragma("foreign_keys = ON");
  // Short on purpose: a busy wait here blocks the event loop (and the Prisma transaction holding
  // the lock with it). Writers retry asynchronously instead, see writeTransaction().
  conn.pragma("busy_timeout = 20");
  // Unicode-aware lower-casing, the lookup columns' rule, for case-insensitive SCIM comparisons.
  conn.function("scim_lower", { deterministic: true }, (s: unknown) => (typeof s === "string" ? lookupKey(s) : s));
  globalForScim.scimSql = { file, conn, stmts: new Map() };
  return globalForScim.scimSql;
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
  const tx = sql().transaction(fn);
  const deadline = Date.now() + 15_000;
  for (let attempt = 0; ; attempt++) {
    try {
      return tx.immediate();
    } catch (err) {
      if (!isBusy(err) || Date.now() > deadline) throw err;
      await sleep(Math.min(2 + attempt * 2, 25));
    }
  }
}

/** Prisma's SQLite adapter stores DateTime as ISO text with an explicit offset; write the same. */
export function sqlDate(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

export function isoFromSql(v: string): string {
  return new Date(v).toISOString();
}

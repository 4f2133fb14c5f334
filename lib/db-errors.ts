/**
 * Duplicate-key detection, once for both connections: Prisma reports a unique violation as P2002
 * (console writes), better-sqlite3 as SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY (the SCIM store).
 * Pre-checks catch the usual duplicates with a friendly message; this catches the race where two
 * writers pass the pre-check at once.
 */
const SQLITE_UNIQUE_CODES = new Set(["SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"]);

/**
 * True when `err` is a unique-key violation; with `column`, only one of a constraint that involves
 * that column. With driver adapters Prisma puts the constraint's columns in different places of
 * `meta` depending on the adapter, so the whole `meta` is searched; SQLite names them in the message.
 */
export function isUniqueViolation(err: unknown, column?: string): boolean {
  if (typeof err !== "object" || err === null) return false;
  const { code, meta, message } = err as { code?: unknown; meta?: unknown; message?: unknown };
  if (code === "P2002") return column === undefined || JSON.stringify(meta ?? {}).includes(column);
  if (typeof code === "string" && SQLITE_UNIQUE_CODES.has(code)) return column === undefined || String(message).includes(column);
  return false;
}

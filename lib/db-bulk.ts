import "server-only";
import type { Prisma } from "./generated/prisma/client";

/**
 * Multi-row INSERTs for the write-heavy paths (a Push Now's log rows and links, an outbox batch):
 * Prisma's createMany costs about 200 µs per row on this stack (statement building in its query
 * compiler, 58 rows per statement at most), one raw statement of hundreds of rows about 20 µs.
 * Values are bound parameters; table and column names come from the callers' literals.
 */
type Client = Pick<Prisma.TransactionClient, "$executeRawUnsafe" | "$queryRawUnsafe">;
type Value = string | number | boolean | Date | null | undefined;

/** SQLite's limit is 32,766 bound parameters per statement. */
const MAX_PARAMS = 30_000;

/** A DateTime as Prisma itself stores it in SQLite (so comparisons and reads agree). */
export function sqliteTime(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

function bind(v: Value): string | number | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return sqliteTime(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

function statements<R extends Record<string, Value>>(table: string, columns: (keyof R & string)[], rows: R[], tail: string) {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const out: { sql: string; params: (string | number | null)[] }[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    out.push({
      sql: head + chunk.map(() => tuple).join(", ") + tail,
      params: chunk.flatMap((r) => columns.map((c) => bind(r[c]))),
    });
  }
  return out;
}

/** Inserts `rows` (every row has `columns`); `onConflict` is an optional `ON CONFLICT …` clause. */
export async function insertRows<R extends Record<string, Value>>(
  client: Client,
  table: string,
  columns: (keyof R & string)[],
  rows: R[],
  onConflict = "",
): Promise<void> {
  for (const s of statements(table, columns, rows, onConflict ? ` ${onConflict}` : "")) await client.$executeRawUnsafe(s.sql, ...s.params);
}

/** As insertRows, returning the new rows' ids in the order of `rows`. */
export async function insertRowsReturningIds<R extends Record<string, Value>>(
  client: Client,
  table: string,
  columns: (keyof R & string)[],
  rows: R[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const s of statements(table, columns, rows, ` RETURNING "id"`)) {
    // SQLite does not promise RETURNING's order; autoincrement ids of one statement rise in row order.
    const returned = await client.$queryRawUnsafe<{ id: number | bigint }[]>(s.sql, ...s.params);
    ids.push(...returned.map((r) => Number(r.id)).sort((a, b) => a - b));
  }
  return ids;
}

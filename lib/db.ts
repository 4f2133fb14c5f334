import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client";
import { databaseFile } from "./database-url";

export type Db = PrismaClient;

function createClient(): PrismaClient {
  const adapter = new PrismaBetterSQLite3({ url: `file:${databaseFile()}`, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { prisma?: PrismaClient; pragmas?: Promise<void> };

/** One client per process (kept on globalThis so dev hot-reload does not open new ones). */
export const db: PrismaClient = globalForDb.prisma ?? createClient();
globalForDb.prisma = db;

/** WAL for concurrent readers, a generous busy timeout, and enforced foreign keys. */
export function ensurePragmas(): Promise<void> {
  globalForDb.pragmas ??= (async () => {
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe("PRAGMA busy_timeout = 10000");
    await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
    await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  })();
  return globalForDb.pragmas;
}

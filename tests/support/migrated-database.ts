import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Unit tests that run the real stores: a throwaway database with every committed migration
 * applied, DATABASE_URL and DATA_DIR pointed at it (before the stores open it). Returns a direct
 * connection for seeding; close it when done.
 */
export function migratedDatabase(prefix: string): { dir: string; file: string; setup: Database.Database } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const file = path.join(dir, "app.db");
  process.env.DATABASE_URL = `file:${file}`;
  process.env.DATA_DIR = dir;
  const setup = new Database(file);
  const migrations = path.resolve(__dirname, "../../prisma/migrations");
  for (const m of fs.readdirSync(migrations).filter((d) => fs.statSync(path.join(migrations, d)).isDirectory()).sort()) {
    setup.exec(fs.readFileSync(path.join(migrations, m, "migration.sql"), "utf8"));
  }
  return { dir, file, setup };
}

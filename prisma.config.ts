import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { databaseFile } from "./lib/database-url";

/**
 * Prisma 6.19's WASM migration engine sends each migration file to the shadow database through
 * executeRaw, which runs a single statement; route argument-less SQL through executeScript so
 * multi-statement migration files replay (needed by `migrate dev` only).
 */
function migrationAwareAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaBetterSQLite3({ url });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => base.connect(),
    connectToShadowDb: async () => {
      const shadow = await base.connectToShadowDb();
      const executeRaw = shadow.executeRaw.bind(shadow);
      shadow.executeRaw = async (query) =>
        query.args.length === 0 ? (await shadow.executeScript(query.sql), 0) : executeRaw(query);
      return shadow;
    },
  };
}

const file = databaseFile();
fs.mkdirSync(path.dirname(file), { recursive: true });

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  adapter: async () => migrationAwareAdapter(`file:${file}`),
});

import path from "node:path";

/** Folder for the embedded database and generated secrets (git-ignored). */
export const dataDir = process.env.DATA_DIR ?? path.join(/*turbopackIgnore: true*/ process.cwd(), "data");

/** The SQLite file path chosen by DATABASE_URL (`file:…`), else data/app.db. */
export function databaseFile(): string {
  const url = process.env.DATABASE_URL;
  if (!url) return path.join(dataDir, "app.db");
  const file = url.replace(/^file:/, "");
  return path.isAbsolute(file) ? file : path.join(/*turbopackIgnore: true*/ process.cwd(), file);
}

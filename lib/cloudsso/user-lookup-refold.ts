import "server-only";
import { sql } from "./scim-sql";

/**
 * The one-time data fix behind migration 20261201050000_refold_user_lookups. That migration cannot
 * fold non-ASCII lookup values itself (SQLite's lower() folds ASCII only), so where such values
 * exist it leaves this AppSetting row; the first server start re-folds them with JavaScript's
 * toLowerCase (scim_lower) and deletes the row. Every later start reads one missing row.
 */
export const REFOLD_MARKER = "cloudsso.refoldUserLookups";

/** Runs the fix if the migration asked for it; true when it ran. */
export function refoldUserLookupsOnce(): boolean {
  const conn = sql();
  if (!conn.prepare("SELECT 1 FROM AppSetting WHERE key = ?").get(REFOLD_MARKER)) return false;
  try {
    // Once, at start: waiting for another writer here is acceptable (the SCIM connection's usual
    // timeout is short, see scim-sql.ts).
    conn.pragma("busy_timeout = 5000");
    conn
      .transaction(() => {
        conn.prepare("UPDATE SsoUser SET displayNameLower = scim_lower(displayName) WHERE displayNameLower <> scim_lower(displayName)").run();
        conn.prepare("UPDATE OR REPLACE SsoUserEmail SET valueLower = scim_lower(valueLower) WHERE valueLower <> scim_lower(valueLower)").run();
        conn.prepare("DELETE FROM AppSetting WHERE key = ?").run(REFOLD_MARKER);
      })
      .immediate();
    return true;
  } catch (err) {
    // Not fatal: only lookups on non-ASCII display names/emails could miss; the marker stays, so
    // the next start tries again.
    console.warn("CloudSSO: could not re-fold lower-cased lookup columns:", err);
    return false;
  } finally {
    conn.pragma("busy_timeout = 20");
  }
}

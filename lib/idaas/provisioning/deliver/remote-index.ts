import type { EngineSettings } from "../engine/settings";
import type { TargetClient } from "./target-client";
import { retrying } from "./target-client";

/**
 * Remote users by their matching-attribute value, read page by page before a push with many
 * unlinked accounts: one request per hundred users instead of one lookup per user. userName is
 * case-insensitive in SCIM, so it is keyed in lower case; other attributes exactly.
 */
export interface RemoteIndex {
  get(value: string): string | undefined;
}

const PAGE = 100;
/** Past this many remote users per-user lookups are cheaper than reading the whole target. */
const MAX_REMOTE = 200_000;

export async function buildRemoteIndex(client: TargetClient, attribute: string, settings: EngineSettings): Promise<RemoteIndex | null> {
  const caseless = attribute.toLowerCase() === "username";
  const norm = (v: string) => (caseless ? v.toLowerCase() : v);
  const map = new Map<string, string>();
  try {
    for (let start = 1; ; start += PAGE) {
      const page = await retrying(() => client.listUsersPage(attribute, start, PAGE), settings);
      if (page.total > MAX_REMOTE) return null;
      for (const r of page.items) {
        const key = Object.keys(r).find((k) => k.toLowerCase() === attribute.toLowerCase());
        const v = key ? r[key] : undefined;
        if (typeof v === "string" && v) map.set(norm(v), r.id);
      }
      if (page.items.length === 0 || start + PAGE > page.total) break;
    }
  } catch {
    // Not every server lists users (or lists them all); fall back to per-user lookups.
    return null;
  }
  return { get: (value) => map.get(norm(value)) };
}

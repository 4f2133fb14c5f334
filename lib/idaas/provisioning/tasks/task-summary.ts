import { COUNTER_CATEGORIES, COUNTER_KINDS, type CounterKind, type TaskCounters } from "./counters";

/**
 * The numbers a push reports — its Status Description, the Push Now progress and result — read
 * from the same counter cells the task detail table shows, so the three can never disagree.
 */
export const COUNTER_KIND_LABEL: Record<CounterKind, string> = { users: "Users", groups: "Groups", members: "Group members" };

/**
 * Per operation, the Success column of the task detail table — except Unchanged, whose entries
 * are Skipped, so its Total — and Failed summed over every operation.
 */
export interface Tally {
  created: number;
  updated: number;
  matched: number;
  deleted: number;
  unchanged: number;
  failed: number;
}

export function tally(c: TaskCounters, kinds: readonly CounterKind[] = COUNTER_KINDS): Tally {
  const t: Tally = { created: 0, updated: 0, matched: 0, deleted: 0, unchanged: 0, failed: 0 };
  for (const k of kinds) {
    const row = c[k];
    t.created += row.created.success;
    t.updated += row.updated.success;
    t.matched += row.matched.success;
    t.deleted += row.deleted.success;
    t.unchanged += row.unchanged.total;
    for (const cat of COUNTER_CATEGORIES) t.failed += row[cat].failed;
  }
  return t;
}

/** "3 created, 1 updated, 0 unchanged, 0 failed", plus matched / deleted when there are any. */
export function formatTally(t: Tally): string {
  const extra = [t.matched ? `${t.matched} matched` : "", t.deleted ? `${t.deleted} deleted` : ""].filter(Boolean);
  return [`${t.created} created`, `${t.updated} updated`, `${t.unchanged} unchanged`, `${t.failed} failed`, ...extra].join(", ");
}

/** The Status Description of a finished push: one tally per object kind that had any entry. */
export function describeCounters(c: TaskCounters): string {
  const kinds = COUNTER_KINDS.filter((k) => COUNTER_CATEGORIES.some((cat) => c[k][cat].total > 0));
  if (kinds.length === 0) return "No objects were processed.";
  return kinds.map((k) => `${COUNTER_KIND_LABEL[k]}: ${formatTally(tally(c, [k]))}`).join("; ") + ".";
}

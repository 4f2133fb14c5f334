import { LogAction, type LogObjectType } from "../vocabulary";

/**
 * How log entries roll up into the task counters (SPEC §3.5: created, updated, deleted,
 * unchanged, matched per object kind, each with total / success / failed / skipped).
 */
export const COUNTER_KINDS = ["users", "groups", "members"] as const;
export const COUNTER_CATEGORIES = ["created", "updated", "deleted", "unchanged", "matched"] as const;
export type CounterKind = (typeof COUNTER_KINDS)[number];
export type CounterCategory = (typeof COUNTER_CATEGORIES)[number];

export interface CounterCell {
  total: number;
  success: number;
  failed: number;
  skipped: number;
}
export type TaskCounters = Record<CounterKind, Record<CounterCategory, CounterCell>>;

const kindOf: Record<LogObjectType, CounterKind> = { user: "users", group: "groups", membership: "members" };

const categoryOf: Partial<Record<string, CounterCategory>> = {
  [LogAction.Create]: "created",
  [LogAction.Update]: "updated",
  [LogAction.Disable]: "updated",
  [LogAction.Enable]: "updated",
  [LogAction.Match]: "matched",
  [LogAction.Delete]: "deleted",
  [LogAction.Unchanged]: "unchanged",
  [LogAction.AddMember]: "created",
  [LogAction.RemoveMember]: "deleted",
};

export function emptyCounters(): TaskCounters {
  const cell = (): CounterCell => ({ total: 0, success: 0, failed: 0, skipped: 0 });
  const row = () => Object.fromEntries(COUNTER_CATEGORIES.map((c) => [c, cell()])) as Record<CounterCategory, CounterCell>;
  return { users: row(), groups: row(), members: row() };
}

/** Adds `count` log entries of one (object type, action, result) to the counters. */
export function countInto(counters: TaskCounters, objectType: string, action: string, result: string, count = 1) {
  const kind = kindOf[objectType as LogObjectType];
  const category = categoryOf[action];
  if (!kind || !category) return;
  const cell = counters[kind][category];
  cell.total += count;
  if (result === "Success") cell.success += count;
  else if (result === "Failed") cell.failed += count;
  else cell.skipped += count;
}

export function parseCounters(json: string): TaskCounters {
  const out = emptyCounters();
  try {
    const v = JSON.parse(json) as Partial<TaskCounters>;
    for (const k of COUNTER_KINDS)
      for (const c of COUNTER_CATEGORIES) {
        const cell = v?.[k]?.[c];
        if (cell) out[k][c] = { total: cell.total | 0, success: cell.success | 0, failed: cell.failed | 0, skipped: cell.skipped | 0 };
      }
  } catch {
    /* an empty or legacy value reads as zeros */
  }
  return out;
}

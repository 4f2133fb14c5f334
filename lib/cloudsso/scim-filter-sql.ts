import type { Filter, Literal } from "@/lib/scim/filter";
import { sqlDate } from "./scim-sql";

/**
 * Translates a bound SCIM filter into a WHERE fragment over SsoUser (alias u) or SsoGroup (g).
 * `exact` means the SQL decides the filter by itself; otherwise it is a superset and the caller
 * evaluates the filter on the candidates (correct for every expression, indexed where it counts:
 * id, userName, externalId, displayName, emails.value, meta.lastModified/created, members).
 * `directoryId` scopes subqueries on tables keyed by directory (SsoUserEmail).
 */
export type ScimTable = "user" | "group";
export interface SqlFilter {
  sql: string;
  params: unknown[];
  exact: boolean;
  /**
   * Set when an index lookup decides the candidates, so the list query must not let SQLite (which
   * has no statistics here) walk the whole directory in sort order instead: "column" = an equality
   * on an indexed column, "ids" = a subquery that yields the user ids (emails), which makes the
   * directory term redundant.
   */
  drive?: "column" | "ids";
}

interface Column {
  expr: string;
  /** Values compared lower-cased (caseExact=false attributes stored lower-cased or via scim_lower). */
  ci: boolean;
  /** How "unassigned" is stored. */
  absent: "empty" | "null" | "never";
  kind: "string" | "date";
  /** Leads an index after directoryId (or is the primary key). */
  indexed?: true;
}

const USER_COLUMNS: Record<string, Column> = {
  id: { expr: "u.id", ci: false, absent: "never", kind: "string", indexed: true },
  username: { expr: "u.userNameLower", ci: true, absent: "never", kind: "string", indexed: true },
  externalid: { expr: "u.externalId", ci: false, absent: "null", kind: "string", indexed: true },
  displayname: { expr: "u.displayNameLower", ci: true, absent: "empty", kind: "string", indexed: true },
  "name.givenname": { expr: "scim_lower(u.firstName)", ci: true, absent: "empty", kind: "string" },
  "name.familyname": { expr: "scim_lower(u.lastName)", ci: true, absent: "empty", kind: "string" },
  "meta.created": { expr: "u.createdAt", ci: false, absent: "never", kind: "date" },
  "meta.lastmodified": { expr: "u.updatedAt", ci: false, absent: "never", kind: "date" },
};

const GROUP_COLUMNS: Record<string, Column> = {
  id: { expr: "g.id", ci: false, absent: "never", kind: "string", indexed: true },
  displayname: { expr: "g.nameLower", ci: true, absent: "never", kind: "string", indexed: true },
  externalid: { expr: "g.externalId", ci: false, absent: "null", kind: "string", indexed: true },
  "meta.created": { expr: "g.createdAt", ci: false, absent: "never", kind: "date" },
  "meta.lastmodified": { expr: "g.updatedAt", ci: false, absent: "never", kind: "date" },
};

const TRUE: SqlFilter = { sql: "1", params: [], exact: false };
const exact = (sql: string, params: unknown[] = []): SqlFilter => ({ sql, params, exact: true });

/** Upper bound for a prefix range: every string starting with p sorts below p + U+10FFFF. */
const prefixEnd = (p: string) => p + "\u{10FFFF}";

function columnLeaf(col: Column, op: string, value: Literal): SqlFilter | undefined {
  if (op === "pr") {
    if (col.absent === "never") return exact("1");
    return exact(col.absent === "null" ? `${col.expr} IS NOT NULL` : `${col.expr} <> ''`);
  }
  if (value === null) {
    const present = columnLeaf(col, "pr", null)!;
    return op === "eq" ? exact(`NOT (${present.sql})`) : op === "ne" ? present : undefined;
  }
  let v: string;
  if (col.kind === "date") {
    if (typeof value !== "string") return undefined;
    const t = Date.parse(value);
    if (Number.isNaN(t)) return undefined;
    v = sqlDate(new Date(t));
    if (op === "co" || op === "sw" || op === "ew") return undefined;
  } else {
    v = col.ci ? String(value).toLowerCase() : String(value);
  }
  // An absent value is never equal/greater/… but is "not equal" (ne = not eq).
  const guard = col.absent === "empty" ? `${col.expr} <> '' AND ` : col.absent === "null" ? `${col.expr} IS NOT NULL AND ` : "";
  switch (op) {
    case "eq":
      if (v === "" && col.absent === "empty") return exact("0");
      return { ...exact(`${col.expr} = ?`, [v]), ...(col.indexed ? { drive: "column" as const } : {}) };
    case "ne":
      if (col.absent === "null") return exact(`(${col.expr} IS NULL OR ${col.expr} <> ?)`, [v]);
      return exact(`${col.expr} <> ?`, [v]);
    case "co":
      return exact(`(${guard}instr(${col.expr}, ?) > 0)`, [v]);
    case "sw":
      return exact(`(${guard}${col.expr} >= ? AND ${col.expr} < ?)`, [v, prefixEnd(v)]);
    case "ew":
      return exact(`(${guard}substr(${col.expr}, -length(?)) = ?)`, [v, v]);
    case "gt":
      return exact(`(${guard}${col.expr} > ?)`, [v]);
    case "ge":
      return exact(`(${guard}${col.expr} >= ?)`, [v]);
    case "lt":
      return exact(`(${guard}${col.expr} < ?)`, [v]);
    case "le":
      return exact(`(${guard}${col.expr} <= ?)`, [v]);
    default:
      return undefined;
  }
}

function membershipLeaf(table: ScimTable, op: string, value: Literal): SqlFilter | undefined {
  // groups.value on a user / members.value on a group: an indexed probe of SsoGroupMember.
  const probe =
    table === "user"
      ? "EXISTS (SELECT 1 FROM SsoGroupMember m WHERE m.userId = u.id AND m.groupId = ?)"
      : "EXISTS (SELECT 1 FROM SsoGroupMember m WHERE m.groupId = g.id AND m.userId = ?)";
  const any = table === "user" ? "EXISTS (SELECT 1 FROM SsoGroupMember m WHERE m.userId = u.id)" : "EXISTS (SELECT 1 FROM SsoGroupMember m WHERE m.groupId = g.id)";
  if (op === "pr") return exact(any);
  if (typeof value !== "string") return undefined;
  if (op === "eq") return exact(probe, [value]);
  if (op === "ne") return exact(`NOT ${probe}`, [value]);
  return undefined;
}

/**
 * emails.value through SsoUserEmail (every email value, lower-cased): the subquery is
 * uncorrelated, so SQLite reads the (directoryId, valueLower) index and fetches the few users by
 * primary key. Only a pre-filter: rows written behind the store's back (or backfilled by the
 * migration from stale SCIM JSON) may hold extra values, so the evaluator has the last word.
 */
function emailLeaf(op: string, value: Literal, directoryId: string): SqlFilter | undefined {
  const among = (cond: string, params: unknown[]): SqlFilter => ({
    sql: `u.id IN (SELECT e.userId FROM SsoUserEmail e WHERE e.directoryId = ? AND ${cond})`,
    params: [directoryId, ...params],
    exact: false,
    drive: "ids",
  });
  // Nearly every user has an email: a scan in sort order beats collecting all ids.
  if (op === "pr") return { ...among("1", []), drive: undefined };
  if (typeof value !== "string") return undefined;
  const v = value.toLowerCase();
  switch (op) {
    case "eq":
      return among("e.valueLower = ?", [v]);
    case "sw":
      return among("e.valueLower >= ? AND e.valueLower < ?", [v, prefixEnd(v)]);
    case "co":
      return among("instr(e.valueLower, ?) > 0", [v]);
    case "ew":
      return among("substr(e.valueLower, -length(?)) = ?", [v, v]);
    default:
      return undefined;
  }
}

/**
 * The inner filter of members[…] / emails[…]: "some value satisfies it". Leaves on `value` with
 * an existential operator translate as probes; other sub-attributes are decided in memory. An
 * AND may be met by two different values, so it only narrows; NOT is left to the evaluator.
 */
function valuePathSql(f: Filter, table: ScimTable, directoryId: string): SqlFilter {
  switch (f.op) {
    case "and":
    case "or": {
      const l = valuePathSql(f.left, table, directoryId);
      const r = valuePathSql(f.right, table, directoryId);
      const joiner = f.op === "and" ? "AND" : "OR";
      return {
        sql: `(${l.sql}) ${joiner} (${r.sql})`,
        params: [...l.params, ...r.params],
        exact: f.op === "or" && l.exact && r.exact,
        drive: combineDrive(f.op, l, r),
      };
    }
    case "not":
    case "valuePath":
      return TRUE;
    default:
      if (f.attr.sub?.name !== "value" || !["eq", "pr", "sw", "co", "ew"].includes(f.op)) return TRUE;
      return leaf(f, table, directoryId);
  }
}

function leaf(f: Extract<Filter, { attr: unknown }>, table: ScimTable, directoryId: string): SqlFilter {
  if (f.op === "valuePath") return valuePathSql(f.filter, table, directoryId);
  const key = f.attr.key;
  const value = "value" in f ? f.value : null;
  if (table === "user" && (key === "groups.value" || key === "groups")) return membershipLeaf(table, f.op, value) ?? TRUE;
  if (table === "group" && (key === "members.value" || key === "members")) return membershipLeaf(table, f.op, value) ?? TRUE;
  if (table === "user" && key === "active") {
    if (f.op === "pr") return exact("1");
    if (typeof value !== "boolean" || (f.op !== "eq" && f.op !== "ne")) return TRUE;
    const enabled = f.op === "eq" ? value : !value;
    return exact(`u.status = ?`, [enabled ? "Enabled" : "Disabled"]);
  }
  if (table === "user" && (key === "emails.value" || key === "emails")) return emailLeaf(f.op, value, directoryId) ?? TRUE;
  const col = (table === "user" ? USER_COLUMNS : GROUP_COLUMNS)[key];
  if (!col) return TRUE;
  return columnLeaf(col, f.op, value) ?? TRUE;
}

/**
 * AND: either side's lookup narrows it (the id subquery wins, as it needs no directory index).
 * OR: SQLite unions two id subqueries (MULTI-INDEX OR), but not column lookups that share the
 * directory term outside the OR; those keep the plain sort-order plan.
 */
function combineDrive(op: "and" | "or", l: SqlFilter, r: SqlFilter): SqlFilter["drive"] {
  if (op === "and") return l.drive === "ids" || r.drive === "ids" ? "ids" : (l.drive ?? r.drive);
  return l.drive === "ids" && r.drive === "ids" ? "ids" : undefined;
}

/** `nullSafe` keeps NOT(...) correct when a leaf would evaluate to NULL. */
function translate(f: Filter, table: ScimTable, nullSafe: boolean, directoryId: string): SqlFilter {
  switch (f.op) {
    case "and":
    case "or": {
      const l = translate(f.left, table, nullSafe, directoryId);
      const r = translate(f.right, table, nullSafe, directoryId);
      const joiner = f.op === "and" ? "AND" : "OR";
      // A superset AND/OR a superset is still a superset; only exact parts are exact.
      return { sql: `(${l.sql}) ${joiner} (${r.sql})`, params: [...l.params, ...r.params], exact: l.exact && r.exact, drive: combineDrive(f.op, l, r) };
    }
    case "not": {
      const inner = translate(f.filter, table, true, directoryId);
      if (!inner.exact) return TRUE;
      return exact(`NOT (${inner.sql})`, inner.params);
    }
    default: {
      const t = leaf(f, table, directoryId);
      // coalesce() hides the column from indexes, so it drives nothing (only used under NOT).
      return nullSafe && t.exact ? { sql: `coalesce((${t.sql}), 0)`, params: t.params, exact: true } : t;
    }
  }
}

export function filterToSql(f: Filter, table: ScimTable, directoryId: string): SqlFilter {
  return translate(f, table, false, directoryId);
}

/**
 * ORDER BY for sortBy attributes the database can order; undefined → sort in memory.
 * `lookup`: the filter drives an index, so keep the sort column from being used as one ("+").
 */
export function sortToSql(key: string, table: ScimTable, order: "ascending" | "descending", lookup = false): string | undefined {
  const col = (table === "user" ? USER_COLUMNS : GROUP_COLUMNS)[key];
  if (!col) return undefined;
  const dir = order === "descending" ? "DESC" : "ASC";
  const alias = table === "user" ? "u" : "g";
  // Unassigned values sort last ascending (first descending), as in lib/scim/sort.ts.
  const missing = col.absent === "empty" ? `(${col.expr} = '')` : col.absent === "null" ? `(${col.expr} IS NULL)` : undefined;
  return `${missing ? `${missing} ${dir}, ` : ""}${lookup ? "+" : ""}${col.expr} ${dir}, ${alias}.id ASC`;
}

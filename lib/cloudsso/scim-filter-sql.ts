import type { Filter, Literal } from "@/lib/scim/filter";
import { sqlDate } from "./scim-sql";

/**
 * Translates a bound SCIM filter into a WHERE fragment over SsoUser (alias u) or SsoGroup (g).
 * `exact` means the SQL decides the filter by itself; otherwise it is a superset and the caller
 * evaluates the filter on the candidates (correct for every expression, indexed where it counts:
 * id, userName, externalId, group displayName, emails.value, meta.lastModified/created, members).
 */
export type ScimTable = "user" | "group";
export interface SqlFilter {
  sql: string;
  params: unknown[];
  exact: boolean;
}

interface Column {
  expr: string;
  /** Values compared lower-cased (caseExact=false attributes stored lower-cased or via scim_lower). */
  ci: boolean;
  /** How "unassigned" is stored. */
  absent: "empty" | "null" | "never";
  kind: "string" | "date";
}

const USER_COLUMNS: Record<string, Column> = {
  id: { expr: "u.id", ci: false, absent: "never", kind: "string" },
  username: { expr: "u.userNameLower", ci: true, absent: "never", kind: "string" },
  externalid: { expr: "u.externalId", ci: false, absent: "null", kind: "string" },
  displayname: { expr: "scim_lower(u.displayName)", ci: true, absent: "empty", kind: "string" },
  "name.givenname": { expr: "scim_lower(u.firstName)", ci: true, absent: "empty", kind: "string" },
  "name.familyname": { expr: "scim_lower(u.lastName)", ci: true, absent: "empty", kind: "string" },
  "meta.created": { expr: "u.createdAt", ci: false, absent: "never", kind: "date" },
  "meta.lastmodified": { expr: "u.updatedAt", ci: false, absent: "never", kind: "date" },
};

const GROUP_COLUMNS: Record<string, Column> = {
  id: { expr: "g.id", ci: false, absent: "never", kind: "string" },
  displayname: { expr: "g.nameLower", ci: true, absent: "never", kind: "string" },
  externalid: { expr: "g.externalId", ci: false, absent: "null", kind: "string" },
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
      return exact(`${col.expr} = ?`, [v]);
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

function leaf(f: Extract<Filter, { attr: unknown }>, table: ScimTable): SqlFilter {
  if (f.op === "valuePath") {
    // members[value eq "x"] / emails[value eq "x"]: translate the inner filter when it only
    // talks about `value`; anything else is decided in memory.
    const inner = f.filter;
    if ((inner.op === "eq" || inner.op === "pr") && inner.attr.sub?.name === "value") {
      return leaf(inner, table);
    }
    return TRUE;
  }
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
  if (table === "user" && (key === "emails.value" || key === "emails")) {
    // The primary email is an indexed column; users holding further emails are rechecked in memory.
    const others = "json_array_length(u.scimJson, '$.emails') > 1";
    if (f.op === "eq" && typeof value === "string") return { sql: `(u.emailLower = ? OR ${others})`, params: [value.toLowerCase()], exact: false };
    if (f.op === "pr") return { sql: `(u.emailLower <> '' OR ${others})`, params: [], exact: false };
    return TRUE;
  }
  const col = (table === "user" ? USER_COLUMNS : GROUP_COLUMNS)[key];
  if (!col) return TRUE;
  return columnLeaf(col, f.op, value) ?? TRUE;
}

/** `nullSafe` keeps NOT(...) correct when a leaf would evaluate to NULL. */
function translate(f: Filter, table: ScimTable, nullSafe: boolean): SqlFilter {
  switch (f.op) {
    case "and":
    case "or": {
      const l = translate(f.left, table, nullSafe);
      const r = translate(f.right, table, nullSafe);
      const joiner = f.op === "and" ? "AND" : "OR";
      // A superset AND/OR a superset is still a superset; only exact parts are exact.
      return { sql: `(${l.sql}) ${joiner} (${r.sql})`, params: [...l.params, ...r.params], exact: l.exact && r.exact };
    }
    case "not": {
      const inner = translate(f.filter, table, true);
      if (!inner.exact) return TRUE;
      return exact(`NOT (${inner.sql})`, inner.params);
    }
    default: {
      const t = leaf(f, table);
      return nullSafe && t.exact ? { ...t, sql: `coalesce((${t.sql}), 0)` } : t;
    }
  }
}

export function filterToSql(f: Filter, table: ScimTable): SqlFilter {
  return translate(f, table, false);
}

/** ORDER BY for sortBy attributes the database can order; undefined → sort in memory. */
export function sortToSql(key: string, table: ScimTable, order: "ascending" | "descending"): string | undefined {
  const col = (table === "user" ? USER_COLUMNS : GROUP_COLUMNS)[key];
  if (!col) return undefined;
  const dir = order === "descending" ? "DESC" : "ASC";
  const alias = table === "user" ? "u" : "g";
  // Unassigned values sort last ascending (first descending), as in lib/scim/sort.ts.
  const missing = col.absent === "empty" ? `(${col.expr} = '')` : col.absent === "null" ? `(${col.expr} IS NULL)` : undefined;
  return `${missing ? `${missing} ${dir}, ` : ""}${col.expr} ${dir}, ${alias}.id ASC`;
}

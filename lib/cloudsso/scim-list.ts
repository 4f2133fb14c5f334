import { matchesFilter, parseFilter } from "@/lib/scim/filter";
import type { ListRequest } from "@/lib/scim/list-request";
import type { Resource } from "@/lib/scim/normalize";
import type { ResourceTypeDef } from "@/lib/scim/schemas";
import { resolveSortBy, sortResources } from "@/lib/scim/sort";
import { filterToSql, sortToSql, type ScimTable } from "./scim-filter-sql";
import { stmt } from "./scim-sql";

/**
 * One list/search engine for Users and Groups: the filter runs in SQL when it can be translated
 * exactly (count + one page), otherwise SQL narrows the candidates and the filter is evaluated on
 * rendered resources, so every RFC expression gives the right answer.
 */
export interface ListSource<Row> {
  table: ScimTable;
  rt: ResourceTypeDef;
  /** e.g. "SsoUser u"; the alias must match filterToSql's (u / g). */
  from: string;
  alias: "u" | "g";
  render(rows: Row[]): Resource[];
}

export interface ListOptions {
  /** Root /.search: attributes of the other resource type are absent, not errors. */
  acrossTypes?: boolean;
}

export interface ListResult {
  total: number;
  resources: Resource[];
}

export function listResources<Row>(src: ListSource<Row>, directoryId: string, req: ListRequest, opts: ListOptions = {}): ListResult {
  const filter = req.filter ? parseFilter(req.filter, src.rt, { unknownAsAbsent: opts.acrossTypes }) : undefined;
  const translated = filter ? filterToSql(filter, src.table) : undefined;
  const where = `${src.alias}.directoryId = ?${translated ? ` AND (${translated.sql})` : ""}`;
  const params = [directoryId, ...(translated?.params ?? [])];
  const sortRef = req.sortBy ? resolveSortBy(src.rt, req.sortBy) : undefined;
  const defaultOrder = `${src.alias}.createdAt ASC, ${src.alias}.id ASC`;
  const sqlOrder = sortRef ? sortToSql(sortRef.key, src.table, req.sortOrder) : defaultOrder;

  if ((!translated || translated.exact) && sqlOrder) {
    const count = () => (stmt(`SELECT count(*) AS n FROM ${src.from} WHERE ${where}`).get(...params) as { n: number }).n;
    if (req.count === 0) return { total: count(), resources: [] };
    const rows = stmt(`SELECT ${src.alias}.* FROM ${src.from} WHERE ${where} ORDER BY ${sqlOrder} LIMIT ? OFFSET ?`).all(
      ...params,
      req.count,
      req.startIndex - 1,
    ) as Row[];
    // A first page that is not full is the whole result (the common lookup): no count needed.
    const total = req.startIndex === 1 && rows.length < req.count ? rows.length : count();
    return { total, resources: src.render(rows) };
  }

  const rows = stmt(`SELECT ${src.alias}.* FROM ${src.from} WHERE ${where} ORDER BY ${defaultOrder}`).all(...params) as Row[];
  let resources = src.render(rows);
  if (filter) resources = resources.filter((r) => matchesFilter(filter, r));
  if (sortRef) resources = sortResources(resources, sortRef, req.sortOrder);
  const total = resources.length;
  return { total, resources: req.count === 0 ? [] : resources.slice(req.startIndex - 1, req.startIndex - 1 + req.count) };
}

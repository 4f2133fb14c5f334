import "server-only";
import { matchesFilter, parseFilter, type Filter } from "@/lib/scim/filter";
import type { RawJson } from "@/lib/scim/json-text";
import type { ListRequest } from "@/lib/scim/list-request";
import type { Resource } from "@/lib/scim/normalize";
import type { ResourceTypeDef } from "@/lib/scim/schemas";
import { resolveSortBy, sortResources } from "@/lib/scim/sort";
import { filterToSql, sortToSql, type ScimTable } from "./scim-filter-sql";
import { stableRead, stmt } from "./scim-sql";

/**
 * One list/search engine for Users and Groups: the filter runs in SQL when it can be translated
 * exactly (count + one page), otherwise SQL narrows the candidates and the filter is evaluated on
 * rendered resources, so every RFC expression gives the right answer.
 */
export interface ListSource<Row, TextRow = Row> {
  table: ScimTable;
  rt: ResourceTypeDef;
  /** e.g. "SsoUser u"; the alias must match filterToSql's (u / g). */
  from: string;
  alias: "u" | "g";
  /** The columns render() reads (default: all of them). */
  columns?: string;
  render(rows: Row[]): Resource[];
  /** The columns renderText reads (default: columns). */
  textColumns?: string;
  /** Rows straight to their default-projection JSON text (see ListOptions.defaultProjection). */
  renderText?(rows: TextRow[]): RawJson[];
}

export interface ListOptions {
  /** Root /.search: attributes of the other resource type are absent, not errors. */
  acrossTypes?: boolean;
  /**
   * The response carries the default projection (no attributes / excludedAttributes): a page the
   * SQL decides exactly may come back as texts from the source's renderText instead of resources.
   */
  defaultProjection?: boolean;
}

export interface ListResult {
  total: number;
  resources: Resource[];
  /** Instead of resources: each one's default-projection JSON text, in order. */
  texts?: RawJson[];
}

/** The WHERE and ORDER BY a list runs; exported so tests can read the plan of the real query. */
export interface ListQuery {
  filter?: Filter;
  where: string;
  params: unknown[];
  /** The filter is decided in SQL; otherwise the rows are candidates for the evaluator. */
  exact: boolean;
  /** ORDER BY in SQL, or undefined when sortBy is sorted in memory. */
  order: string | undefined;
  defaultOrder: string;
  sortRef: ReturnType<typeof resolveSortBy> | undefined;
}

export function listQuery(src: Pick<ListSource<unknown>, "table" | "rt" | "alias">, directoryId: string, req: ListRequest, opts: ListOptions = {}): ListQuery {
  const filter = req.filter ? parseFilter(req.filter, src.rt, { unknownAsAbsent: opts.acrossTypes }) : undefined;
  const translated = filter ? filterToSql(filter, src.table, directoryId) : undefined;
  const drive = translated?.drive;
  // Without statistics SQLite would rather walk the directory in (directoryId, createdAt) order
  // than use the lookup's index and sort the few hits; "+" keeps a term from keying an index.
  // An id subquery already stays inside the directory, so the directory term only double-checks.
  const dirTerm = `${drive === "ids" ? "+" : ""}${src.alias}.directoryId = ?`;
  const where = `${dirTerm}${translated ? ` AND (${translated.sql})` : ""}`;
  const sortRef = req.sortBy ? resolveSortBy(src.rt, req.sortBy) : undefined;
  const defaultOrder = `${drive ? "+" : ""}${src.alias}.createdAt ASC, ${src.alias}.id ASC`;
  return {
    filter,
    where,
    params: [directoryId, ...(translated?.params ?? [])],
    exact: !translated || translated.exact,
    order: sortRef ? sortToSql(sortRef.key, src.table, req.sortOrder, drive !== undefined) : defaultOrder,
    defaultOrder,
    sortRef,
  };
}

export function listResources<Row, TextRow = Row>(src: ListSource<Row, TextRow>, directoryId: string, req: ListRequest, opts: ListOptions = {}): ListResult {
  const { filter, where, params, exact, order: sqlOrder, defaultOrder, sortRef } = listQuery(src, directoryId, req, opts);

  const a = src.alias;
  const cols = src.columns ?? `${a}.*`;
  // A page the SQL decides exactly, in the default projection, is sent as the source's texts.
  const renderText = opts.defaultProjection ? src.renderText : undefined;
  const pageCols = renderText ? (src.textColumns ?? cols) : cols;
  const page = (rows: unknown[], total: number): ListResult =>
    renderText ? { total, resources: [], texts: renderText(rows as TextRow[]) } : { total, resources: src.render(rows as Row[]) };
  if (exact && sqlOrder) {
    if (!filter) {
      // The whole directory in its default order (GET /Users?startIndex=…&count=100, the paging
      // every IdP and console does): the ordered rowids are kept until something is written
      // (stableRead), so a page deep into 100,000 users reads its 100 rows by rowid, not the
      // rows it skips. sortBy pages walk their index below.
      if (!sortRef && req.startIndex > 1) {
        const order = stableRead(`order:${src.from}:${directoryId}`, () =>
          stmt(`SELECT ${a}.rowid FROM ${src.from} WHERE ${where} ORDER BY ${sqlOrder}`).pluck().all(...params) as number[],
        );
        const ids = order.slice(req.startIndex - 1, req.startIndex - 1 + req.count);
        const rows = ids.length === 0 ? [] : stmt(`SELECT ${pageCols} FROM ${src.from} WHERE ${a}.rowid IN (SELECT value FROM json_each(?)) ORDER BY ${sqlOrder}`).all(JSON.stringify(ids));
        return page(rows, order.length);
      }
    }
    const countNow = () => (stmt(`SELECT count(*) AS n FROM ${src.from} WHERE ${where}`).get(...params) as { n: number }).n;
    // The whole directory's count (every unfiltered page asks) is kept until something is written.
    const count = filter ? countNow : () => stableRead(`count:${src.from}:${directoryId}`, countNow);
    if (req.count === 0) return { total: count(), resources: [] };
    // Past the first page, the skipped rows are stepped over as rowids and only the page's rows
    // are read whole: SQLite would otherwise read every skipped row in full.
    const pageSql =
      req.startIndex === 1
        ? `SELECT ${pageCols} FROM ${src.from} WHERE ${where} ORDER BY ${sqlOrder} LIMIT ? OFFSET ?`
        : `SELECT ${pageCols} FROM ${src.from} WHERE ${a}.rowid IN (SELECT ${a}.rowid FROM ${src.from} WHERE ${where} ORDER BY ${sqlOrder} LIMIT ? OFFSET ?) ORDER BY ${sqlOrder}`;
    const rows = stmt(pageSql).all(...params, req.count, req.startIndex - 1);
    // A first page that is not full is the whole result (the common lookup): no count needed.
    const total = req.startIndex === 1 && rows.length < req.count ? rows.length : count();
    return page(rows, total);
  }

  const rows = stmt(`SELECT ${cols} FROM ${src.from} WHERE ${where} ORDER BY ${defaultOrder}`).all(...params) as Row[];
  let resources = src.render(rows);
  if (filter) resources = resources.filter((r) => matchesFilter(filter, r));
  if (sortRef) resources = sortResources(resources, sortRef, req.sortOrder);
  const total = resources.length;
  return { total, resources: req.count === 0 ? [] : resources.slice(req.startIndex - 1, req.startIndex - 1 + req.count) };
}

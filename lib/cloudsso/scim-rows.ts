import "server-only";
import { groupBy } from "@/lib/group-by";
import { ScimError, notFound } from "@/lib/scim/errors";
import { ifMatchHolds } from "@/lib/scim/etag";
import type { Resource } from "@/lib/scim/normalize";
import { isoFromSql, stmt, writeTransaction } from "./scim-sql";

/** What the SCIM store's Users and Groups share: their rows' common columns, reading a row, a guarded write, rows per id. */
export type ResourceKind = "User" | "Group";

/** The columns SsoUser and SsoGroup share, as this connection reads them (dates as text). */
export interface ResourceRow {
  id: string;
  directoryId: string;
  description: string;
  provisioningType: string;
  externalId: string | null;
  /** The full SCIM representation as last written over SCIM. */
  scimJson: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A rendered resource and the version its ETag carries. */
export interface Versioned {
  resource: Resource;
  version: number;
}

const TABLE: Record<ResourceKind, string> = { User: "SsoUser", Group: "SsoGroup" };

/** A resource's meta attribute (RFC 7643 §3.1), from its row. */
export function resourceMeta(kind: ResourceKind, row: Pick<ResourceRow, "id" | "version" | "createdAt" | "updatedAt">, baseUrl: string) {
  return {
    resourceType: kind,
    created: isoFromSql(row.createdAt),
    lastModified: isoFromSql(row.updatedAt),
    location: `${baseUrl}/${kind}s/${row.id}`,
    version: `W/"${row.version}"`,
  };
}

/** The row of a resource in the directory; 404 when there is none. */
export function requireRow<R extends ResourceRow>(kind: ResourceKind, directoryId: string, id: string): R {
  const row = stmt(`SELECT * FROM ${TABLE[kind]} WHERE id = ? AND directoryId = ?`).get(id, directoryId) as R | undefined;
  if (!row) throw notFound(`${kind} ${id} not found.`);
  return row;
}

/**
 * A write to an existing resource, in one write transaction: read its row (404), hold the client's
 * If-Match against the row's version (412 when it has moved on), then `write`.
 */
export function writeExisting<R extends ResourceRow, T = void>(
  kind: ResourceKind,
  directoryId: string,
  id: string,
  ifMatch: string | null,
  write: (row: R) => T,
): Promise<T> {
  return writeTransaction(() => {
    const row = requireRow<R>(kind, directoryId, id);
    if (!ifMatchHolds(ifMatch, row.version)) {
      throw new ScimError(412, undefined, `The resource has changed: its current version is W/"${row.version}".`);
    }
    return write(row);
  });
}

/** What a write leaves: the resource's id and version (its ETag), without rendering it. */
export interface Written {
  id: string;
  version: number;
}

/** The id and current version of a resource, read inside the write's transaction. */
export function written(kind: ResourceKind, id: string): Written {
  return { id, version: stmt(`SELECT version FROM ${TABLE[kind]} WHERE id = ?`).pluck().get(id) as number };
}

/**
 * Rows that belong to a set of ids, grouped by id: one id probes with `= ?` (`query.one`); several
 * go in as one JSON array through json_each (`query.many`), so one prepared statement serves any
 * count. The queries keep the rows in the order each group should list them.
 */
export function rowsForIds<T>(ids: string[], query: { one: string; many: string }, idOf: (row: T) => string): Map<string, T[]> {
  if (ids.length === 0) return new Map();
  const rows = (ids.length === 1 ? stmt(query.one).all(ids[0]) : stmt(query.many).all(JSON.stringify(ids))) as T[];
  return groupBy(rows, idOf);
}

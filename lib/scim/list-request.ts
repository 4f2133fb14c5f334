import { groupBy } from "@/lib/group-by";
import { invalidValue } from "./errors";
import { getCI } from "./attribute-path";
import { isPlainObject } from "./normalize";
import { parseAttributeList } from "./projection";
import { LIST_RESPONSE_SCHEMA, SEARCH_REQUEST_SCHEMA } from "./schemas";

/** Query parameters of a list/search (RFC 7644 §3.4.2), from a URL or a SearchRequest body. */
export const MAX_PAGE_SIZE = 100;
const MAX_START_INDEX = 2 ** 31 - 1;

export interface ListRequest {
  filter?: string;
  startIndex: number;
  count: number;
  sortBy?: string;
  sortOrder: "ascending" | "descending";
  attributes?: string[];
  excludedAttributes?: string[];
}

function integer(raw: unknown, name: string): number | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n)) throw invalidValue(`"${name}" must be an integer.`);
  return n;
}

function build(get: (name: string) => unknown): ListRequest {
  const filter = get("filter");
  if (filter !== undefined && typeof filter !== "string") throw invalidValue('"filter" must be a string.');
  const sortBy = get("sortBy");
  if (sortBy !== undefined && typeof sortBy !== "string") throw invalidValue('"sortBy" must be a string.');
  const sortOrderRaw = get("sortOrder");
  let sortOrder: "ascending" | "descending" = "ascending";
  if (sortOrderRaw !== undefined && sortOrderRaw !== "") {
    if (typeof sortOrderRaw !== "string" || !/^(ascending|descending)$/i.test(sortOrderRaw)) {
      throw invalidValue('"sortOrder" must be "ascending" or "descending".');
    }
    sortOrder = sortOrderRaw.toLowerCase() as "ascending" | "descending";
  }
  // RFC 7644 §3.4.2.4: startIndex < 1 is read as 1; a negative count as 0; more than the
  // maximum is capped rather than refused.
  // Capped too: a startIndex past SQLite's integer range (e.g. 99999999999999999999) made the
  // OFFSET a "datatype mismatch" 500; any value this large is past the last page anyway.
  const startIndex = Math.min(MAX_START_INDEX, Math.max(1, integer(get("startIndex"), "startIndex") ?? 1));
  const count = Math.min(MAX_PAGE_SIZE, Math.max(0, integer(get("count"), "count") ?? MAX_PAGE_SIZE));
  return {
    ...(filter !== undefined && filter.trim() !== "" ? { filter } : {}),
    ...(sortBy ? { sortBy } : {}),
    sortOrder,
    startIndex,
    count,
    attributes: parseAttributeList(get("attributes")),
    excludedAttributes: parseAttributeList(get("excludedAttributes")),
  };
}

export function listRequestFromQuery(query: URLSearchParams): ListRequest {
  const lower = groupBy(query, ([k]) => k.toLowerCase());
  return build((name) => {
    const vals = lower.get(name.toLowerCase())?.map(([, v]) => v);
    if (!vals) return undefined;
    return name === "attributes" || name === "excludedAttributes" ? vals : vals[vals.length - 1];
  });
}

/** POST /.search body (RFC 7644 §3.4.3). */
export function listRequestFromSearch(body: unknown): ListRequest {
  if (!isPlainObject(body)) throw invalidValue("The search request must be a JSON object.");
  const schemas = getCI(body, "schemas");
  if (schemas !== undefined && (!Array.isArray(schemas) || !schemas.some((s) => typeof s === "string" && s.toLowerCase() === SEARCH_REQUEST_SCHEMA.toLowerCase()))) {
    throw invalidValue(`A search request must list "${SEARCH_REQUEST_SCHEMA}" in "schemas".`);
  }
  return build((name) => getCI(body, name));
}

export interface ListResponse<T> {
  schemas: [typeof LIST_RESPONSE_SCHEMA];
  totalResults: number;
  itemsPerPage: number;
  startIndex: number;
  Resources: T[];
}

export function listResponse<T>(resources: T[], totalResults: number, startIndex: number): ListResponse<T> {
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults, itemsPerPage: resources.length, startIndex, Resources: resources };
}

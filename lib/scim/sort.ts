import { invalidValue } from "./errors";
import { container, getCI, resolveAttribute, type AttrRef } from "./attribute-path";
import type { Resource } from "./normalize";
import type { ResourceTypeDef } from "./schemas";

/** sortBy/sortOrder (RFC 7644 §3.4.2.3) for results that could not be ordered by the database. */
export function resolveSortBy(rt: ResourceTypeDef, sortBy: string): AttrRef {
  const ref = resolveAttribute(rt, sortBy);
  if (!ref) throw invalidValue(`Cannot sort by "${sortBy}": no such attribute on ${rt.name} resources.`);
  if (ref.attr.type === "complex" && !ref.sub && !ref.attr.subAttributes?.some((s) => s.name === "value")) {
    throw invalidValue(`Cannot sort by the complex attribute "${sortBy}"; name one of its sub-attributes.`);
  }
  return ref;
}

/** The value a resource sorts by; for multi-valued attributes the primary (else first) value. */
export function sortValue(resource: Resource, ref: AttrRef): unknown {
  const top = getCI(container(resource, ref), ref.attr.name);
  if (top === undefined || top === null) return undefined;
  const subName = ref.sub?.name ?? (ref.attr.type === "complex" ? "value" : undefined);
  const item = Array.isArray(top) ? (top.find((x) => getCI(x, "primary") === true) ?? top[0]) : top;
  return subName ? getCI(item, subName) : item;
}

/** Unassigned values sort last in ascending order (and so first in descending). */
export function compareForSort(ref: AttrRef, a: unknown, b: unknown): number {
  const def = ref.sub ?? ref.attr;
  const missingA = a === undefined || a === null || a === "";
  const missingB = b === undefined || b === null || b === "";
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
  if (def.type === "dateTime") return Date.parse(String(a)) - Date.parse(String(b));
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  let x = String(a);
  let y = String(b);
  if (!def.caseExact) {
    x = x.toLowerCase();
    y = y.toLowerCase();
  }
  return x < y ? -1 : x > y ? 1 : 0;
}

export function sortResources(resources: Resource[], ref: AttrRef, order: "ascending" | "descending"): Resource[] {
  const sign = order === "descending" ? -1 : 1;
  return [...resources].sort((r1, r2) => sign * compareForSort(ref, sortValue(r1, ref), sortValue(r2, ref)));
}

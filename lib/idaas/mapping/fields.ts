/**
 * The source fields a Field Mapping may read. Only these names resolve in field rules and
 * expressions, so a mapping can never reach anything else on the record it is given.
 */
export const ACCOUNT_FIELDS = [
  "id",
  "username",
  "displayName",
  "givenName",
  "familyName",
  "email",
  "phone",
  "status",
  "externalId",
  "description",
  "primaryUnitName",
] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];

export const GROUP_FIELDS = ["id", "name", "description"] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];

export type MappingKind = "user" | "group";

export function fieldsFor(kind: MappingKind): readonly string[] {
  return kind === "user" ? ACCOUNT_FIELDS : GROUP_FIELDS;
}

/** An account as the mapping sees it; extra properties (e.g. a whole database row) are ignored. */
export type MappingAccount = { id: string } & { readonly [K in Exclude<AccountField, "id">]?: unknown };
export type MappingGroup = { id: string } & { readonly [K in Exclude<GroupField, "id">]?: unknown };

export type ScalarValue = string | number | boolean | null;

/** Reads a whitelisted field as a scalar; missing, null and non-scalar values read as null. */
export function readField(record: object, field: string, allowed: readonly string[]): ScalarValue {
  if (!allowed.includes(field) || !Object.prototype.hasOwnProperty.call(record, field)) return null;
  const v = (record as Record<string, unknown>)[field];
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return null;
}

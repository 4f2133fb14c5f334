/**
 * Target side of a Field Mapping row: the subset of RFC 7644 attribute paths a mapping can
 * write — `attr`, `attr.sub`, `attr[subAttr eq "literal"].sub`, each optionally prefixed by a
 * schema URN (`urn:…:enterprise:2.0:User:employeeNumber`).
 */

export const CORE_USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const CORE_GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

export interface TargetPath {
  /** Extension schema URN, or null for the core schema. */
  schema: string | null;
  attribute: string;
  /** Present for `attr[subAttr eq value].sub`: the element selector. */
  selector: { attribute: string; value: string | boolean } | null;
  sub: string | null;
  /** Canonical spelling, used to detect duplicates and overlaps. */
  key: string;
}

export class TargetPathError extends Error {
  override readonly name = "TargetPathError";
}

const NAME = "[A-Za-z][\\w$-]*";
const SIMPLE = new RegExp(`^(${NAME})(?:\\.(${NAME}))?$`);
const VALUE_PATH = new RegExp(`^(${NAME})\\[\\s*(${NAME})\\s+eq\\s+("(?:[^"\\\\]|\\\\.)*"|true|false)\\s*\\]\\.(${NAME})$`, "i");

/** Multi-valued core attributes: writing one needs a selector such as [type eq "work"]. */
export const MULTI_VALUED_ATTRIBUTES = new Set(["emails", "phonenumbers", "ims", "photos", "addresses", "entitlements", "roles", "x509certificates"]);
/** Core attributes the engine owns or IDaaS cannot supply. */
const RESERVED_ATTRIBUTES = new Set(["id", "meta", "schemas", "groups", "members", "password"]);

export function parseTargetPath(raw: string): TargetPath {
  const target = typeof raw === "string" ? raw.trim() : "";
  if (target === "") throw new TargetPathError("Target attribute is required.");
  if (target.length > 200) throw new TargetPathError("Target attribute must be at most 200 characters.");

  let schema: string | null = null;
  let rest = target;
  if (/^urn:/i.test(target)) {
    const bracket = target.indexOf("[");
    const head = bracket === -1 ? target : target.slice(0, bracket);
    const colon = head.lastIndexOf(":");
    schema = target.slice(0, colon);
    rest = target.slice(colon + 1);
    if (!/^urn:[A-Za-z0-9.:_-]+$/.test(schema)) throw new TargetPathError(`"${schema}" is not a valid schema URN.`);
    if (sameUrn(schema, CORE_USER_SCHEMA) || sameUrn(schema, CORE_GROUP_SCHEMA)) schema = null;
    else if (sameUrn(schema, ENTERPRISE_USER_SCHEMA)) schema = ENTERPRISE_USER_SCHEMA;
  }

  let attribute: string;
  let sub: string | null = null;
  let selector: TargetPath["selector"] = null;
  const simple = SIMPLE.exec(rest);
  const valuePath = simple ? null : VALUE_PATH.exec(rest);
  if (simple) {
    attribute = simple[1];
    sub = simple[2] ?? null;
  } else if (valuePath) {
    attribute = valuePath[1];
    const literal = valuePath[3];
    const value: string | boolean =
      literal.toLowerCase() === "true" ? true : literal.toLowerCase() === "false" ? false : (JSON.parse(literal) as string);
    selector = { attribute: valuePath[2], value };
    sub = valuePath[4];
  } else {
    throw new TargetPathError(
      `"${target}" is not a supported SCIM attribute path. Use attribute, attribute.subAttribute or attribute[type eq "work"].value.`,
    );
  }

  const lower = attribute.toLowerCase();
  if (schema === null && RESERVED_ATTRIBUTES.has(lower)) {
    throw new TargetPathError(`"${attribute}" cannot be mapped: it is managed by the SCIM server or the provisioning engine.`);
  }
  if (schema === null && MULTI_VALUED_ATTRIBUTES.has(lower) && !selector) {
    throw new TargetPathError(`"${attribute}" is multi-valued; map one value, e.g. ${attribute}[type eq "work"].value.`);
  }
  const selectorKey = selector ? `[${selector.attribute.toLowerCase()} eq ${JSON.stringify(selector.value)}]` : "";
  const key = `${schema ? `${schema.toLowerCase()}:` : ""}${lower}${selectorKey}${sub ? `.${sub.toLowerCase()}` : ""}`;
  return { schema, attribute, selector, sub, key };
}

/** Two paths write overlapping data (one is a prefix of the other, e.g. `name` and `name.givenName`). */
export function pathsOverlap(a: TargetPath, b: TargetPath): boolean {
  if (a.key === b.key) return true;
  const base = (p: TargetPath) => `${p.schema ? `${p.schema.toLowerCase()}:` : ""}${p.attribute.toLowerCase()}`;
  if (base(a) !== base(b)) return false;
  // Same attribute: a whole-attribute write overlaps any sub-attribute write.
  return (a.sub === null && a.selector === null) || (b.sub === null && b.selector === null);
}

/** Boolean-typed targets (RFC 7643): `active` and any `primary` sub-attribute. */
export function isBooleanTarget(p: TargetPath): boolean {
  return (p.schema === null && p.attribute.toLowerCase() === "active" && p.sub === null) || p.sub?.toLowerCase() === "primary";
}

function sameUrn(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

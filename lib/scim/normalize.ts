import { invalidValue } from "./errors";
import { resolvePath } from "./attribute-path";
import { coreAttributes, extensionFor, findAttribute, type AttributeDef, type ResourceTypeDef } from "./schemas";

/**
 * Schema-driven input coercion shared by POST, PUT and the result of PATCH: keys are matched
 * case-insensitively and rewritten to their canonical names, unknown attributes are dropped
 * (not fatal), read-only and write-only ones are discarded, and the dialects real IdPs speak are
 * accepted: "True"/"False" strings for booleans (Entra), a bare string for a complex attribute
 * with a `value` (Entra's manager), a single object where an array belongs.
 */
export type Resource = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A resource stored as JSON text; `{}` when the text is not a JSON object. */
export function resourceFromJson(json: string): Resource {
  try {
    const v = JSON.parse(json);
    return isPlainObject(v) ? v : {};
  } catch {
    return {};
  }
}

function label(path: string) {
  return `"${path}"`;
}

export function coerceBoolean(v: unknown, path: string): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === "true";
  throw invalidValue(`Attribute ${label(path)} must be a boolean.`);
}

function coerceSingle(def: AttributeDef, v: unknown, path: string): unknown {
  if (v === null || v === undefined) return undefined;
  switch (def.type) {
    case "complex": {
      const sub = def.subAttributes ?? [];
      if (typeof v === "string" && sub.some((s) => s.name === "value")) return { value: v };
      if (!isPlainObject(v)) throw invalidValue(`Attribute ${label(path)} must be an object.`);
      const out: Record<string, unknown> = {};
      for (const [k, raw] of Object.entries(v)) {
        const sd = findAttribute(sub, k);
        if (!sd || sd.mutability === "readOnly" || sd.mutability === "writeOnly") continue;
        const val = coerce(sd, raw, `${path}.${sd.name}`);
        if (val !== undefined) out[sd.name] = val;
      }
      return Object.keys(out).length > 0 ? out : undefined;
    }
    case "boolean":
      return coerceBoolean(v, path);
    case "integer":
      if (typeof v !== "number" || !Number.isInteger(v)) throw invalidValue(`Attribute ${label(path)} must be an integer.`);
      return v;
    case "decimal":
      if (typeof v !== "number" || !Number.isFinite(v)) throw invalidValue(`Attribute ${label(path)} must be a number.`);
      return v;
    case "dateTime":
      if (typeof v !== "string" || Number.isNaN(Date.parse(v))) throw invalidValue(`Attribute ${label(path)} must be an xsd:dateTime string.`);
      return v;
    default:
      if (typeof v !== "string") throw invalidValue(`Attribute ${label(path)} must be a string.`);
      return v;
  }
}

/** Coerces one attribute's value; undefined means "unassigned". */
export function coerce(def: AttributeDef, v: unknown, path: string): unknown {
  if (v === null || v === undefined) return undefined;
  if (!def.multiValued) {
    if (Array.isArray(v)) {
      if (v.length === 1) return coerceSingle(def, v[0], path);
      throw invalidValue(`Attribute ${label(path)} is single-valued.`);
    }
    return coerceSingle(def, v, path);
  }
  const items = (Array.isArray(v) ? v : [v]).map((x, i) => coerceSingle(def, x, `${path}[${i}]`)).filter((x) => x !== undefined);
  if (def.type === "complex") {
    // RFC 7643 §2.4: at most one value may be primary; keep the first the client marked.
    let seenPrimary = false;
    for (const item of items as Record<string, unknown>[]) {
      if (item.primary === true) {
        if (seenPrimary) item.primary = false;
        seenPrimary = true;
      }
    }
  }
  return items.length > 0 ? items : undefined;
}

function assignable(def: AttributeDef) {
  return def.mutability !== "readOnly" && def.mutability !== "writeOnly";
}

/**
 * Canonical form of a client-supplied resource body: only known, writable attributes, with
 * canonical names and coerced values. `schemas`, `id` and `meta` are the server's to set.
 */
export function normalizeResource(input: Resource, rt: ResourceTypeDef): Resource {
  const out: Resource = {};
  const core = coreAttributes(rt);
  for (const [key, raw] of Object.entries(input)) {
    const ext = extensionFor(rt, key);
    if (ext) {
      if (raw === null) continue;
      if (!isPlainObject(raw)) throw invalidValue(`Attribute "${ext.id}" must be an object.`);
      const extOut: Resource = { ...(isPlainObject(out[ext.id]) ? (out[ext.id] as Resource) : {}) };
      for (const [k, v] of Object.entries(raw)) {
        const def = findAttribute(ext.attributes, k);
        if (!def || !assignable(def)) continue;
        const val = coerce(def, v, `${ext.id}:${def.name}`);
        if (val !== undefined) extOut[def.name] = val;
      }
      if (Object.keys(extOut).length > 0) out[ext.id] = extOut;
      continue;
    }
    if (key.includes(":")) {
      // A schema-qualified name used as a key (`urn:…:enterprise:2.0:User:department`).
      const t = resolvePath(rt, key);
      if (t?.kind !== "attribute" || t.ref.sub || !assignable(t.ref.attr)) continue;
      const val = coerce(t.ref.attr, raw, key);
      if (!t.ref.extension) {
        if (val !== undefined) out[t.ref.attr.name] = val;
        continue;
      }
      const extOut: Resource = { ...(isPlainObject(out[t.ref.extension.id]) ? (out[t.ref.extension.id] as Resource) : {}) };
      if (val !== undefined) extOut[t.ref.attr.name] = val;
      if (Object.keys(extOut).length > 0) out[t.ref.extension.id] = extOut;
      continue;
    }
    const def = findAttribute(core, key);
    if (!def || !assignable(def)) continue;
    const val = coerce(def, raw, def.name);
    if (val !== undefined) out[def.name] = val;
  }
  return order(out, rt);
}

/** Each attribute name's place in schema order (core attributes, then extension schemas). */
const ranks = new WeakMap<ResourceTypeDef, Map<string, number>>();
function rankOf(rt: ResourceTypeDef): Map<string, number> {
  let rank = ranks.get(rt);
  if (!rank) {
    rank = new Map();
    for (const def of coreAttributes(rt)) if (!rank.has(def.name)) rank.set(def.name, rank.size);
    for (const e of rt.extensions) if (!rank.has(e.schema.id)) rank.set(e.schema.id, rank.size);
    ranks.set(rt, rank);
  }
  return rank;
}

/**
 * Schema order makes stored JSON and responses stable and readable: the attributes of `res` the
 * schema knows, defined ones only, in schema order (`omit`: names left out). Walks the few keys
 * the resource has, not the schema's list (every listed user goes through here).
 */
export function order(res: Resource, rt: ResourceTypeDef, omit?: ReadonlySet<string>): Resource {
  const rank = rankOf(rt);
  const keys: string[] = [];
  for (const k of Object.keys(res)) if (res[k] !== undefined && rank.has(k) && !omit?.has(k)) keys.push(k);
  keys.sort((a, b) => rank.get(a)! - rank.get(b)!);
  const out: Resource = {};
  for (const k of keys) out[k] = res[k];
  return out;
}

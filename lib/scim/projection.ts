import { resolvePath } from "./attribute-path";
import { RawJson } from "./json-text";
import { isPlainObject, type Resource } from "./normalize";
import { coreAttributes, extensionFor, findAttribute, type AttributeDef, type ResourceTypeDef } from "./schemas";

/**
 * `attributes` / `excludedAttributes` (RFC 7644 §3.9) with the schema's `returned`
 * characteristic: "always" survives exclusion, "never" is never sent, "request" only on request.
 */
export interface Projection {
  attributes?: string[];
  excludedAttributes?: string[];
}

/** Per container ("" = core, else lower-case extension URN): attribute → whole, or some sub-attributes. */
type Selection = Map<string, Map<string, true | Set<string>>>;

/** "a, b ,c" or ["a,b","c"] → ["a","b","c"]. */
export function parseAttributeList(input: unknown): string[] | undefined {
  if (input === undefined || input === null) return undefined;
  const parts = (Array.isArray(input) ? input : [input]).filter((x): x is string => typeof x === "string");
  const names = parts.flatMap((p) => p.split(",")).map((s) => s.trim()).filter(Boolean);
  return names.length > 0 ? names : undefined;
}

function select(rt: ResourceTypeDef, names: string[]): { sel: Selection; wholeExtensions: Set<string> } {
  const sel: Selection = new Map();
  const wholeExtensions = new Set<string>();
  for (const name of names) {
    const t = resolvePath(rt, name);
    if (!t) continue; // unknown names select nothing (RFC 7644 §3.9 does not make them errors)
    if (t.kind === "extension") {
      wholeExtensions.add(t.extension.id.toLowerCase());
      continue;
    }
    const c = t.ref.extension ? t.ref.extension.id.toLowerCase() : "";
    const attrs = sel.get(c) ?? new Map<string, true | Set<string>>();
    sel.set(c, attrs);
    const a = t.ref.attr.name.toLowerCase();
    const current = attrs.get(a);
    if (!t.ref.sub) attrs.set(a, true);
    else if (current !== true) attrs.set(a, new Set([...(current ?? []), t.ref.sub.name.toLowerCase()]));
  }
  return { sel, wholeExtensions };
}

function pickSubs(raw: unknown, subs: Set<string>, keep: boolean): unknown {
  // Pre-serialized values (a big group's members) are parsed only when sub-attributes are picked.
  const value = raw instanceof RawJson ? raw.value() : raw;
  const one = (v: unknown) => {
    if (!isPlainObject(v)) return v;
    const out: Resource = {};
    for (const [k, x] of Object.entries(v)) if (subs.has(k.toLowerCase()) === keep) out[k] = x;
    return out;
  };
  if (Array.isArray(value)) {
    const items = value.map(one).filter((v) => !isPlainObject(v) || Object.keys(v).length > 0);
    return items.length > 0 ? items : undefined;
  }
  const o = one(value);
  return isPlainObject(o) && Object.keys(o).length === 0 ? undefined : o;
}

/**
 * Projects a rendered resource. `requestOnly` names attributes that this response returns only
 * when asked for (Group members in lists).
 */
export function project(resource: Resource, rt: ResourceTypeDef, p: Projection, requestOnly: string[] = []): Resource {
  const include = p.attributes ? select(rt, p.attributes) : undefined;
  const exclude = p.excludedAttributes ? select(rt, p.excludedAttributes) : undefined;
  const reqOnly = new Set(requestOnly.map((s) => s.toLowerCase()));

  const decide = (c: string, def: AttributeDef, value: unknown): unknown => {
    const a = def.name.toLowerCase();
    if (def.returned === "never") return undefined;
    if (def.returned === "always") return value;
    if (include) {
      if (c !== "" && include.wholeExtensions.has(c)) return value;
      const entry = include.sel.get(c)?.get(a);
      if (!entry) return undefined;
      return entry === true ? value : pickSubs(value, entry, true);
    }
    if (def.returned === "request" || (c === "" && reqOnly.has(a))) return undefined;
    if (exclude) {
      if (c !== "" && exclude.wholeExtensions.has(c)) return undefined;
      const entry = exclude.sel.get(c)?.get(a);
      if (entry === true) return undefined;
      if (entry) return pickSubs(value, entry, false);
    }
    return value;
  };

  const out: Resource = {};
  const core = coreAttributes(rt);
  for (const [key, value] of Object.entries(resource)) {
    if (key === "schemas") {
      out.schemas = value;
      continue;
    }
    const ext = extensionFor(rt, key);
    if (ext && isPlainObject(value)) {
      const c = ext.id.toLowerCase();
      const inner: Resource = {};
      for (const [k, v] of Object.entries(value)) {
        const def = findAttribute(ext.attributes, k);
        if (!def) continue;
        const kept = decide(c, def, v);
        if (kept !== undefined) inner[k] = kept;
      }
      if (Object.keys(inner).length > 0) out[key] = inner;
      continue;
    }
    const def = findAttribute(core, key);
    if (!def) continue;
    const kept = decide("", def, value);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

/** Does the projection ask for this top-level attribute (e.g. to decide whether to load members)? */
export function wantsAttribute(rt: ResourceTypeDef, p: Projection, name: string, requestOnly: boolean): boolean {
  const lower = name.toLowerCase();
  if (p.attributes) {
    return p.attributes.some((n) => {
      const t = resolvePath(rt, n);
      return t?.kind === "attribute" && !t.ref.extension && t.ref.attr.name.toLowerCase() === lower;
    });
  }
  if (requestOnly) return false;
  if (p.excludedAttributes) {
    return !p.excludedAttributes.some((n) => {
      const t = resolvePath(rt, n);
      return t?.kind === "attribute" && !t.ref.extension && !t.ref.sub && t.ref.attr.name.toLowerCase() === lower;
    });
  }
  return true;
}

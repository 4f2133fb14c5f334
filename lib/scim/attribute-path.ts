import {
  coreAttributes,
  findAttribute,
  type AttributeDef,
  type ResourceTypeDef,
  type SchemaDef,
} from "./schemas";

/** A resolved attribute: where it lives in a resource and its definition. */
export interface AttrRef {
  /** Set for extension attributes, which live under `resource[extension.id]`. */
  extension?: SchemaDef;
  attr: AttributeDef;
  sub?: AttributeDef;
  /** Canonical, lower-case dotted path ("emails.value", "urn:…:user:department"); a stable key. */
  key: string;
}

export type PathTarget = { kind: "attribute"; ref: AttrRef } | { kind: "extension"; extension: SchemaDef };

const NAME = /^\$?[A-Za-z][\w-]*$/;

/**
 * Splits `[URI ":"] ATTRNAME ["." subAttr]` (RFC 7644 §3.10) and resolves it against the resource
 * type, case-insensitively. Returns undefined for unknown attributes or malformed names.
 */
export function resolvePath(rt: ResourceTypeDef, text: string): PathTarget | undefined {
  let rest = text.trim();
  let extension: SchemaDef | undefined;
  if (rest.includes(":")) {
    const lower = rest.toLowerCase();
    const schemas = [rt.schema, ...rt.extensions.map((e) => e.schema)];
    const owner = schemas.find((s) => lower === s.id.toLowerCase() || lower.startsWith(s.id.toLowerCase() + ":"));
    if (!owner) return undefined;
    if (lower === owner.id.toLowerCase()) {
      return owner === rt.schema ? undefined : { kind: "extension", extension: owner };
    }
    rest = rest.slice(owner.id.length + 1);
    if (owner !== rt.schema) extension = owner;
  }
  const parts = rest.split(".");
  if (parts.length > 2 || !parts.every((p) => NAME.test(p))) return undefined;
  const scope = extension ? extension.attributes : coreAttributes(rt);
  const attr = findAttribute(scope, parts[0]);
  if (!attr) return undefined;
  let sub: AttributeDef | undefined;
  if (parts.length === 2) {
    sub = findAttribute(attr.subAttributes ?? [], parts[1]);
    if (!sub) return undefined;
  }
  const prefix = extension ? extension.id.toLowerCase() + ":" : "";
  const key = prefix + attr.name.toLowerCase() + (sub ? "." + sub.name.toLowerCase() : "");
  return { kind: "attribute", ref: { extension, attr, sub, key } };
}

export function resolveAttribute(rt: ResourceTypeDef, text: string): AttrRef | undefined {
  const t = resolvePath(rt, text);
  return t?.kind === "attribute" ? t.ref : undefined;
}

/** Resolves a sub-attribute name inside a value filter (`emails[type eq "work"]`). */
export function resolveSubAttribute(parent: AttrRef, text: string): AttrRef | undefined {
  if (!NAME.test(text)) return undefined;
  const sub = findAttribute(parent.attr.subAttributes ?? [], text);
  if (!sub) return undefined;
  return { extension: parent.extension, attr: parent.attr, sub, key: parent.key + "." + sub.name.toLowerCase() };
}

/** Reads a key case-insensitively: stored resources use canonical names, client input may not. */
export function getCI(obj: unknown, name: string): unknown {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return undefined;
  const rec = obj as Record<string, unknown>;
  if (name in rec) return rec[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(rec)) if (k.toLowerCase() === lower) return rec[k];
  return undefined;
}

/** The object that holds a reference's top-level attribute (the resource or its extension). */
export function container(resource: Record<string, unknown>, ref: { extension?: SchemaDef }): unknown {
  return ref.extension ? getCI(resource, ref.extension.id) : resource;
}

/**
 * Every primitive value a reference denotes, flattened across multi-valued attributes. A complex
 * attribute named without a sub-attribute stands for its `value` sub-attribute (RFC 7644 §3.4.2.2).
 */
export function valuesOf(resource: Record<string, unknown>, ref: AttrRef): unknown[] {
  const top = getCI(container(resource, ref), ref.attr.name);
  if (top === undefined || top === null) return [];
  const items = Array.isArray(top) ? top : [top];
  const subName = ref.sub?.name ?? (ref.attr.type === "complex" ? "value" : undefined);
  const out: unknown[] = [];
  for (const item of items) {
    const v = subName ? getCI(item, subName) : item;
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) out.push(...v);
    else out.push(v);
  }
  return out;
}

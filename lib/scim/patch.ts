import { invalidPath, invalidSyntax, invalidValue, mutability, noTarget } from "./errors";
import { getCI, resolvePath, type AttrRef } from "./attribute-path";
import { matchesElement, parseValueFilter, type Filter } from "./filter";
import { coerce, isPlainObject, type Resource } from "./normalize";
import { coreAttributes, extensionFor, findAttribute, PATCH_OP_SCHEMA, type AttributeDef, type ResourceTypeDef, type SchemaDef } from "./schemas";

/**
 * RFC 7644 §3.5.2 PATCH, hand-written on purpose (the npm package scim-patch was tried and
 * dropped): the dialects real IdPs send need schema knowledge it lacks — op names in any case and
 * "True"/"False" strings (Entra), pathless replace with a value object and `members` replace with
 * [] (Okta), dotted or schema-qualified keys inside a pathless value (Entra), and
 * `emails[type eq "work"].value` on a user who has no work email yet (both: the element is
 * created). Operations run in order on a copy, so a failing operation leaves the original
 * untouched (atomicity is the caller's write).
 */
export type PatchOpName = "add" | "replace" | "remove";
export interface PatchOperation {
  op: PatchOpName;
  path?: string;
  value?: unknown;
}

const MAX_OPERATIONS = 1000;

/** Validates a PatchOp message and returns its operations with normalised op names. */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isPlainObject(body)) throw invalidSyntax("The PATCH body must be a JSON object.");
  const schemas = getCI(body, "schemas");
  // Entra has sent extra legacy URNs next to PatchOp; only a wrong-looking message is refused.
  if (schemas !== undefined && (!Array.isArray(schemas) || !schemas.some((s) => typeof s === "string" && s.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase()))) {
    throw invalidSyntax(`The PATCH body must list "${PATCH_OP_SCHEMA}" in "schemas".`);
  }
  const ops = getCI(body, "Operations");
  if (!Array.isArray(ops) || ops.length === 0) throw invalidSyntax('The PATCH body needs a non-empty "Operations" array.');
  if (ops.length > MAX_OPERATIONS) throw invalidSyntax(`At most ${MAX_OPERATIONS} operations per PATCH.`);
  return ops.map((raw, i) => {
    if (!isPlainObject(raw)) throw invalidSyntax(`Operations[${i}] must be an object.`);
    const op = getCI(raw, "op");
    if (typeof op !== "string" || !["add", "replace", "remove"].includes(op.toLowerCase())) {
      throw invalidSyntax(`Operations[${i}].op must be "add", "replace" or "remove".`);
    }
    const path = getCI(raw, "path");
    if (path !== undefined && path !== null && typeof path !== "string") throw invalidPath(`Operations[${i}].path must be a string.`);
    const value = getCI(raw, "value");
    const name = op.toLowerCase() as PatchOpName;
    const hasPath = typeof path === "string" && path.trim() !== "";
    if (name === "remove" && !hasPath) throw noTarget(`Operations[${i}]: "remove" needs a "path".`);
    if (name !== "remove" && value === undefined) throw invalidValue(`Operations[${i}]: "${name}" needs a "value".`);
    return { op: name, ...(hasPath ? { path: (path as string).trim() } : {}), ...(value !== undefined ? { value } : {}) };
  });
}

type Target =
  | { kind: "extension"; extension: SchemaDef }
  | { kind: "attribute"; ref: AttrRef; filter?: Filter; filterText?: string; sub?: AttributeDef };

/** Splits `attr[filter].sub` honouring quotes, so `]` inside a string does not end the filter. */
function splitValuePath(path: string): { attr: string; filter?: string; sub?: string } {
  const open = path.indexOf("[");
  if (open < 0) return { attr: path };
  let inString = false;
  for (let i = open + 1; i < path.length; i++) {
    const c = path[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "]") {
      const rest = path.slice(i + 1);
      if (rest !== "" && !/^\.\$?[A-Za-z][\w-]*$/.test(rest)) throw invalidPath(`Invalid path "${path}": unexpected "${rest}" after "]".`);
      return { attr: path.slice(0, open), filter: path.slice(open + 1, i), sub: rest ? rest.slice(1) : undefined };
    }
  }
  throw invalidPath(`Invalid path "${path}": missing "]".`);
}

/** Parses a PATCH path against the resource type; undefined = an unknown extension (ignored). */
export function parsePatchPath(path: string, rt: ResourceTypeDef): Target | undefined {
  const parts = splitValuePath(path);
  const target = resolvePath(rt, parts.attr);
  if (!target) {
    // Attributes of extension schemas we do not serve are ignored like unknown body attributes.
    const unknownSchema = parts.attr.includes(":") && !rt.extensions.some((e) => parts.attr.toLowerCase().startsWith(e.schema.id.toLowerCase()))
      && !parts.attr.toLowerCase().startsWith(rt.schema.id.toLowerCase());
    if (unknownSchema) return undefined;
    throw invalidPath(`Invalid path "${path}": no such attribute on ${rt.name} resources.`);
  }
  if (target.kind === "extension") {
    if (parts.filter !== undefined) throw invalidPath(`Invalid path "${path}": a schema cannot take a filter.`);
    return target;
  }
  const ref = target.ref;
  if (parts.filter === undefined) return { kind: "attribute", ref: { ...ref, sub: undefined }, sub: ref.sub };
  if (ref.sub || ref.attr.type !== "complex" || !ref.attr.multiValued) {
    throw invalidPath(`Invalid path "${path}": only multi-valued complex attributes take a value filter.`);
  }
  const filter = parseValueFilter(parts.filter, ref, rt);
  let sub: AttributeDef | undefined;
  if (parts.sub) {
    sub = findAttribute(ref.attr.subAttributes ?? [], parts.sub);
    if (!sub) throw invalidPath(`Invalid path "${path}": "${ref.attr.name}" has no sub-attribute "${parts.sub}".`);
  }
  return { kind: "attribute", ref, filter, filterText: parts.filter, sub };
}

/** `type eq "work" and primary eq true` → {type:"work", primary:true}; undefined if not that shape. */
function equalities(f: Filter): Record<string, unknown> | undefined {
  if (f.op === "and") {
    const l = equalities(f.left);
    const r = equalities(f.right);
    return l && r ? { ...l, ...r } : undefined;
  }
  if (f.op === "eq" && f.attr.sub && f.value !== null) return { [f.attr.sub.name]: f.value };
  return undefined;
}

function sameValue(def: AttributeDef, a: unknown, b: unknown): boolean {
  if (!isPlainObject(a) || !isPlainObject(b)) return JSON.stringify(a) === JSON.stringify(b);
  const valueDef = def.subAttributes?.find((s) => s.name === "value");
  if (!valueDef || a.value === undefined) return JSON.stringify(a) === JSON.stringify(b);
  const eq = (x: unknown, y: unknown, caseExact: boolean) =>
    typeof x === "string" && typeof y === "string" && !caseExact ? x.toLowerCase() === y.toLowerCase() : x === y;
  if (!eq(a.value, b.value, valueDef.caseExact)) return false;
  // Members are identified by value alone; emails etc. by value and type.
  if (def.name === "members") return true;
  const ta = typeof a.type === "string" ? a.type.toLowerCase() : undefined;
  const tb = typeof b.type === "string" ? b.type.toLowerCase() : undefined;
  return ta === tb;
}

function clearOtherPrimaries(items: Record<string, unknown>[], keep: Record<string, unknown>[]) {
  if (!keep.some((k) => k.primary === true)) return;
  for (const item of items) if (!keep.includes(item) && item.primary === true) item.primary = false;
}

class Patcher {
  constructor(
    private readonly res: Resource,
    private readonly rt: ResourceTypeDef,
  ) {}

  private holder(ref: { extension?: SchemaDef }, create: boolean): Resource | undefined {
    if (!ref.extension) return this.res;
    const id = ref.extension.id;
    if (!isPlainObject(this.res[id])) {
      if (!create) return undefined;
      this.res[id] = {};
    }
    return this.res[id] as Resource;
  }

  /** Drops an extension object left empty by a removal. */
  private tidy(ref: { extension?: SchemaDef }) {
    if (ref.extension && isPlainObject(this.res[ref.extension.id]) && Object.keys(this.res[ref.extension.id] as object).length === 0) {
      delete this.res[ref.extension.id];
    }
  }

  apply(op: PatchOperation) {
    if (op.path === undefined) return this.pathless(op);
    const target = parsePatchPath(op.path, this.rt);
    if (!target) return;
    if (target.kind === "extension") return this.onExtension(op, target.extension);
    this.checkMutable(target.ref.attr, op.path);
    if (target.sub) this.checkMutable(target.sub, op.path);
    if (target.filter) return this.onFiltered(op, target.ref, target.filter, target.sub, op.path);
    if (target.sub) return this.onSub(op, target.ref, target.sub, op.path);
    return this.onAttribute(op.op, target.ref, op.value, op.path);
  }

  private checkMutable(def: AttributeDef, path: string) {
    if (def.mutability === "readOnly") throw mutability(`Attribute "${path}" is read-only.`);
  }

  /** add/replace with a value object and no path: each key is an attribute (or a path, Entra). */
  private pathless(op: PatchOperation) {
    if (!isPlainObject(op.value)) throw invalidValue(`"${op.op}" without a path needs an object value.`);
    for (const [key, value] of Object.entries(op.value)) {
      const lower = key.toLowerCase();
      if (lower === "schemas" || lower === "meta") continue;
      if (lower === "id") {
        // Okta echoes the id in its pathless replace; only a different id is a change.
        if (value !== this.res.id) throw mutability('Attribute "id" is read-only.');
        continue;
      }
      const ext = extensionFor(this.rt, key);
      if (ext) {
        this.onExtension(op, ext);
        continue;
      }
      const target = key.includes(".") || key.includes(":") || key.includes("[") ? parsePatchPath(key, this.rt) : undefined;
      if (target) {
        this.apply({ op: op.op, path: key, value });
        continue;
      }
      const def = findAttribute(coreAttributes(this.rt), key);
      // Unknown and read-only keys (e.g. a User's groups) in a value object are ignored.
      if (!def || def.mutability === "readOnly") continue;
      this.onAttribute(op.op, { attr: def, key: def.name.toLowerCase() }, value, key);
    }
  }

  private onExtension(op: PatchOperation, ext: SchemaDef) {
    if (op.op === "remove") {
      delete this.res[ext.id];
      return;
    }
    const value = op.path === undefined ? getCI(op.value, ext.id) : op.value;
    if (!isPlainObject(value)) throw invalidValue(`The value for "${ext.id}" must be an object.`);
    for (const [k, v] of Object.entries(value)) {
      const def = findAttribute(ext.attributes, k);
      if (!def || def.mutability === "readOnly") continue;
      this.onAttribute(op.op, { extension: ext, attr: def, key: `${ext.id}:${def.name}`.toLowerCase() }, v, `${ext.id}:${def.name}`);
    }
  }

  /** The attribute as a whole (no sub-attribute, no filter). */
  private onAttribute(op: PatchOpName, ref: AttrRef, rawValue: unknown, path: string) {
    const def = ref.attr;
    if (op === "remove") {
      const holder = this.holder(ref, false);
      if (!holder) return;
      // Entra removes members by listing them in "value" with path "members".
      if (def.multiValued && rawValue !== undefined && rawValue !== null) {
        const drop = (coerce(def, rawValue, path) as unknown[] | undefined) ?? [];
        const items = Array.isArray(holder[def.name]) ? (holder[def.name] as unknown[]) : [];
        const kept = items.filter((item) => !drop.some((d) => sameValue(def, d, item) || (def.type === "complex" && valueOnlyMatch(d, item))));
        if (kept.length > 0) holder[def.name] = kept;
        else delete holder[def.name];
      } else {
        delete holder[def.name];
      }
      this.tidy(ref);
      return;
    }
    const value = coerce(def, rawValue, path);
    const holder = this.holder(ref, value !== undefined)!;
    if (value === undefined) {
      // replace with null or [] clears the attribute (Okta: members replace with []).
      if (holder) delete holder[def.name];
      this.tidy(ref);
      return;
    }
    if (def.multiValued) {
      const incoming = value as unknown[];
      if (op === "replace") {
        holder[def.name] = incoming;
        return;
      }
      const items = Array.isArray(holder[def.name]) ? (holder[def.name] as Record<string, unknown>[]) : [];
      const touched: Record<string, unknown>[] = [];
      for (const v of incoming as Record<string, unknown>[]) {
        const existing = items.find((item) => sameValue(def, item, v));
        if (existing && isPlainObject(existing) && isPlainObject(v)) {
          Object.assign(existing, v);
          touched.push(existing);
        } else if (!existing) {
          items.push(v);
          touched.push(v);
        }
      }
      clearOtherPrimaries(items, touched);
      holder[def.name] = items;
      return;
    }
    if (def.type === "complex" && isPlainObject(holder[def.name])) {
      // RFC 7644 §3.5.2.1/3: sub-attributes not given are left unchanged, for add and replace.
      holder[def.name] = { ...(holder[def.name] as Resource), ...(value as Resource) };
      return;
    }
    holder[def.name] = value;
  }

  /** `name.givenName` or `emails.value` (every value of a multi-valued attribute). */
  private onSub(op: PatchOperation, ref: AttrRef, sub: AttributeDef, path: string) {
    const def = ref.attr;
    const holder = this.holder(ref, op.op !== "remove");
    if (!holder) return;
    const current = holder[def.name];
    if (op.op === "remove") {
      if (def.multiValued && Array.isArray(current)) {
        const kept = (current as Resource[]).map((e) => omit(e, sub.name)).filter((e) => Object.keys(e).length > 0);
        if (kept.length > 0) holder[def.name] = kept;
        else delete holder[def.name];
      } else if (isPlainObject(current)) {
        const next = omit(current, sub.name);
        if (Object.keys(next).length > 0) holder[def.name] = next;
        else delete holder[def.name];
      }
      this.tidy(ref);
      return;
    }
    const value = coerce(sub, op.value, path);
    if (def.multiValued) {
      const items = Array.isArray(current) ? (current as Resource[]) : [];
      if (items.length === 0) items.push({});
      for (const item of items) setOrDelete(item, sub.name, value);
      holder[def.name] = items.filter((e) => Object.keys(e).length > 0);
      if ((holder[def.name] as unknown[]).length === 0) delete holder[def.name];
    } else {
      const obj: Resource = isPlainObject(current) ? { ...current } : {};
      setOrDelete(obj, sub.name, value);
      if (Object.keys(obj).length > 0) holder[def.name] = obj;
      else delete holder[def.name];
    }
    this.tidy(ref);
  }

  /** `members[value eq "x"]`, `emails[type eq "work"].value`. */
  private onFiltered(op: PatchOperation, ref: AttrRef, filter: Filter, sub: AttributeDef | undefined, path: string) {
    const def = ref.attr;
    const holder = this.holder(ref, op.op !== "remove");
    if (!holder) return;
    const items = Array.isArray(holder[def.name]) ? (holder[def.name] as Resource[]) : [];
    const matched = items.filter((item) => matchesElement(filter, item));
    if (op.op === "remove") {
      if (matched.length === 0) return; // removing what is not there succeeds (RFC 7644 §3.5.2.2)
      const next = sub ? items.map((i) => (matched.includes(i) ? omit(i, sub.name) : i)).filter((i) => Object.keys(i).length > 0) : items.filter((i) => !matched.includes(i));
      if (next.length > 0) holder[def.name] = next;
      else delete holder[def.name];
      this.tidy(ref);
      return;
    }
    if (sub?.mutability === "immutable" && op.op === "replace" && matched.length > 0) {
      throw mutability(`Attribute "${def.name}.${sub.name}" is immutable.`);
    }
    const value = sub ? coerce(sub, op.value, path) : coerce({ ...def, multiValued: false }, op.value, path);
    if (matched.length === 0) {
      // Entra/Okta address an element that does not exist yet; create it when the filter says what it is.
      const seed = equalities(filter);
      if (!seed) throw noTarget(`No value of "${def.name}" matches the filter in "${path}".`);
      const created: Resource = { ...seed };
      if (sub) setOrDelete(created, sub.name, value);
      else if (isPlainObject(value)) Object.assign(created, value);
      const coerced = coerce({ ...def, multiValued: false }, created, path) as Resource | undefined;
      if (!coerced) return;
      items.push(coerced);
      clearOtherPrimaries(items, [coerced]);
      holder[def.name] = items;
      return;
    }
    for (const item of matched) {
      if (sub) setOrDelete(item, sub.name, value);
      else if (op.op === "add") Object.assign(item, isPlainObject(value) ? value : {});
      else {
        for (const k of Object.keys(item)) delete item[k];
        Object.assign(item, equalities(filter) ?? {}, isPlainObject(value) ? value : {});
      }
    }
    if (sub?.name === "primary" || (isPlainObject(value) && value.primary === true)) clearOtherPrimaries(items, matched);
    holder[def.name] = items.filter((e) => Object.keys(e).length > 0);
  }
}

function valueOnlyMatch(a: unknown, b: unknown): boolean {
  return isPlainObject(a) && isPlainObject(b) && a.value !== undefined && a.type === undefined && a.value === b.value;
}

function omit(obj: Resource, key: string): Resource {
  const { [key]: _drop, ...rest } = obj;
  void _drop;
  return rest;
}

function setOrDelete(obj: Resource, key: string, value: unknown) {
  if (value === undefined) delete obj[key];
  else obj[key] = value;
}

/**
 * Applies the operations to a copy of `resource` (canonical names, as rendered) and returns it;
 * the caller re-validates the result as a whole (RFC 7644 §3.5.2: the resource must stay valid).
 */
export function applyPatch(resource: Resource, operations: PatchOperation[], rt: ResourceTypeDef): Resource {
  const copy = structuredClone(resource);
  const patcher = new Patcher(copy, rt);
  for (const op of operations) patcher.apply(op);
  return copy;
}

import type { MappingRule } from "@/lib/idaas/provisioning/config/config-types";
import { compileExpression, ExpressionError, isEmptyValue, type CompiledExpression } from "./expression";
import { fieldsFor, readField, type MappingAccount, type MappingGroup, type MappingKind, type ScalarValue } from "./fields";
import {
  CORE_GROUP_SCHEMA,
  CORE_USER_SCHEMA,
  isBooleanTarget,
  parseTargetPath,
  pathsOverlap,
  TargetPathError,
  type TargetPath,
} from "./target-path";

/** A problem with one Field Mapping row (row is its 0-based index) or with the table (row null). */
export interface MappingIssue {
  row: number | null;
  field: "target" | "type" | "source" | null;
  message: string;
}

/** Thrown by mapUser/mapGroup when the rules are invalid or a value cannot be written. */
export class MappingError extends Error {
  override readonly name = "MappingError";
  constructor(
    message: string,
    readonly issues: MappingIssue[] = [],
  ) {
    super(message);
  }
}

export const MAX_MAPPING_RULES = 50;

/** Multi-valued attributes whose first mapped element is marked primary (RFC 7643 §2.4). */
const PRIMARY_BEARING = new Set(["emails", "phonenumbers", "addresses", "ims", "photos"]);
const REQUIRED_TARGET: Record<MappingKind, string> = { user: "userName", group: "displayName" };

interface CompiledRule {
  row: number;
  rule: MappingRule;
  path: TargetPath;
  value: (record: object) => ScalarValue;
}

interface Compiled {
  rules: CompiledRule[];
  issues: MappingIssue[];
}

/** Every problem in a rule table, each tied to its row, without throwing. */
export function validateMapping(rules: readonly MappingRule[], kind: MappingKind = "user"): MappingIssue[] {
  return compile(rules, kind).issues;
}

export function mapUser(rules: readonly MappingRule[], account: MappingAccount): Record<string, unknown> {
  return mapRecord(rules, "user", account);
}

export function mapGroup(rules: readonly MappingRule[], group: MappingGroup): Record<string, unknown> {
  return mapRecord(rules, "group", group);
}

function mapRecord(rules: readonly MappingRule[], kind: MappingKind, record: object): Record<string, unknown> {
  const compiled = cachedCompile(rules, kind);
  if (compiled.issues.length > 0) {
    const first = compiled.issues[0];
    throw new MappingError(`Field Mapping is invalid: ${first.row === null ? "" : `row ${first.row + 1}: `}${first.message}`, compiled.issues);
  }
  const core = kind === "user" ? CORE_USER_SCHEMA : CORE_GROUP_SCHEMA;
  const resource: Record<string, unknown> = { schemas: [core] };
  const extensions: string[] = [];
  for (const c of compiled.rules) {
    let value: ScalarValue;
    try {
      value = c.value(record);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new MappingError(`Field Mapping row ${c.row + 1} (${c.rule.target}): ${why}`, [{ row: c.row, field: "source", message: why }]);
    }
    if (value === null || isEmptyValue(value)) continue;
    const typed = coerce(c, value);
    let container = resource;
    if (c.path.schema) {
      if (!extensions.includes(c.path.schema)) extensions.push(c.path.schema);
      container = objectAt(resource, c.path.schema);
    }
    write(container, c.path, typed);
  }
  resource.schemas = [core, ...extensions];
  prune(resource);
  markPrimary(resource);
  return resource;
}

function coerce(c: CompiledRule, value: Exclude<ScalarValue, null>): string | boolean {
  if (!isBooleanTarget(c.path)) return typeof value === "string" ? value : String(value);
  if (typeof value === "boolean") return value;
  const text = String(value).trim().toLowerCase();
  if (text === "true" || text === "enabled" || text === "1") return true;
  if (text === "false" || text === "disabled" || text === "0") return false;
  const why = `${c.rule.target} needs true or false, but the mapping produced "${String(value).slice(0, 50)}".`;
  throw new MappingError(`Field Mapping row ${c.row + 1}: ${why}`, [{ row: c.row, field: "source", message: why }]);
}

function objectAt(parent: Record<string, unknown>, key: string): Record<string, unknown> {
  const existing = parent[key];
  if (existing && typeof existing === "object" && !Array.isArray(existing)) return existing as Record<string, unknown>;
  const created: Record<string, unknown> = {};
  parent[key] = created;
  return created;
}

function write(container: Record<string, unknown>, path: TargetPath, value: string | boolean) {
  if (path.selector) {
    const list = Array.isArray(container[path.attribute]) ? (container[path.attribute] as Record<string, unknown>[]) : [];
    container[path.attribute] = list;
    const { attribute, value: match } = path.selector;
    let element = list.find((e) => e[attribute] === match);
    if (!element) {
      element = { [attribute]: match };
      list.push(element);
    }
    element[path.sub!] = value;
    return;
  }
  if (path.sub) objectAt(container, path.attribute)[path.sub] = value;
  else container[path.attribute] = value;
}

/** Drops multi-valued elements that got only their selector, and empty objects/arrays. */
function prune(obj: Record<string, unknown>) {
  for (const [key, v] of Object.entries(obj)) {
    if (key === "schemas") continue;
    if (Array.isArray(v)) {
      const kept = v.filter((e) => e && typeof e === "object" && Object.keys(e).length > 1);
      if (kept.length === 0) delete obj[key];
      else obj[key] = kept;
    } else if (v && typeof v === "object") {
      prune(v as Record<string, unknown>);
      if (Object.keys(v).length === 0) delete obj[key];
    }
  }
}

function markPrimary(resource: Record<string, unknown>) {
  for (const [key, v] of Object.entries(resource)) {
    if (!PRIMARY_BEARING.has(key.toLowerCase()) || !Array.isArray(v) || v.length === 0) continue;
    const elements = v as Record<string, unknown>[];
    if (!elements.some((e) => e.primary === true)) elements[0].primary = true;
  }
}

function compile(rules: readonly MappingRule[], kind: MappingKind): Compiled {
  const issues: MappingIssue[] = [];
  const compiled: CompiledRule[] = [];
  if (!Array.isArray(rules)) return { rules: [], issues: [{ row: null, field: null, message: "Field Mapping must be a list of rules." }] };
  if (rules.length > MAX_MAPPING_RULES) {
    issues.push({ row: null, field: null, message: `Field Mapping can have at most ${MAX_MAPPING_RULES} rules.` });
  }
  const fields = fieldsFor(kind);
  rules.slice(0, MAX_MAPPING_RULES).forEach((rule, row) => {
    let path: TargetPath;
    try {
      path = parseTargetPath(rule?.target);
    } catch (err) {
      issues.push({ row, field: "target", message: err instanceof TargetPathError ? err.message : String(err) });
      return;
    }
    const clash = compiled.find((c) => pathsOverlap(c.path, path));
    if (clash) {
      const message =
        clash.path.key === path.key
          ? `${rule.target} is already mapped in row ${clash.row + 1}.`
          : `${rule.target} overlaps ${clash.rule.target} in row ${clash.row + 1}.`;
      issues.push({ row, field: "target", message });
      return;
    }
    if (kind === "group" && path.schema) {
      issues.push({ row, field: "target", message: "Groups have no extension schemas; map a core Group attribute." });
      return;
    }
    const source = typeof rule.source === "string" ? rule.source : "";
    let value: CompiledRule["value"];
    switch (rule.type) {
      case "field": {
        const name = source.trim();
        if (name === "") {
          issues.push({ row, field: "source", message: "Choose the source field." });
          return;
        }
        if (!fields.includes(name)) {
          issues.push({ row, field: "source", message: `Unknown field "${name}". Available fields: ${fields.join(", ")}.` });
          return;
        }
        value = (record) => readField(record, name, fields);
        break;
      }
      case "expression": {
        let expr: CompiledExpression;
        try {
          expr = compileExpression(source, fields);
        } catch (err) {
          issues.push({ row, field: "source", message: err instanceof ExpressionError ? err.message : String(err) });
          return;
        }
        value = (record) => expr.evaluate((name) => readField(record, name, fields));
        break;
      }
      case "constant": {
        if (source.length > 1024) {
          issues.push({ row, field: "source", message: "A constant must be at most 1024 characters." });
          return;
        }
        value = () => source;
        break;
      }
      default:
        issues.push({ row, field: "type", message: "Mapping type must be Field, Expression or Constant." });
        return;
    }
    if (isBooleanTarget(path) && rule.type === "constant" && !/^(true|false)$/i.test(source.trim())) {
      issues.push({ row, field: "source", message: `${rule.target} needs the constant true or false.` });
      return;
    }
    compiled.push({ row, rule, path, value });
  });
  const required = REQUIRED_TARGET[kind];
  if (!compiled.some((c) => c.path.schema === null && !c.path.sub && !c.path.selector && c.path.attribute.toLowerCase() === required.toLowerCase())) {
    if (!issues.some((i) => i.row !== null && rules[i.row]?.target?.trim().toLowerCase() === required.toLowerCase())) {
      issues.push({ row: null, field: null, message: `Field Mapping must map ${required}.` });
    }
  }
  return { rules: compiled, issues };
}

/** Rule tables are few and reused for every object of a push; parse each once. */
const cache = new Map<string, Compiled>();
const CACHE_LIMIT = 64;

function cachedCompile(rules: readonly MappingRule[], kind: MappingKind): Compiled {
  const key = `${kind}\n${JSON.stringify(rules)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const compiled = compile(rules, kind);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  return compiled;
}

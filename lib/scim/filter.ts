import { invalidFilter } from "./errors";
import { getCI, resolveAttribute, resolveSubAttribute, valuesOf, container, type AttrRef } from "./attribute-path";
import type { ResourceTypeDef } from "./schemas";
import { noteTolerated } from "./tolerated";

/**
 * RFC 7644 §3.4.2.2 filters, hand-written on purpose (the npm parser scim2-parse-filter was tried
 * and dropped): it turns `emails[type eq "work"].value eq "x"` into a conjunction over *different*
 * emails and gives no positions in its errors. Parsing binds every attribute to its schema
 * definition, so evaluation (and the SQL translation in lib/cloudsso) know types and caseExact.
 */
export type CompareOp = "eq" | "ne" | "co" | "sw" | "ew" | "gt" | "ge" | "lt" | "le";
export type Literal = string | number | boolean | null;

export type Filter =
  | { op: "and" | "or"; left: Filter; right: Filter }
  | { op: "not"; filter: Filter }
  | { op: "pr"; attr: AttrRef }
  | { op: CompareOp; attr: AttrRef; value: Literal }
  /** `attr[filter]`: some value of the multi-valued attr satisfies `filter` (whose refs have `sub`). */
  | { op: "valuePath"; attr: AttrRef; filter: Filter };

const COMPARE_OPS = new Set<string>(["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"]);
const MAX_LENGTH = 4096;
const MAX_DEPTH = 50;

type Token =
  | { t: "(" | ")" | "[" | "]"; pos: number }
  | { t: "str"; v: string; pos: number }
  | { t: "word"; v: string; pos: number };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
    } else if (c === "(" || c === ")" || c === "[" || c === "]") {
      out.push({ t: c, pos: i });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (j >= text.length) throw invalidFilter(`Unterminated string starting at position ${i + 1}.`);
      let v: string;
      try {
        v = JSON.parse(text.slice(i, j + 1)) as string;
      } catch {
        throw invalidFilter(`Invalid string escape in the string starting at position ${i + 1}.`);
      }
      out.push({ t: "str", v, pos: i });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !' \t\n\r()[]"'.includes(text[j])) j++;
      out.push({ t: "word", v: text.slice(i, j), pos: i });
      i = j;
    }
  }
  return out;
}

const isKeyword = (tok: Token | undefined, kw: string) => tok?.t === "word" && tok.v.toLowerCase() === kw;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly toks: Token[],
    private readonly rt: ResourceTypeDef,
    private readonly lenient = false,
  ) {}

  /** `parent` binds names to the sub-attributes of a multi-valued attribute (PATCH `attr[...]`). */
  parse(parent?: AttrRef): Filter {
    if (this.toks.length === 0) throw invalidFilter("The filter is empty.");
    const f = this.or(parent);
    const extra = this.toks[this.i];
    if (extra) throw invalidFilter(`Unexpected ${describe(extra)} at position ${extra.pos + 1}.`);
    return f;
  }

  private peek() {
    return this.toks[this.i];
  }

  private expect(t: "(" | ")" | "]", what: string) {
    const tok = this.toks[this.i];
    if (tok?.t !== t) throw invalidFilter(`Expected ${what} ${tok ? `at position ${tok.pos + 1}` : "at the end"}.`);
    this.i++;
  }

  /** `parent` is set inside `attr[...]`, where names are sub-attributes of the parent. */
  private or(parent: AttrRef | undefined): Filter {
    let left = this.and(parent);
    while (isKeyword(this.peek(), "or")) {
      this.i++;
      left = { op: "or", left, right: this.and(parent) };
    }
    return left;
  }

  private and(parent: AttrRef | undefined): Filter {
    let left = this.unary(parent);
    while (isKeyword(this.peek(), "and")) {
      this.i++;
      left = { op: "and", left, right: this.unary(parent) };
    }
    return left;
  }

  private unary(parent: AttrRef | undefined): Filter {
    if (++this.depth > MAX_DEPTH) throw invalidFilter("The filter is nested too deeply.");
    try {
      const tok = this.peek();
      if (isKeyword(tok, "not")) {
        this.i++;
        if (this.peek()?.t !== "(") throw invalidFilter(`"not" must be followed by a parenthesised filter (position ${tok!.pos + 1}).`);
        this.i++;
        const inner = this.or(parent);
        this.expect(")", '")"');
        return { op: "not", filter: inner };
      }
      if (tok?.t === "(") {
        this.i++;
        const inner = this.or(parent);
        this.expect(")", '")"');
        return inner;
      }
      return this.attrExpression(parent);
    } finally {
      this.depth--;
    }
  }

  private attrExpression(parent: AttrRef | undefined): Filter {
    const tok = this.peek();
    if (!tok) throw invalidFilter("The filter ends where an attribute was expected.");
    if (tok.t !== "word") throw invalidFilter(`Expected an attribute name at position ${tok.pos + 1}, found ${describe(tok)}.`);
    this.i++;
    const ref = this.resolve(tok.v, parent, tok.pos);
    if (this.peek()?.t === "[") {
      if (parent) throw invalidFilter(`Value filters cannot be nested (position ${this.peek()!.pos + 1}).`);
      if (ref.attr.type !== "complex" || ref.sub) {
        throw invalidFilter(`"${tok.v}" is not a complex attribute, so it cannot take a value filter.`);
      }
      this.i++;
      const inner = this.or(ref);
      this.expect("]", '"]"');
      const next = this.peek();
      // Tolerated extension: emails[type eq "work"].value eq "x" — same element must match both.
      if (next?.t === "word" && next.v.startsWith(".")) {
        this.i++;
        const sub = resolveSubAttribute(ref, next.v.slice(1));
        if (!sub) throw invalidFilter(`Unknown sub-attribute "${next.v.slice(1)}" of "${tok.v}".`);
        return { op: "valuePath", attr: ref, filter: { op: "and", left: inner, right: this.comparison(sub, next.v) } };
      }
      return { op: "valuePath", attr: ref, filter: inner };
    }
    return this.comparison(ref, tok.v);
  }

  private comparison(ref: AttrRef, name: string): Filter {
    const opTok = this.peek();
    if (opTok?.t !== "word") throw invalidFilter(`Expected an operator after "${name}".`);
    const op = opTok.v.toLowerCase();
    this.i++;
    if (op === "pr") return { op: "pr", attr: ref };
    if (!COMPARE_OPS.has(op)) throw invalidFilter(`Unknown operator "${opTok.v}" at position ${opTok.pos + 1}.`);
    const valTok = this.peek();
    if (!valTok || (valTok.t !== "str" && valTok.t !== "word")) {
      throw invalidFilter(`Expected a value after "${name} ${opTok.v}".`);
    }
    this.i++;
    const value = valTok.t === "str" ? valTok.v : literal(valTok.v, valTok.pos);
    return { op: op as CompareOp, attr: ref, value: checkComparison(ref, op as CompareOp, value, name) };
  }

  private resolve(name: string, parent: AttrRef | undefined, pos: number): AttrRef {
    const ref = parent ? resolveSubAttribute(parent, name) : resolveAttribute(this.rt, name);
    if (!ref && this.lenient && !parent) return unknownAttribute(name);
    if (!ref) throw invalidFilter(`Unknown attribute "${name}" at position ${pos + 1} for ${this.rt.name} resources.`);
    return ref;
  }
}

/** Root searches span resource types: an attribute another type defines is simply absent here. */
function unknownAttribute(name: string): AttrRef {
  return {
    attr: { name, type: "string", multiValued: false, description: "", required: false, caseExact: false, mutability: "readOnly", returned: "default", uniqueness: "none" },
    key: `unknown:${name.toLowerCase()}`,
  };
}

function describe(tok: Token): string {
  return tok.t === "word" ? `"${tok.v}"` : tok.t === "str" ? `string ${JSON.stringify(tok.v)}` : `"${tok.t}"`;
}

/** Words that stay grammar: an unquoted `and` in value position is a broken filter, not a name. */
const NOT_A_VALUE = new Set(["and", "or", "not"]);

/**
 * An unquoted value: true/false/null and JSON numbers as RFC 7644 §3.4.2.2 has them; any other
 * word (`userName eq john@example.com`, `meta.created gt 2015-10-10T14:38:21Z`, `userName sw O`,
 * as Microsoft's and Okta's test suites send them) is read as the string it spells, compared by
 * the attribute's type like a quoted one (so dates as dates), and noted as tolerated.
 */
function literal(word: string, pos: number): Literal {
  const lower = word.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  if (lower === "null") return null;
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(word)) return Number(word);
  if (NOT_A_VALUE.has(lower)) throw invalidFilter(`Invalid value ${word} at position ${pos + 1}: strings must be double-quoted.`);
  const shown = word.length > 80 ? `${word.slice(0, 80)}…` : word;
  noteTolerated(`Tolerated: unquoted filter value ${shown}, read as the string "${shown}" (RFC 7644 §3.4.2.2 wants strings double-quoted).`);
  return word;
}

/** The attribute an expression is really about (complex without sub → its `value`). */
function leaf(ref: AttrRef) {
  if (ref.sub) return ref.sub;
  if (ref.attr.type === "complex") return ref.attr.subAttributes?.find((s) => s.name === "value");
  return ref.attr;
}

function checkComparison(ref: AttrRef, op: CompareOp, value: Literal, name: string): Literal {
  const def = leaf(ref);
  if (!def) throw invalidFilter(`"${name}" is a complex attribute; compare one of its sub-attributes instead.`);
  if (value === null) {
    if (op !== "eq" && op !== "ne") throw invalidFilter(`null can only be compared with eq or ne.`);
    return value;
  }
  switch (def.type) {
    case "boolean": {
      if (op !== "eq" && op !== "ne") throw invalidFilter(`"${name}" is boolean; only eq, ne and pr apply.`);
      // Entra writes booleans as "True"/"False"; accept them in filters too.
      if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
      if (typeof value !== "boolean") throw invalidFilter(`"${name}" is boolean; compare it with true or false.`);
      return value;
    }
    case "binary":
      if (op !== "eq" && op !== "ne") throw invalidFilter(`"${name}" is binary; only eq, ne and pr apply.`);
      return String(value);
    case "integer":
    case "decimal":
      if (typeof value !== "number") throw invalidFilter(`"${name}" is numeric; compare it with a number.`);
      if (op === "co" || op === "sw" || op === "ew") throw invalidFilter(`"${op}" does not apply to the numeric "${name}".`);
      return value;
    case "dateTime":
      if (typeof value !== "string" || Number.isNaN(Date.parse(value))) {
        throw invalidFilter(`"${name}" is a dateTime; compare it with a quoted xsd:dateTime such as "2024-01-31T00:00:00Z".`);
      }
      return value;
    default:
      if (typeof value === "boolean") throw invalidFilter(`"${name}" is a string; compare it with a quoted string.`);
      return String(value);
  }
}

/**
 * Parses and binds a filter for a resource type; every problem is a 400 invalidFilter. With
 * `unknownAsAbsent`, unknown attribute names are read as attributes this resource does not have.
 */
export function parseFilter(text: string, rt: ResourceTypeDef, opts: { unknownAsAbsent?: boolean } = {}): Filter {
  if (text.length > MAX_LENGTH) throw invalidFilter(`The filter is longer than ${MAX_LENGTH} characters.`);
  return new Parser(tokenize(text), rt, opts.unknownAsAbsent).parse();
}

function compareOne(def: { type: string; caseExact: boolean }, op: CompareOp, actual: unknown, expected: Literal): boolean {
  if (expected === null) return false;
  if (def.type === "boolean") return typeof actual === "boolean" && (op === "eq" ? actual === expected : actual !== expected);
  if (def.type === "integer" || def.type === "decimal") {
    if (typeof actual !== "number") return false;
    return ordered(op, actual - (expected as number));
  }
  if (def.type === "dateTime") {
    const a = Date.parse(String(actual));
    const b = Date.parse(String(expected));
    if (Number.isNaN(a)) return false;
    return ordered(op, a - b);
  }
  let a = typeof actual === "string" ? actual : String(actual);
  let b = String(expected);
  if (!def.caseExact) {
    a = a.toLowerCase();
    b = b.toLowerCase();
  }
  switch (op) {
    case "co":
      return a.includes(b);
    case "sw":
      return a.startsWith(b);
    case "ew":
      return a.endsWith(b);
    default:
      return ordered(op, a < b ? -1 : a > b ? 1 : 0);
  }
}

function ordered(op: CompareOp, diff: number): boolean {
  switch (op) {
    case "eq":
      return diff === 0;
    case "ne":
      return diff !== 0;
    case "gt":
      return diff > 0;
    case "ge":
      return diff >= 0;
    case "lt":
      return diff < 0;
    case "le":
      return diff <= 0;
    default:
      return false;
  }
}

function nonEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return false;
  if (Array.isArray(v)) return v.some(nonEmpty);
  if (typeof v === "object") return Object.values(v as object).some(nonEmpty);
  return true;
}

type Scope = { kind: "resource"; resource: Record<string, unknown> } | { kind: "element"; element: unknown };

function values(scope: Scope, ref: AttrRef): unknown[] {
  if (scope.kind === "resource") return valuesOf(scope.resource, ref);
  const v = getCI(scope.element, ref.sub!.name);
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function evaluate(f: Filter, scope: Scope): boolean {
  switch (f.op) {
    case "and":
      return evaluate(f.left, scope) && evaluate(f.right, scope);
    case "or":
      return evaluate(f.left, scope) || evaluate(f.right, scope);
    case "not":
      return !evaluate(f.filter, scope);
    case "pr": {
      if (scope.kind === "element") return nonEmpty(getCI(scope.element, f.attr.sub!.name));
      if (!f.attr.sub) return nonEmpty(getCI(container(scope.resource, f.attr), f.attr.attr.name));
      return values(scope, f.attr).some(nonEmpty);
    }
    case "valuePath": {
      if (scope.kind !== "resource") return false;
      const top = getCI(container(scope.resource, f.attr), f.attr.attr.name);
      const items = Array.isArray(top) ? top : top == null ? [] : [top];
      return items.some((element) => evaluate(f.filter, { kind: "element", element }));
    }
    default: {
      const def = leaf(f.attr)!;
      const vals = values(scope, f.attr);
      if (f.value === null) return f.op === "eq" ? !vals.some(nonEmpty) : vals.some(nonEmpty);
      // `ne` is the negation of `eq`, so an absent attribute is "not equal" (and SQL agrees).
      if (f.op === "ne") return !vals.some((v) => compareOne(def, "eq", v, f.value));
      return vals.some((v) => compareOne(def, f.op as CompareOp, v, f.value));
    }
  }
}

/** Does the resource (with canonical attribute names) satisfy the filter? */
export function matchesFilter(f: Filter, resource: Record<string, unknown>): boolean {
  return evaluate(f, { kind: "resource", resource });
}

/** Does one element of a multi-valued attribute satisfy a value filter (PATCH `attr[filter]`)? */
export function matchesElement(f: Filter, element: unknown): boolean {
  return evaluate(f, { kind: "element", element });
}

/** Parses the filter inside `attr[...]` of a PATCH path, bound to the parent attribute. */
export function parseValueFilter(text: string, parent: AttrRef, rt: ResourceTypeDef): Filter {
  if (text.length > MAX_LENGTH) throw invalidFilter(`The filter is longer than ${MAX_LENGTH} characters.`);
  return new Parser(tokenize(text), rt).parse(parent);
}

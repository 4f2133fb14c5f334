import jsep from "jsep";
import type { ScalarValue } from "./fields";

/**
 * Field Mapping expressions (syntax in docs/field-mapping.md). jsep only parses; this module
 * walks the tree against a whitelist and evaluates it itself — no eval, no Function, no property
 * access — so an expression can read the account's fields and nothing else. Size limits keep
 * both parsing and evaluation bounded.
 */

export const MAX_EXPRESSION_LENGTH = 500;
export const MAX_EXPRESSION_NODES = 200;
export const MAX_EXPRESSION_DEPTH = 64;
export const MAX_STRING_LENGTH = 4096;

export class ExpressionError extends Error {
  override readonly name = "ExpressionError";
}

interface FunctionSpec {
  minArgs: number;
  maxArgs: number;
  signature: string;
  description: string;
  /** Arguments that must be numbers (checked statically when they are literals). */
  numericArgs?: number[];
  apply(args: ScalarValue[]): ScalarValue;
}

export const EXPRESSION_FUNCTIONS: Record<string, FunctionSpec> = {
  lower: { minArgs: 1, maxArgs: 1, signature: "lower(text)", description: "Lower-cases text.", apply: ([s]) => toText(s).toLowerCase() },
  upper: { minArgs: 1, maxArgs: 1, signature: "upper(text)", description: "Upper-cases text.", apply: ([s]) => toText(s).toUpperCase() },
  trim: { minArgs: 1, maxArgs: 1, signature: "trim(text)", description: "Removes leading and trailing spaces.", apply: ([s]) => toText(s).trim() },
  concat: {
    minArgs: 1,
    maxArgs: 20,
    signature: "concat(a, b, …)",
    description: "Joins its arguments as text; empty values add nothing.",
    apply: (args) => args.map(toText).join(""),
  },
  coalesce: {
    minArgs: 1,
    maxArgs: 20,
    signature: "coalesce(a, b, …)",
    description: "The first argument that is not empty.",
    apply: (args) => args.find((a) => !isEmptyValue(a)) ?? null,
  },
  defaultIfEmpty: {
    minArgs: 2,
    maxArgs: 2,
    signature: "defaultIfEmpty(value, fallback)",
    description: "value, or fallback when value is empty.",
    apply: ([v, d]) => (isEmptyValue(v) ? d : v),
  },
  isEmpty: {
    minArgs: 1,
    maxArgs: 1,
    signature: "isEmpty(value)",
    description: "true when value is missing or the empty text.",
    apply: ([v]) => isEmptyValue(v),
  },
  substring: {
    minArgs: 2,
    maxArgs: 3,
    signature: "substring(text, start[, end])",
    description: "Characters from start (0-based) up to, not including, end.",
    numericArgs: [1, 2],
    apply: ([s, start, end]) => {
      const text = toText(s);
      return text.substring(toIndex(start, "start"), end === undefined ? undefined : toIndex(end, "end"));
    },
  },
  replace: {
    minArgs: 3,
    maxArgs: 3,
    signature: "replace(text, search, replacement)",
    description: "Replaces every occurrence of search (plain text, not a pattern).",
    apply: ([s, search, replacement]) => {
      const needle = toText(search);
      return needle === "" ? toText(s) : toText(s).split(needle).join(toText(replacement));
    },
  },
};

const BINARY_OPERATORS = new Set(["+", "==", "!=", "===", "!==", "&&", "||"]);

export interface CompiledExpression {
  readonly source: string;
  /** Field names the expression reads. */
  readonly fields: string[];
  evaluate(read: (field: string) => ScalarValue): ScalarValue;
}

type Node = jsep.Expression;

/** Parses and checks an expression; throws ExpressionError with a message for the admin. */
export function compileExpression(source: string, allowedFields: readonly string[]): CompiledExpression {
  if (typeof source !== "string" || source.trim() === "") throw new ExpressionError("The expression is empty.");
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(`The expression is longer than ${MAX_EXPRESSION_LENGTH} characters.`);
  }
  let ast: Node;
  try {
    ast = jsep(source);
  } catch (err) {
    throw new ExpressionError(`Syntax error: ${err instanceof Error ? err.message.replace(/^Error:\s*/, "") : String(err)}.`);
  }
  const fields = new Set<string>();
  let nodes = 0;
  const check = (node: Node, depth: number): void => {
    if (++nodes > MAX_EXPRESSION_NODES) throw new ExpressionError(`The expression is too complex (more than ${MAX_EXPRESSION_NODES} parts).`);
    if (depth > MAX_EXPRESSION_DEPTH) throw new ExpressionError(`The expression is nested too deeply (more than ${MAX_EXPRESSION_DEPTH} levels).`);
    switch (node.type) {
      case "Literal": {
        const v = (node as jsep.Literal).value;
        if (v instanceof RegExp) throw new ExpressionError("Regular expressions are not supported.");
        if (typeof v === "string" && v.length > MAX_STRING_LENGTH) throw new ExpressionError("A text literal is too long.");
        return;
      }
      case "Identifier": {
        const name = (node as jsep.Identifier).name;
        if (!allowedFields.includes(name)) {
          throw new ExpressionError(`Unknown field "${name}". Available fields: ${allowedFields.join(", ")}.`);
        }
        fields.add(name);
        return;
      }
      case "BinaryExpression": {
        const b = node as jsep.BinaryExpression;
        if (!BINARY_OPERATORS.has(b.operator)) {
          throw new ExpressionError(`Operator "${b.operator}" is not supported. Use +, ==, !=, &&, || or ! .`);
        }
        check(b.left, depth + 1);
        check(b.right, depth + 1);
        return;
      }
      case "UnaryExpression": {
        const u = node as jsep.UnaryExpression;
        if (u.operator === "-" && u.argument.type === "Literal" && typeof (u.argument as jsep.Literal).value === "number") return;
        if (u.operator !== "!") throw new ExpressionError(`Operator "${u.operator}" is not supported. Use +, ==, !=, &&, || or ! .`);
        check(u.argument, depth + 1);
        return;
      }
      case "ConditionalExpression": {
        const c = node as jsep.ConditionalExpression;
        check(c.test, depth + 1);
        check(c.consequent, depth + 1);
        check(c.alternate, depth + 1);
        return;
      }
      case "CallExpression": {
        const call = node as jsep.CallExpression;
        if (call.callee.type !== "Identifier") throw new ExpressionError("Only the listed functions can be called.");
        const name = (call.callee as jsep.Identifier).name;
        const spec = Object.prototype.hasOwnProperty.call(EXPRESSION_FUNCTIONS, name) ? EXPRESSION_FUNCTIONS[name] : undefined;
        if (!spec) {
          throw new ExpressionError(`Unknown function "${name}". Available functions: ${Object.keys(EXPRESSION_FUNCTIONS).join(", ")}.`);
        }
        const n = call.arguments.length;
        if (n < spec.minArgs || n > spec.maxArgs) {
          const expected = spec.minArgs === spec.maxArgs ? `${spec.minArgs}` : `${spec.minArgs} to ${spec.maxArgs}`;
          throw new ExpressionError(`${spec.signature} takes ${expected} argument${spec.maxArgs === 1 ? "" : "s"}, got ${n}.`);
        }
        call.arguments.forEach((arg, i) => {
          if (spec.numericArgs?.includes(i) && arg.type === "Literal" && typeof (arg as jsep.Literal).value !== "number") {
            throw new ExpressionError(`Argument ${i + 1} of ${spec.signature} must be a number.`);
          }
          check(arg, depth + 1);
        });
        return;
      }
      case "MemberExpression":
        throw new ExpressionError("Property access (a.b or a[b]) is not supported; use the field names directly.");
      case "Compound":
        throw new ExpressionError("Only one expression is allowed; join text with + or concat().");
      default:
        throw new ExpressionError(`This kind of expression (${node.type}) is not supported.`);
    }
  };
  check(ast, 0);
  return { source, fields: [...fields], evaluate: (read) => evaluate(ast, read) };
}

function evaluate(node: Node, read: (field: string) => ScalarValue): ScalarValue {
  switch (node.type) {
    case "Literal":
      return (node as jsep.Literal).value as ScalarValue;
    case "Identifier":
      return read((node as jsep.Identifier).name);
    case "UnaryExpression": {
      const u = node as jsep.UnaryExpression;
      if (u.operator === "-") return -((u.argument as jsep.Literal).value as number);
      return !truthy(evaluate(u.argument, read));
    }
    case "ConditionalExpression": {
      const c = node as jsep.ConditionalExpression;
      return truthy(evaluate(c.test, read)) ? evaluate(c.consequent, read) : evaluate(c.alternate, read);
    }
    case "BinaryExpression": {
      const b = node as jsep.BinaryExpression;
      if (b.operator === "&&") {
        const l = evaluate(b.left, read);
        return truthy(l) ? evaluate(b.right, read) : l;
      }
      if (b.operator === "||") {
        const l = evaluate(b.left, read);
        return truthy(l) ? l : evaluate(b.right, read);
      }
      const l = evaluate(b.left, read);
      const r = evaluate(b.right, read);
      switch (b.operator) {
        case "+":
          return typeof l === "number" && typeof r === "number" ? l + r : bounded(toText(l) + toText(r));
        case "==":
        case "===":
          return toText(l) === toText(r);
        default:
          return toText(l) !== toText(r);
      }
    }
    case "CallExpression": {
      const call = node as jsep.CallExpression;
      const spec = EXPRESSION_FUNCTIONS[(call.callee as jsep.Identifier).name];
      const result = spec.apply(call.arguments.map((a) => evaluate(a, read)));
      return typeof result === "string" ? bounded(result) : result;
    }
    default:
      // Unreachable: compileExpression rejects every other node type.
      throw new ExpressionError(`Unsupported expression (${node.type}).`);
  }
}

/** Text form used by +, ==, != and the text functions: missing is "", numbers and booleans as written. */
export function toText(v: ScalarValue | undefined): string {
  if (v === null || v === undefined) return "";
  return String(v);
}

export function isEmptyValue(v: ScalarValue | undefined): boolean {
  return v === null || v === undefined || v === "";
}

function truthy(v: ScalarValue): boolean {
  return !(v === null || v === "" || v === false || v === 0);
}

function toIndex(v: ScalarValue | undefined, what: string): number {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  if (!Number.isInteger(n)) throw new ExpressionError(`substring ${what} must be a whole number.`);
  return n;
}

function bounded(s: string): string {
  if (s.length > MAX_STRING_LENGTH) throw new ExpressionError(`The expression produced text longer than ${MAX_STRING_LENGTH} characters.`);
  return s;
}

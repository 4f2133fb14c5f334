import { describe, expect, it } from "vitest";
import { ACCOUNT_FIELDS, type ScalarValue } from "./fields";
import { compileExpression, ExpressionError, MAX_STRING_LENGTH } from "./expression";

const account: Record<string, ScalarValue> = {
  id: "acc_1",
  username: "Alice.Smith",
  displayName: "",
  givenName: "Alice",
  familyName: "Smith",
  email: "  alice@example.com ",
  phone: null,
  status: "Enabled",
};

function run(source: string, record: Record<string, ScalarValue> = account): ScalarValue {
  return compileExpression(source, ACCOUNT_FIELDS).evaluate((f) => record[f] ?? null);
}

function rejects(source: string, message: RegExp) {
  expect(() => compileExpression(source, ACCOUNT_FIELDS)).toThrow(ExpressionError);
  expect(() => compileExpression(source, ACCOUNT_FIELDS)).toThrow(message);
}

describe("expression evaluation", () => {
  it("concatenates text with + and treats missing fields as empty", () => {
    expect(run('givenName + " " + familyName')).toBe("Alice Smith");
    expect(run('phone + "x"')).toBe("x");
    expect(run("1 + 2")).toBe(3);
    expect(run('"n" + 1')).toBe("n1");
  });

  it("compares as text, with missing equal to empty", () => {
    expect(run('status == "Enabled"')).toBe(true);
    expect(run('status != "Enabled"')).toBe(false);
    expect(run('status == "Enabled"', { ...account, status: "Disabled" })).toBe(false);
    expect(run('phone == ""')).toBe(true);
  });

  it("supports &&, ||, ! and the ternary", () => {
    expect(run('displayName || username')).toBe("Alice.Smith");
    expect(run('!isEmpty(email) && status == "Enabled"')).toBe(true);
    expect(run('!phone')).toBe(true);
    expect(run('displayName ? displayName : givenName + " " + familyName')).toBe("Alice Smith");
  });

  it("runs every whitelisted function", () => {
    expect(run("lower(username)")).toBe("alice.smith");
    expect(run("upper(familyName)")).toBe("SMITH");
    expect(run("trim(email)")).toBe("alice@example.com");
    expect(run('concat(givenName, ".", familyName, phone)')).toBe("Alice.Smith");
    expect(run("coalesce(displayName, phone, username)")).toBe("Alice.Smith");
    expect(run("coalesce(displayName, phone)")).toBe(null);
    expect(run('defaultIfEmpty(displayName, "Unnamed")')).toBe("Unnamed");
    expect(run("substring(username, 0, 5)")).toBe("Alice");
    expect(run("substring(username, 6)")).toBe("Smith");
    expect(run('replace(username, ".", "_")')).toBe("Alice_Smith");
    expect(run('replace("a.b.c", ".", "")')).toBe("abc");
    expect(run('replace(username, "", "x")')).toBe("Alice.Smith");
    expect(run("isEmpty(displayName)")).toBe(true);
  });

  it("reports the fields an expression reads", () => {
    expect(compileExpression('lower(givenName) + "." + familyName', ACCOUNT_FIELDS).fields.sort()).toEqual(["familyName", "givenName"]);
  });
});

describe("expression safety", () => {
  it("rejects unknown fields and functions with the available names", () => {
    rejects("password", /Unknown field "password"\. Available fields: id, username/);
    rejects("constructor", /Unknown field "constructor"/);
    rejects("__proto__", /Unknown field/);
    rejects("eval(username)", /Unknown function "eval"/);
    rejects("toString(username)", /Unknown function "toString"/);
  });

  it("rejects property access, this, arrays, sequences and unsupported operators", () => {
    rejects("username.length", /Property access/);
    rejects('username["constructor"]', /Property access/);
    rejects("lower.call(username)", /Only the listed functions/);
    rejects("this", /not supported/);
    rejects("[username]", /not supported/);
    rejects("username familyName", /Only one expression/);
    rejects("1 * 2", /Operator "\*" is not supported/);
    rejects("username ?? email", /Operator "\?\?" is not supported/);
    rejects("-username", /Operator "-" is not supported/);
    rejects("~1", /Operator "~" is not supported/);
  });

  it("checks arity and numeric literal arguments", () => {
    rejects("lower()", /lower\(text\) takes 1 argument, got 0/);
    rejects("lower(username, email)", /takes 1 argument, got 2/);
    rejects('substring(username, "a")', /Argument 2 of substring/);
    rejects("replace(username, 1)", /takes 3 arguments, got 2/);
  });

  it("reports syntax errors", () => {
    rejects('"unterminated', /Syntax error/);
    rejects("lower(", /Syntax error/);
    rejects("", /empty/);
  });

  it("bounds length, size, depth and produced text", () => {
    rejects(`"${"a".repeat(600)}"`, /longer than 500/);
    const concat20 = `concat(${Array.from({ length: 20 }, () => "1").join(",")})`;
    rejects(Array.from({ length: 10 }, () => concat20).join("+"), /too complex/);
    rejects(`${"lower(".repeat(70)}id${")".repeat(70)}`, /nested too deeply/);
    const big = `"${"x".repeat(60)}"`;
    const blowUp = `replace(replace(replace(${big}, "x", ${big}), "x", ${big}), "x", ${big})`;
    const expr = compileExpression(blowUp, ACCOUNT_FIELDS);
    expect(() => expr.evaluate(() => null)).toThrow(new RegExp(`longer than ${MAX_STRING_LENGTH}`));
  });

  it("raises a runtime error for a non-numeric substring index from a field", () => {
    expect(() => run("substring(username, givenName)")).toThrow(/whole number/);
  });
});

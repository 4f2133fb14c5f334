import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ValidationError } from "./errors";
import { pagingQuerySchema, parseQuery } from "./api-handler";

const get = (query: string) => new Request(`http://console.test/api/x${query}`);

describe("parseQuery", () => {
  it("parses each parameter's first value with the schema", () => {
    const schema = z.object({ a: z.string(), b: z.coerce.number().optional() });
    expect(parseQuery(get("?a=1&a=2&b=7&other=x"), schema)).toEqual({ a: "1", b: 7 });
    expect(parseQuery(get("?__proto__=x&a=ok"), schema)).toEqual({ a: "ok" });
  });

  it("answers a failure as the console's 422 with a message per parameter", () => {
    const schema = z.object({ kind: z.enum(["one", "two"], "Use one or two.") });
    let err: unknown;
    try {
      parseQuery(get("?kind=three"), schema, "Unknown kind.");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ status: 422, message: "Unknown kind.", fieldErrors: { kind: "Use one or two." } });
    expect(() => parseQuery(get(""), schema)).toThrow("Some fields are invalid.");
  });
});

describe("pagingQuerySchema", () => {
  it("never fails: absent or unreadable values fall back, sizes stay within 1..100, search is trimmed", () => {
    expect(parseQuery(get(""), pagingQuerySchema)).toEqual({ page: 1, pageSize: 20, search: "" });
    expect(parseQuery(get("?page=3&pageSize=50&search=%20Ann%20"), pagingQuerySchema)).toEqual({ page: 3, pageSize: 50, search: "Ann" });
    expect(parseQuery(get("?page=-4&pageSize=1000"), pagingQuerySchema)).toMatchObject({ page: 1, pageSize: 100 });
    expect(parseQuery(get("?page=abc&pageSize=0"), pagingQuerySchema)).toMatchObject({ page: 1, pageSize: 20 });
  });
});

import { describe, expect, it } from "vitest";
import { MAX_LOGGED_BODY, MAX_LOGGED_RESPONSE_BODY, redactAuthorization, redactBody, redactHeaders, redactResponseBody } from "./scim-request-log";

describe("SCIM request log redaction", () => {
  it("shows a bearer token as its scheme and last 4 characters, never the secret", () => {
    const secret = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_wxyz";
    expect(redactAuthorization(`Bearer ${secret}`)).toBe("Bearer ****wxyz");
    expect(redactAuthorization("Bearer short")).toBe("Bearer ****");
    expect(redactAuthorization("garbage")).toBe("****");
  });

  it("lower-cases header names and replaces credential headers", () => {
    const secret = "s3cr3t-value-that-is-long-enough";
    const out = redactHeaders(new Headers({ Authorization: `Bearer ${secret}`, Cookie: `a=${secret}`, "X-Api-Key": secret, Accept: "application/scim+json" }))!;
    expect(out).not.toContain(secret);
    expect(JSON.parse(out)).toEqual({
      accept: "application/scim+json",
      authorization: `Bearer ****${secret.slice(-4)}`,
      cookie: "[REDACTED]",
      "x-api-key": "[REDACTED]",
    });
    expect(redactHeaders(null)).toBeNull();
  });

  it("redacts secret attributes in bodies, parseable or not, and caps them", () => {
    expect(redactBody('{"userName":"a","password":"P@ss"}')).toBe('{"userName":"a","password":"[REDACTED]"}');
    expect(redactBody('{"password":"P@ss", oops')).not.toContain("P@ss");
    const big = JSON.stringify({ title: "x".repeat(MAX_LOGGED_BODY + 10) });
    const capped = redactBody(big)!;
    expect(capped.length).toBeLessThan(MAX_LOGGED_BODY + 100);
    expect(capped).toMatch(/… \(truncated, \d+ characters\)$/);
    expect(redactBody("")).toBeNull();
  });

  it("caps response bodies and still redacts secret-looking attributes in them", () => {
    expect(redactResponseBody('{"id":"u1","password":"leak"}')).toBe('{"id":"u1","password":"[REDACTED]"}');
    const big = JSON.stringify({ Resources: ["y".repeat(MAX_LOGGED_BODY * 2)] });
    const capped = redactResponseBody(big)!;
    expect(capped.length).toBeLessThan(MAX_LOGGED_RESPONSE_BODY + 100);
    expect(capped).toContain(`(truncated, ${big.length} characters)`);
    expect(capped).toMatch(/… \(truncated, \d+ characters\)$/);
    expect(redactResponseBody(null)).toBeNull();
  });
});

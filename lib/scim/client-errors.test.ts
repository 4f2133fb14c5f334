import { describe, expect, it } from "vitest";
import { kindForNetworkCode, kindForStatus, parseRetryAfter, ScimClientError } from "./client-errors";

describe("ScimClientError", () => {
  it("derives retryable from the kind", () => {
    for (const k of ["rate_limited", "server_error", "timeout", "dropped_connection", "connection_refused"] as const) {
      expect(new ScimClientError(k, "x").retryable).toBe(true);
    }
    for (const k of ["unauthorized", "forbidden", "not_found", "conflict", "bad_request", "not_scim", "tls", "malformed_url"] as const) {
      expect(new ScimClientError(k, "x").retryable).toBe(false);
    }
  });

  it("serialises without the cause chain", () => {
    const e = new ScimClientError("conflict", "dup", { httpStatus: 409, scimType: "uniqueness", detail: "taken", cause: { secret: 1 } });
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      name: "ScimClientError",
      kind: "conflict",
      message: "dup",
      httpStatus: 409,
      scimType: "uniqueness",
      detail: "taken",
      retryAfterMs: null,
      retryable: false,
      request: null,
    });
  });
});

describe("classification", () => {
  it("maps HTTP statuses", () => {
    expect([401, 403, 404, 409, 429, 400, 412, 500, 503].map(kindForStatus)).toEqual([
      "unauthorized",
      "forbidden",
      "not_found",
      "conflict",
      "rate_limited",
      "bad_request",
      "bad_request",
      "server_error",
      "server_error",
    ]);
  });

  it("maps socket and TLS codes", () => {
    expect(kindForNetworkCode("ECONNREFUSED")).toBe("connection_refused");
    expect(kindForNetworkCode("ENOTFOUND")).toBe("unreachable");
    expect(kindForNetworkCode("EHOSTUNREACH")).toBe("unreachable");
    expect(kindForNetworkCode("ECONNRESET")).toBe("dropped_connection");
    expect(kindForNetworkCode("DEPTH_ZERO_SELF_SIGNED_CERT")).toBe("tls");
    expect(kindForNetworkCode("ERR_TLS_CERT_ALTNAME_INVALID")).toBe("tls");
    expect(kindForNetworkCode("ERR_SSL_WRONG_VERSION_NUMBER")).toBe("tls");
    expect(kindForNetworkCode("HPE_INVALID_CONSTANT")).toBe("not_scim");
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-03-01T00:00:00Z");
  it("reads delta-seconds and HTTP-dates", () => {
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("Sun, 01 Mar 2026 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Sat, 28 Feb 2026 00:00:00 GMT", now)).toBe(0);
  });
  it("ignores absent or junk values", () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter("", now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("-1", now)).toBeNull();
  });
});

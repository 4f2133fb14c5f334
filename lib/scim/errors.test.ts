import { describe, expect, it } from "vitest";
import { ScimError, uniqueness } from "./errors";

describe("ScimError", () => {
  it("carries the response headers it is given, and none otherwise", () => {
    const err = new ScimError(405, undefined, "Method not allowed here. Allowed: GET.", { headers: { Allow: "GET" } });
    expect(err.headers).toEqual({ Allow: "GET" });
    expect(err.toBody()).toEqual({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "405", detail: "Method not allowed here. Allowed: GET." });
    expect(uniqueness("taken").headers).toEqual({});
    expect(uniqueness("taken").toBody()).toMatchObject({ status: "409", scimType: "uniqueness", detail: "taken" });
  });
});

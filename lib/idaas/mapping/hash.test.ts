import { describe, expect, it } from "vitest";
import { canonicalJson, hashResource } from "./hash";

describe("hashResource", () => {
  it("is independent of key order at every level", () => {
    const a = { userName: "a", name: { givenName: "A", familyName: "B" }, emails: [{ value: "x", type: "work" }] };
    const b = { emails: [{ type: "work", value: "x" }], name: { familyName: "B", givenName: "A" }, userName: "a" };
    expect(hashResource(a)).toBe(hashResource(b));
    expect(hashResource(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes with any value and with array order", () => {
    const base = { userName: "a", active: true, emails: [{ value: "x" }, { value: "y" }] };
    expect(hashResource({ ...base, active: false })).not.toBe(hashResource(base));
    expect(hashResource({ ...base, emails: [{ value: "y" }, { value: "x" }] })).not.toBe(hashResource(base));
  });

  it("drops undefined properties", () => {
    expect(canonicalJson({ b: 1, a: undefined })).toBe('{"b":1}');
  });
});

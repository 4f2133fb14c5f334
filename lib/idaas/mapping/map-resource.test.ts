import { describe, expect, it } from "vitest";
import type { MappingRule } from "@/lib/idaas/provisioning/config/config-types";
import { DEFAULT_CLOUDSSO_USER_MAPPING, DEFAULT_GROUP_MAPPING, hashResource, mapGroup, mapUser, MappingError, validateMapping } from "./index";

const alice = {
  id: "acc_alice",
  username: "alice",
  displayName: "Alice Smith",
  givenName: "Alice",
  familyName: "Smith",
  email: "alice@example.com",
  phone: "+86 138 0000 0000",
  status: "Enabled",
  externalId: "ext-1",
  description: "",
  primaryUnitName: "Engineering",
  // A database row carries more than the mapping may read.
  passwordHash: "secret-hash",
  createdAt: new Date("2026-01-01T00:00:00Z"),
};

describe("default CloudSSO mapping", () => {
  it("maps an account to the SCIM user of SPEC §3.3", () => {
    expect(mapUser(DEFAULT_CLOUDSSO_USER_MAPPING, alice)).toEqual({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: "alice",
      name: { givenName: "Alice", familyName: "Smith" },
      displayName: "Alice Smith",
      emails: [{ type: "work", value: "alice@example.com", primary: true }],
      active: true,
      externalId: "acc_alice",
    });
  });

  it("maps Disabled to active=false and omits empty values", () => {
    const user = mapUser(DEFAULT_CLOUDSSO_USER_MAPPING, { id: "acc_b", username: "bob", status: "Disabled", email: "", givenName: "", familyName: "" });
    expect(user).toEqual({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: "bob",
      active: false,
      externalId: "acc_b",
    });
  });

  it("maps a group", () => {
    expect(mapGroup(DEFAULT_GROUP_MAPPING, { id: "grp_1", name: "Developers", description: "x" })).toEqual({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "Developers",
      externalId: "grp_1",
    });
  });

  it("validates cleanly", () => {
    expect(validateMapping(DEFAULT_CLOUDSSO_USER_MAPPING)).toEqual([]);
    expect(validateMapping(DEFAULT_GROUP_MAPPING, "group")).toEqual([]);
  });
});

describe("custom mappings", () => {
  it("supports expressions, constants, phone numbers and the enterprise extension", () => {
    const rules: MappingRule[] = [
      { target: "userName", type: "expression", source: 'lower(username) + "@corp.example"' },
      { target: "displayName", type: "expression", source: 'defaultIfEmpty(displayName, givenName + " " + familyName)' },
      { target: 'phoneNumbers[type eq "mobile"].value', type: "field", source: "phone" },
      { target: 'emails[type eq "work"].value', type: "field", source: "email" },
      { target: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", type: "field", source: "primaryUnitName" },
      { target: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:organization", type: "constant", source: "Example Corp" },
      { target: "title", type: "field", source: "description" },
      { target: "active", type: "constant", source: "true" },
    ];
    expect(validateMapping(rules)).toEqual([]);
    const user = mapUser(rules, { ...alice, displayName: "" });
    expect(user).toEqual({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
      userName: "alice@corp.example",
      displayName: "Alice Smith",
      phoneNumbers: [{ type: "mobile", value: "+86 138 0000 0000", primary: true }],
      emails: [{ type: "work", value: "alice@example.com", primary: true }],
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "Engineering", organization: "Example Corp" },
      active: true,
    });
  });

  it("marks only the first of several emails primary", () => {
    const rules: MappingRule[] = [
      { target: "userName", type: "field", source: "username" },
      { target: 'emails[type eq "work"].value', type: "field", source: "email" },
      { target: 'emails[type eq "other"].value', type: "expression", source: 'username + "@home.example"' },
    ];
    expect(mapUser(rules, alice).emails).toEqual([
      { type: "work", value: "alice@example.com", primary: true },
      { type: "other", value: "alice@home.example" },
    ]);
  });

  it("cannot read fields outside the whitelist", () => {
    const rules: MappingRule[] = [
      { target: "userName", type: "field", source: "username" },
      { target: "nickName", type: "field", source: "passwordHash" },
    ];
    expect(validateMapping(rules)).toEqual([{ row: 1, field: "source", message: expect.stringContaining('Unknown field "passwordHash"') }]);
    expect(() => mapUser(rules, alice)).toThrow(MappingError);
  });

  it("throws a MappingError naming the row when a boolean target gets text", () => {
    const rules: MappingRule[] = [
      { target: "userName", type: "field", source: "username" },
      { target: "active", type: "field", source: "username" },
    ];
    expect(() => mapUser(rules, alice)).toThrow(/row 2: active needs true or false/);
  });

  it("hash follows mapped values only", () => {
    const a = mapUser(DEFAULT_CLOUDSSO_USER_MAPPING, alice);
    expect(hashResource(mapUser(DEFAULT_CLOUDSSO_USER_MAPPING, { ...alice, phone: "changed" }))).toBe(hashResource(a));
    expect(hashResource(mapUser(DEFAULT_CLOUDSSO_USER_MAPPING, { ...alice, displayName: "A. Smith" }))).not.toBe(hashResource(a));
  });
});

describe("validateMapping", () => {
  it("reports each bad row and table-level problems", () => {
    const rules = [
      { target: "displayName", type: "field", source: "nope" },
      { target: "displayName", type: "field", source: "username" },
      { target: "name", type: "field", source: "username" },
      { target: "name.givenName", type: "field", source: "givenName" },
      { target: "emails", type: "field", source: "email" },
      { target: "nickName", type: "expression", source: "lower(" },
      { target: "title", type: "magic", source: "x" },
      { target: "active", type: "constant", source: "yes" },
      { target: "id", type: "field", source: "id" },
      { target: "locale", type: "field", source: "" },
    ] as MappingRule[];
    const issues = validateMapping(rules);
    expect(issues).toEqual([
      { row: 0, field: "source", message: expect.stringContaining('Unknown field "nope"') },
      { row: 3, field: "target", message: "name.givenName overlaps name in row 3." },
      { row: 4, field: "target", message: expect.stringContaining("multi-valued") },
      { row: 5, field: "source", message: expect.stringContaining("Syntax error") },
      { row: 6, field: "type", message: "Mapping type must be Field, Expression or Constant." },
      { row: 7, field: "source", message: "active needs the constant true or false." },
      { row: 8, field: "target", message: expect.stringContaining("managed by") },
      { row: 9, field: "source", message: "Choose the source field." },
      { row: null, field: null, message: "Field Mapping must map userName." },
    ]);
  });

  it("reports a duplicate target against the row it repeats", () => {
    const issues = validateMapping([
      { target: "userName", type: "field", source: "username" },
      { target: "USERNAME", type: "field", source: "email" },
    ]);
    expect(issues).toEqual([{ row: 1, field: "target", message: "USERNAME is already mapped in row 1." }]);
  });

  it("group mappings read group fields and need displayName", () => {
    expect(validateMapping([{ target: "externalId", type: "field", source: "username" }], "group")).toEqual([
      { row: 0, field: "source", message: "Unknown field \"username\". Available fields: id, name, description." },
      { row: null, field: null, message: "Field Mapping must map displayName." },
    ]);
  });

  it("limits the number of rules", () => {
    const rules = Array.from({ length: 51 }, (_, i) => ({ target: i === 0 ? "userName" : `x${i}`, type: "constant" as const, source: "v" }));
    expect(validateMapping(rules)).toContainEqual({ row: null, field: null, message: "Field Mapping can have at most 50 rules." });
  });
});

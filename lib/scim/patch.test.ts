import { describe, expect, it } from "vitest";
import { applyPatch, parsePatchRequest } from "./patch";
import { ScimError } from "./errors";
import { parseUserBody } from "./user-resource";
import { parseGroupBody } from "./group-resource";
import { GROUP_RESOURCE, USER_RESOURCE, ENTERPRISE_USER_SCHEMA, PATCH_OP_SCHEMA } from "./schemas";
import type { Resource } from "./normalize";

const ENT = ENTERPRISE_USER_SCHEMA;
const base = (): Resource => ({
  id: "u-1",
  userName: "bjensen",
  name: { givenName: "Barbara", familyName: "Jensen" },
  displayName: "Babs",
  active: true,
  emails: [
    { value: "b@work.example", type: "work", primary: true },
    { value: "b@home.example", type: "home" },
  ],
  [ENT]: { department: "Tours" },
});
const group = (): Resource => ({ id: "g-1", displayName: "Ops", members: [{ value: "u-1" }, { value: "u-2" }] });

function patchUser(ops: unknown[], start = base()) {
  return applyPatch(start, parsePatchRequest({ schemas: [PATCH_OP_SCHEMA], Operations: ops }), USER_RESOURCE);
}
function patchGroup(ops: unknown[], start = group()) {
  return applyPatch(start, parsePatchRequest({ schemas: [PATCH_OP_SCHEMA], Operations: ops }), GROUP_RESOURCE);
}

type Case = [name: string, ops: unknown[], check: (r: Resource) => void];

const userCases: Case[] = [
  ["add simple attribute", [{ op: "add", path: "nickName", value: "Babs" }], (r) => expect(r.nickName).toBe("Babs")],
  ["replace simple attribute", [{ op: "replace", path: "displayName", value: "B. Jensen" }], (r) => expect(r.displayName).toBe("B. Jensen")],
  ["remove simple attribute", [{ op: "remove", path: "displayName" }], (r) => expect(r.displayName).toBeUndefined()],
  ["case-insensitive op and attribute names", [{ op: "REPLACE", path: "DISPLAYNAME", value: "X" }], (r) => expect(r.displayName).toBe("X")],
  ["sub-attribute replace keeps siblings", [{ op: "replace", path: "name.familyName", value: "Smith" }], (r) => expect(r.name).toEqual({ givenName: "Barbara", familyName: "Smith" })],
  ["sub-attribute remove", [{ op: "remove", path: "name.givenName" }], (r) => expect(r.name).toEqual({ familyName: "Jensen" })],
  ["complex replace merges sub-attributes", [{ op: "replace", path: "name", value: { middleName: "J" } }], (r) => expect(r.name).toEqual({ givenName: "Barbara", familyName: "Jensen", middleName: "J" })],
  ["add to multi-valued appends", [{ op: "add", path: "emails", value: [{ value: "c@other.example", type: "other" }] }], (r) => expect((r.emails as unknown[]).length).toBe(3)],
  ["add duplicate value does not duplicate", [{ op: "add", path: "emails", value: [{ value: "B@WORK.example", type: "work" }] }], (r) => expect((r.emails as unknown[]).length).toBe(2)],
  ["add primary clears other primaries", [{ op: "add", path: "emails", value: { value: "n@new.example", type: "other", primary: true } }], (r) => {
    const emails = r.emails as { value: string; primary?: boolean }[];
    expect(emails.filter((e) => e.primary === true).map((e) => e.value)).toEqual(["n@new.example"]);
  }],
  ["replace multi-valued wholesale", [{ op: "replace", path: "emails", value: [{ value: "only@x.example", type: "work" }] }], (r) => expect(r.emails).toEqual([{ value: "only@x.example", type: "work" }])],
  ["remove multi-valued entirely", [{ op: "remove", path: "emails" }], (r) => expect(r.emails).toBeUndefined()],
  ["filtered sub-attribute replace", [{ op: "replace", path: 'emails[type eq "work"].value', value: "new@work.example" }], (r) => expect((r.emails as { value: string }[])[0].value).toBe("new@work.example")],
  ["filtered path creates a missing element (Entra/Okta)", [{ op: "add", path: 'phoneNumbers[type eq "mobile"].value', value: "+1 555" }], (r) => expect(r.phoneNumbers).toEqual([{ type: "mobile", value: "+1 555" }])],
  ["filtered remove of one element", [{ op: "remove", path: 'emails[type eq "home"]' }], (r) => expect((r.emails as unknown[]).length).toBe(1)],
  ["filtered remove of a sub-attribute", [{ op: "remove", path: 'emails[type eq "work"].primary' }], (r) => expect((r.emails as Resource[])[0].primary).toBeUndefined()],
  ["filtered remove that matches nothing is a no-op", [{ op: "remove", path: 'emails[type eq "other"]' }], (r) => expect((r.emails as unknown[]).length).toBe(2)],
  ["filtered replace of whole element keeps the filter's identity", [{ op: "replace", path: 'emails[type eq "home"]', value: { value: "h2@home.example" } }], (r) => expect((r.emails as Resource[])[1]).toEqual({ type: "home", value: "h2@home.example" })],
  ["complex filter with and", [{ op: "replace", path: 'emails[type eq "work" and primary eq true].display', value: "Work" }], (r) => expect((r.emails as Resource[])[0].display).toBe("Work")],
  ["pathless add merges attributes", [{ op: "add", value: { nickName: "B", title: "Guide" } }], (r) => expect([r.nickName, r.title]).toEqual(["B", "Guide"])],
  ["pathless replace (Okta deactivate)", [{ op: "replace", value: { active: false } }], (r) => expect(r.active).toBe(false)],
  ["pathless replace with dotted and qualified keys (Entra)", [{ op: "replace", value: { "name.givenName": "Bee", [`${ENT}:department`]: "Sales" } }], (r) => {
    expect((r.name as Resource).givenName).toBe("Bee");
    expect((r[ENT] as Resource).department).toBe("Sales");
  }],
  ["pathless replace with an extension object", [{ op: "replace", value: { [ENT]: { costCenter: "42" } } }], (r) => expect(r[ENT]).toEqual({ department: "Tours", costCenter: "42" })],
  ["pathless replace ignores an unchanged id (Okta)", [{ op: "replace", value: { id: "u-1", displayName: "Z" } }], (r) => expect(r.displayName).toBe("Z")],
  ["Entra string booleans", [{ op: "Replace", path: "active", value: "False" }], (r) => expect(r.active).toBe(false)],
  ["Entra string boolean True", [{ op: "Replace", path: "active", value: "True" }], (r) => expect(r.active).toBe(true)],
  ["schema-qualified extension path", [{ op: "add", path: `${ENT}:employeeNumber`, value: "701984" }], (r) => expect((r[ENT] as Resource).employeeNumber).toBe("701984")],
  ["Entra manager as a bare id", [{ op: "Add", path: `${ENT}:manager`, value: "u-boss" }], (r) => expect((r[ENT] as Resource).manager).toEqual({ value: "u-boss" })],
  ["manager sub-attribute path", [{ op: "add", path: `${ENT}:manager.value`, value: "u-boss" }], (r) => expect((r[ENT] as Resource).manager).toEqual({ value: "u-boss" })],
  ["remove extension attribute drops an empty extension", [{ op: "remove", path: `${ENT}:department` }], (r) => expect(r[ENT]).toBeUndefined()],
  ["remove whole extension", [{ op: "remove", path: ENT }], (r) => expect(r[ENT]).toBeUndefined()],
  ["core schema-qualified path", [{ op: "replace", path: "urn:ietf:params:scim:schemas:core:2.0:User:userName", value: "babs" }], (r) => expect(r.userName).toBe("babs")],
  ["replace with null clears", [{ op: "replace", path: "displayName", value: null }], (r) => expect(r.displayName).toBeUndefined()],
  ["unknown extension schema path is ignored", [{ op: "add", path: "urn:example:custom:2.0:User:badge", value: "7" }], (r) => expect(r).toEqual(base())],
  ["unknown keys in a value object are ignored", [{ op: "add", value: { favouriteColour: "teal", title: "T" } }], (r) => expect(r.title).toBe("T")],
  ["multi-op applies in order", [
    { op: "add", path: "title", value: "A" },
    { op: "replace", path: "title", value: "B" },
    { op: "remove", path: "nickName" },
  ], (r) => expect(r.title).toBe("B")],
  // Entra "Update User [Multi-valued properties]" (learn.microsoft.com, SCIM endpoint tutorial).
  ["Entra multi-valued update fixture", [
    { op: "Replace", path: 'emails[type eq "work"].value', value: "updatedEmail@microsoft.com" },
    { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
  ], (r) => {
    expect((r.emails as Resource[])[0].value).toBe("updatedEmail@microsoft.com");
    expect((r.name as Resource).familyName).toBe("updatedFamilyName");
  }],
  // Entra "Update User [Single-valued properties]".
  ["Entra single-valued update fixture", [{ op: "Replace", path: "userName", value: "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com" }], (r) => expect(r.userName).toBe("5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com")],
];

describe("PATCH on users", () => {
  it.each(userCases)("%s", (_name, ops, check) => check(patchUser(ops)));

  it("does not modify its input (atomicity)", () => {
    const start = base();
    expect(() => patchUser([{ op: "replace", path: "title", value: "A" }, { op: "replace", path: "bogus", value: 1 }], start)).toThrow(ScimError);
    expect(start).toEqual(base());
  });

  it("Entra's 'False' survives revalidation as a boolean", () => {
    const r = patchUser([{ op: "Replace", path: "active", value: "False" }]);
    expect(parseUserBody(r).active).toBe(false);
  });
});

const groupCases: Case[] = [
  // Okta "add members" and Entra "Update Group [Add Members]" (note Entra's "$ref": null).
  ["add members (Okta)", [{ op: "add", path: "members", value: [{ value: "u-3", display: "test.user@okta.local" }] }], (r) => expect((r.members as Resource[]).map((m) => m.value)).toEqual(["u-1", "u-2", "u-3"])],
  ["Add members with $ref null (Entra)", [{ op: "Add", path: "members", value: [{ $ref: null, value: "u-3" }] }], (r) => expect((r.members as Resource[]).map((m) => m.value)).toEqual(["u-1", "u-2", "u-3"])],
  ["adding an existing member is idempotent", [{ op: "add", path: "members", value: [{ value: "u-1" }] }], (r) => expect((r.members as unknown[]).length).toBe(2)],
  // Entra "Update Group [Remove Members]".
  ["Remove members listed in value (Entra)", [{ op: "Remove", path: "members", value: [{ $ref: null, value: "u-1" }] }], (r) => expect(r.members).toEqual([{ value: "u-2" }])],
  // Okta "remove a member".
  ["remove members[value eq] (Okta)", [{ op: "remove", path: 'members[value eq "u-2"]' }], (r) => expect(r.members).toEqual([{ value: "u-1" }])],
  ["remove a non-member succeeds", [{ op: "remove", path: 'members[value eq "u-9"]' }], (r) => expect((r.members as unknown[]).length).toBe(2)],
  ["remove all members", [{ op: "remove", path: "members" }], (r) => expect(r.members).toBeUndefined()],
  ["replace members with [] (Okta)", [{ op: "replace", path: "members", value: [] }], (r) => expect(r.members).toBeUndefined()],
  ["replace members with a list", [{ op: "replace", path: "members", value: [{ value: "u-7" }] }], (r) => expect(r.members).toEqual([{ value: "u-7" }])],
  // Okta "update group name": pathless replace echoing the id.
  ["pathless replace displayName with id (Okta)", [{ op: "replace", value: { id: "g-1", displayName: "Test SCIMv2" } }], (r) => expect(r.displayName).toBe("Test SCIMv2")],
  // Entra "Update Group [Non-member attributes]".
  ["Replace displayName (Entra)", [{ op: "Replace", path: "displayName", value: "1879db59updatedDisplayName" }], (r) => expect(r.displayName).toBe("1879db59updatedDisplayName")],
  ["add and remove in one request", [
    { op: "add", path: "members", value: [{ value: "u-3" }] },
    { op: "remove", path: 'members[value eq "u-1"]' },
  ], (r) => expect((r.members as Resource[]).map((m) => m.value)).toEqual(["u-2", "u-3"])],
];

describe("PATCH on groups", () => {
  it.each(groupCases)("%s", (_name, ops, check) => check(patchGroup(ops)));

  it("keeps the group valid for revalidation", () => {
    const r = patchGroup([{ op: "add", path: "members", value: [{ value: "u-3", display: "x" }] }]);
    expect(parseGroupBody(r).members).toEqual([{ value: "u-1" }, { value: "u-2" }, { value: "u-3" }]);
  });
});

const errors: [string, unknown, number, string, RegExp][] = [
  ["body not an object", [], 400, "invalidSyntax", /object/],
  ["missing Operations", { schemas: [PATCH_OP_SCHEMA] }, 400, "invalidSyntax", /Operations/],
  ["empty Operations", { schemas: [PATCH_OP_SCHEMA], Operations: [] }, 400, "invalidSyntax", /non-empty/],
  ["wrong schema", { schemas: ["urn:x"], Operations: [{ op: "add", path: "title", value: "x" }] }, 400, "invalidSyntax", /PatchOp/],
  ["unknown op", { Operations: [{ op: "move", path: "title", value: "x" }] }, 400, "invalidSyntax", /op must be/],
  ["remove without path", { Operations: [{ op: "remove" }] }, 400, "noTarget", /path/],
  ["add without value", { Operations: [{ op: "add", path: "title" }] }, 400, "invalidValue", /value/],
  ["unknown attribute path", { Operations: [{ op: "add", path: "favouriteColour", value: "x" }] }, 400, "invalidPath", /no such attribute/],
  ["malformed path", { Operations: [{ op: "add", path: "name..givenName", value: "x" }] }, 400, "invalidPath", /no such attribute/],
  ["unclosed filter", { Operations: [{ op: "replace", path: 'emails[type eq "work".value', value: "x" }] }, 400, "invalidPath", /missing "\]"/],
  ["filter on a single-valued attribute", { Operations: [{ op: "replace", path: 'name[givenName eq "x"]', value: "x" }] }, 400, "invalidPath", /multi-valued/],
  ["bad filter inside a path", { Operations: [{ op: "replace", path: "emails[type eq or].value", value: "x" }] }, 400, "invalidFilter", /double-quoted/],
  ["no match for a non-equality filter", { Operations: [{ op: "replace", path: 'emails[value co "nowhere"].type', value: "x" }] }, 400, "noTarget", /matches/],
  ["read-only attribute", { Operations: [{ op: "replace", path: "id", value: "u-2" }] }, 400, "mutability", /read-only/],
  ["read-only meta", { Operations: [{ op: "replace", path: "meta.created", value: "2020-01-01T00:00:00Z" }] }, 400, "mutability", /read-only/],
  ["changing the id in a pathless replace", { Operations: [{ op: "replace", value: { id: "other" } }] }, 400, "mutability", /id/],
  ["wrong value type", { Operations: [{ op: "replace", path: "active", value: "maybe" }] }, 400, "invalidValue", /boolean/],
  ["pathless add with a non-object", { Operations: [{ op: "add", value: "x" }] }, 400, "invalidValue", /object/],
];

describe("PATCH errors", () => {
  it.each(errors)("%s", (_name, body, status, scimType, detail) => {
    let err: unknown;
    try {
      applyPatch(base(), parsePatchRequest(body), USER_RESOURCE);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScimError);
    expect((err as ScimError).toBody()).toMatchObject({ status: String(status), scimType });
    expect((err as ScimError).detail).toMatch(detail);
  });

  it("immutable member values cannot be replaced", () => {
    expect(() => patchGroup([{ op: "replace", path: 'members[value eq "u-1"].value', value: "u-9" }])).toThrow(/immutable/);
  });
});

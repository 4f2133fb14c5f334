import { describe, expect, it } from "vitest";
import { project } from "./projection";
import { listRequestFromQuery, listRequestFromSearch } from "./list-request";
import { ENTERPRISE_USER_SCHEMA, GROUP_RESOURCE, USER_RESOURCE } from "./schemas";
import { parseUserBody } from "./user-resource";
import { ScimError } from "./errors";

const ENT = ENTERPRISE_USER_SCHEMA;
const user = {
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENT],
  id: "u1",
  userName: "b",
  name: { givenName: "B", familyName: "J" },
  emails: [{ value: "b@x.example", type: "work" }],
  [ENT]: { department: "D", costCenter: "C" },
  meta: { resourceType: "User" },
};

describe("projection", () => {
  const cases: [string, Parameters<typeof project>[2], object][] = [
    ["attributes keeps id and schemas", { attributes: ["userName"] }, { schemas: user.schemas, id: "u1", userName: "b" }],
    ["sub-attribute selection", { attributes: ["name.familyName", "emails.value"] }, { schemas: user.schemas, id: "u1", name: { familyName: "J" }, emails: [{ value: "b@x.example" }] }],
    ["case-insensitive and qualified names", { attributes: ["USERNAME", `${ENT}:department`] }, { schemas: user.schemas, id: "u1", userName: "b", [ENT]: { department: "D" } }],
    ["whole extension by URN", { attributes: [ENT] }, { schemas: user.schemas, id: "u1", [ENT]: { department: "D", costCenter: "C" } }],
    ["excluded id is still returned", { excludedAttributes: ["id", "name", "emails", "meta", ENT] }, { schemas: user.schemas, id: "u1", userName: "b" }],
    ["excluded sub-attribute", { excludedAttributes: ["name.givenName", `${ENT}:costCenter`] }, { ...user, name: { familyName: "J" }, [ENT]: { department: "D" } }],
    ["unknown names select nothing", { attributes: ["nope"] }, { schemas: user.schemas, id: "u1" }],
  ];
  it.each(cases)("%s", (_n, p, expected) => expect(project(user, USER_RESOURCE, p)).toEqual(expected));

  it("request-only members appear only when asked", () => {
    const g = { schemas: ["g"], id: "g1", displayName: "G", members: [{ value: "u1" }] };
    expect(project(g, GROUP_RESOURCE, {}, ["members"])).toEqual({ schemas: ["g"], id: "g1", displayName: "G" });
    expect(project(g, GROUP_RESOURCE, { attributes: ["members"] }, ["members"])).toEqual({ schemas: ["g"], id: "g1", members: [{ value: "u1" }] });
    expect(project(g, GROUP_RESOURCE, { excludedAttributes: ["members"] })).toEqual({ schemas: ["g"], id: "g1", displayName: "G" });
  });

  it("password is accepted but never stored or returned", () => {
    expect(parseUserBody({ userName: "a", password: "secret" })).toEqual({ userName: "a" });
  });
});

describe("list parameters", () => {
  const q = (s: string) => listRequestFromQuery(new URLSearchParams(s));
  it.each([
    ["", { startIndex: 1, count: 100 }],
    ["startIndex=0&count=-5", { startIndex: 1, count: 0 }],
    ["count=1000", { count: 100 }],
    ["count=0", { count: 0 }],
    ["sortBy=userName&sortOrder=Descending", { sortBy: "userName", sortOrder: "descending" }],
    ["attributes=userName,name.givenName&excludedAttributes=emails", { attributes: ["userName", "name.givenName"], excludedAttributes: ["emails"] }],
    ["STARTINDEX=5", { startIndex: 5 }],
  ] as const)("%s", (s, expected) => expect(q(s)).toMatchObject(expected));

  it.each(["count=abc", "startIndex=1.5", "sortOrder=up"])("rejects %s", (s) => {
    expect(() => q(s)).toThrow(ScimError);
  });

  it("reads a SearchRequest body", () => {
    expect(
      listRequestFromSearch({
        schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
        attributes: ["displayName"],
        filter: 'displayName sw "a"',
        startIndex: 2,
        count: 10,
      }),
    ).toMatchObject({ attributes: ["displayName"], filter: 'displayName sw "a"', startIndex: 2, count: 10 });
  });
});

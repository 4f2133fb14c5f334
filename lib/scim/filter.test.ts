import { describe, expect, it } from "vitest";
import { matchesFilter, parseFilter } from "./filter";
import { ScimError } from "./errors";
import { GROUP_RESOURCE, USER_RESOURCE } from "./schemas";

const user = {
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
  id: "u-abc",
  externalId: "Ext-1",
  userName: "Bjensen@Example.com",
  name: { givenName: "Barbara", familyName: "Jensen" },
  displayName: "Babs Jensen",
  title: "Tour Guide",
  userType: "Employee",
  active: true,
  emails: [
    { value: "bjensen@example.com", type: "work", primary: true },
    { value: "babs@jensen.org", type: "home" },
  ],
  phoneNumbers: [{ value: "555-555-8377", type: "work" }],
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { employeeNumber: "701984", department: "Tour Operations", manager: { value: "u-boss" } },
  meta: { resourceType: "User", created: "2024-01-10T10:00:00.000Z", lastModified: "2024-03-01T12:00:00.000Z", version: 'W/"3"' },
};

const cases: [string, boolean][] = [
  // eq / ne, case-insensitive userName, caseExact id & externalId
  ['userName eq "bjensen@example.com"', true],
  ['USERNAME EQ "BJENSEN@EXAMPLE.COM"', true],
  ['userName ne "bjensen@example.com"', false],
  ['userName ne "other"', true],
  ['externalId eq "Ext-1"', true],
  ['externalId eq "ext-1"', false],
  ['id eq "u-abc"', true],
  ['id eq "U-ABC"', false],
  // co / sw / ew
  ['userName co "jensen"', true],
  ['userName co "nobody"', false],
  ['userName sw "BJ"', true],
  ['userName sw "jensen"', false],
  ['userName ew "EXAMPLE.com"', true],
  ['userName ew "example"', false],
  ['title co "guide"', true],
  // gt / ge / lt / le on strings and dateTimes
  ['userName gt "a"', true],
  ['userName gt "c"', false],
  ['userName ge "bjensen@example.com"', true],
  ['userName lt "c"', true],
  ['userName le "a"', false],
  ['meta.lastModified gt "2024-02-01T00:00:00Z"', true],
  ['meta.lastModified gt "2024-03-01T12:00:00Z"', false],
  ['meta.lastModified ge "2024-03-01T12:00:00Z"', true],
  ['meta.created lt "2024-01-10T10:00:00.001Z"', true],
  ['meta.created le "2024-01-01T00:00:00Z"', false],
  // pr
  ["title pr", true],
  ["nickName pr", false],
  ["emails pr", true],
  ["name.middleName pr", false],
  ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager pr", true],
  // booleans (also Entra's "True"/"False" strings), null
  ["active eq true", true],
  ["active eq FALSE", false],
  ['active eq "True"', true],
  ["active ne false", true],
  ["nickName eq null", true],
  ["title ne null", true],
  // multi-valued, sub-attributes, value paths
  ['emails.value eq "babs@jensen.org"', true],
  ['emails co "jensen.org"', true],
  ['emails[type eq "work" and value co "@example.com"]', true],
  ['emails[type eq "home" and primary eq true]', false],
  ['emails[type eq "work" and primary eq true]', true],
  ['emails[type eq "work"].value eq "bjensen@example.com"', true],
  ['emails[type eq "home"].value eq "bjensen@example.com"', false],
  ['emails[not (type eq "work")]', true],
  ['phoneNumbers[type eq "mobile"]', false],
  // schema-qualified names
  ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "b"', true],
  ['urn:ietf:params:scim:schemas:core:2.0:User:name.familyName eq "JENSEN"', true],
  ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984"', true],
  ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "u-boss"', true],
  ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department co "tour"', true],
  // logic and precedence: not > and > or
  ['title pr and userType eq "Employee"', true],
  ['title pr and userType eq "Intern"', false],
  ['userType eq "Intern" or title pr', true],
  ['userType eq "Intern" or title eq "x" and active eq true', false],
  ['title pr or userType eq "Intern" and active eq false', true],
  ['(title pr or userType eq "Intern") and active eq false', false],
  ['not (userName eq "bjensen@example.com")', false],
  ['not (nickName pr) and not (title eq "x")', true],
  ['userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', true],
  ['userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")', false],
  ['((((userName pr))))', true],
  // numbers compared as strings for string attributes (lenient), escapes in strings
  ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq 701984', true],
  ['displayName eq "Babs \\"B\\" Jensen"', false],
];

describe("filter evaluation", () => {
  it.each(cases)("%s → %s", (text, expected) => {
    expect(matchesFilter(parseFilter(text, USER_RESOURCE), user)).toBe(expected);
  });
});

describe("filter parse tree", () => {
  it("binds and above or", () => {
    const f = parseFilter('a1 eq "x" or title eq "y" and userType eq "z"'.replace("a1", "nickName"), USER_RESOURCE);
    expect(f.op).toBe("or");
    if (f.op === "or") expect(f.right.op).toBe("and");
  });
  it("keeps escaped quotes in strings", () => {
    const f = parseFilter('displayName eq "a\\"b"', USER_RESOURCE);
    expect(f).toMatchObject({ op: "eq", value: 'a"b' });
  });
  it("resolves group members value paths", () => {
    const group = { id: "g1", displayName: "Ops", members: [{ value: "u1" }, { value: "u2" }] };
    expect(matchesFilter(parseFilter('members[value eq "u2"]', GROUP_RESOURCE), group)).toBe(true);
    expect(matchesFilter(parseFilter('members.value eq "u3"', GROUP_RESOURCE), group)).toBe(false);
    expect(matchesFilter(parseFilter('displayName eq "ops"', GROUP_RESOURCE), group)).toBe(true);
  });
});

const bad: [string, RegExp][] = [
  ["", /empty/],
  ["userName", /operator/],
  ['userName eq', /value/],
  ['userName xx "a"', /Unknown operator/],
  ['userName eq and', /double-quoted/],
  ['userName eq "a" or title eq not', /double-quoted/],
  ['userName eq "unterminated', /Unterminated/],
  ['(userName eq "a"', /"\)"/],
  ['userName eq "a")', /Unexpected/],
  ['userName eq "a" and', /attribute/],
  ['userName eq "a" or or title pr', /attribute/],
  ['not userName eq "a"', /parenthesised/],
  ['emails[type eq "work"', /"\]"/],
  ['emails[type eq "work" and emails[value pr]]', /nested|Unknown/],
  ['foo eq "a"', /Unknown attribute "foo"/],
  ['name.foo eq "a"', /Unknown attribute/],
  ['urn:example:unknown:attr eq "a"', /Unknown attribute/],
  ['active gt true', /boolean/],
  ['active eq "yes"', /boolean/],
  ['meta.lastModified gt "yesterday"', /dateTime/],
  ['name eq "x"', /complex/],
  ['title[value eq "x"]', /not a complex/],
  ['userName co null', /null/],
  ['userName eq "a" userName eq "b"', /Unexpected/],
  ["(".repeat(60) + 'title pr' + ")".repeat(60), /nested too deeply/],
];

describe("invalid filters → 400 invalidFilter", () => {
  it.each(bad)("%s", (text, detail) => {
    let err: unknown;
    try {
      parseFilter(text, USER_RESOURCE);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScimError);
    expect((err as ScimError).status).toBe(400);
    expect((err as ScimError).scimType).toBe("invalidFilter");
    expect((err as ScimError).detail).toMatch(detail);
  });
});

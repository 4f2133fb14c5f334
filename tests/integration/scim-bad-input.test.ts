import { beforeAll, describe, expect, it } from "vitest";
import { client, createDirectory, expectScimError, newUser, PATCH_OP, scim, type TestDirectory } from "./scim-helpers";

/** Bad input never yields a 5xx or an HTML page: each case answers a precise SCIM error. */
let dir: TestDirectory;
let call: ReturnType<typeof client>;
let userId: string;
let groupId: string;

beforeAll(async () => {
  dir = createDirectory();
  call = client(dir);
  userId = (await call("POST", "/Users", { body: newUser("target.user") })).body.id;
  groupId = (await call("POST", "/Groups", { body: { displayName: "Target" } })).body.id;
});

type Case = [name: string, method: string, path: () => string, opts: Parameters<ReturnType<typeof client>>[2], status: number, scimType: string | undefined, detail: RegExp];

const cases: Case[] = [
  ["malformed JSON", "POST", () => "/Users", { raw: '{"userName": "x",' }, 400, "invalidSyntax", /not valid JSON/],
  ["empty body", "POST", () => "/Users", { raw: "" }, 400, "invalidSyntax", /empty/],
  ["JSON that is not an object", "POST", () => "/Users", { raw: '"just a string"' }, 400, "invalidValue", /JSON object/],
  ["array body", "PUT", () => `/Users/${userId}`, { body: [1, 2] }, 400, "invalidValue", /JSON object/],
  ["missing userName", "POST", () => "/Users", { body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], displayName: "No Name" } }, 400, "invalidValue", /userName.*required/],
  ["too-long userName", "POST", () => "/Users", { body: newUser("a".repeat(65)) }, 400, "invalidValue", /at most 64/],
  ["userName with forbidden characters", "POST", () => "/Users", { body: newUser("has space") }, 400, "invalidValue", /letters, digits/],
  ["userName of the wrong type", "POST", () => "/Users", { body: { userName: 12345 } }, 400, "invalidValue", /"userName" must be a string/],
  ["active of the wrong type", "POST", () => "/Users", { body: newUser("typed.user", { active: "sometimes" }) }, 400, "invalidValue", /"active" must be a boolean/],
  ["emails of the wrong type", "POST", () => "/Users", { body: newUser("typed.user2", { emails: 42 }) }, 400, "invalidValue", /must be an object/],
  ["name of the wrong type", "POST", () => "/Users", { body: newUser("typed.user3", { name: ["a"] }) }, 400, "invalidValue", /must be an object/],
  ["invalid email", "POST", () => "/Users", { body: newUser("typed.user4", { emails: [{ value: "not-an-email" }] }) }, 400, "invalidValue", /not a valid email/],
  ["group without displayName", "POST", () => "/Groups", { body: { members: [] } }, 400, "invalidValue", /displayName.*required/],
  ["group with a nested group member", "POST", () => "/Groups", { body: { displayName: "Nest", members: [{ value: "g-x", type: "Group" }] } }, 400, "invalidValue", /only contain users/],
  ["invalid filter syntax", "GET", () => `/Users?filter=${encodeURIComponent('userName eq "unterminated')}`, {}, 400, "invalidFilter", /Unterminated/],
  ["filter on an unknown attribute", "GET", () => `/Users?filter=${encodeURIComponent('shoeSize gt 40')}`, {}, 400, "invalidFilter", /Unknown attribute "shoeSize"/],
  ["filter with a bad operator", "GET", () => `/Groups?filter=${encodeURIComponent('displayName like "x"')}`, {}, 400, "invalidFilter", /Unknown operator/],
  ["filter in a search body", "POST", () => "/Users/.search", { body: { filter: "(((" } }, 400, "invalidFilter", /attribute/],
  ["count that is not a number", "GET", () => "/Users?count=ten", {}, 400, "invalidValue", /count/],
  ["PATCH with a bad path", "PATCH", () => `/Users/${userId}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "emails[type eq \"work\"", value: "x" }] } }, 400, "invalidPath", /missing "\]"/],
  ["PATCH with an unknown attribute path", "PATCH", () => `/Users/${userId}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "shoeSize", value: 44 }] } }, 400, "invalidPath", /no such attribute/],
  ["PATCH remove without path", "PATCH", () => `/Groups/${groupId}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "remove" }] } }, 400, "noTarget", /path/],
  ["PATCH without Operations", "PATCH", () => `/Users/${userId}`, { body: { schemas: [PATCH_OP] } }, 400, "invalidSyntax", /Operations/],
  ["PATCH with an unknown op", "PATCH", () => `/Users/${userId}`, { body: { Operations: [{ op: "merge", path: "title", value: "x" }] } }, 400, "invalidSyntax", /op must be/],
  ["PATCH of a read-only attribute", "PATCH", () => `/Users/${userId}`, { body: { Operations: [{ op: "replace", path: "id", value: "other" }] } }, 400, "mutability", /read-only/],
  ["PATCH leaving userName empty", "PATCH", () => `/Users/${userId}`, { body: { Operations: [{ op: "remove", path: "userName" }] } }, 400, "invalidValue", /userName.*required/],
  ["unsupported media type", "POST", () => "/Users", { raw: "userName=x", contentType: "application/x-www-form-urlencoded" }, 415, undefined, /Content-Type/],
  ["unknown user id", "GET", () => "/Users/u-nope", {}, 404, undefined, /not found/],
  ["unknown group id on PATCH", "PATCH", () => "/Groups/g-nope", { body: { Operations: [{ op: "add", path: "members", value: [] }] } }, 404, undefined, /not found/],
  ["POST to a resource id", "POST", () => `/Users/${userId}`, { body: newUser("x") }, 405, undefined, /not allowed/],
  ["PUT on a collection", "PUT", () => "/Groups", { body: { displayName: "x" } }, 405, undefined, /not allowed/],
  ["bulk is not supported", "POST", () => "/Bulk", { body: {} }, 501, undefined, /not supported/],
];

describe("bad input → SCIM errors", () => {
  it.each(cases)("%s", async (_name, method, path, opts, status, scimType, detail) => {
    const r = await call(method, path(), opts);
    expectScimError(r, status, scimType);
    expect(r.body.detail).toMatch(detail);
    expect(r.text).not.toMatch(/<html/i);
  });

  it("unknown attributes are ignored, not fatal", async () => {
    const r = await call("POST", "/Users", { body: newUser("unknown.attrs", { shoeSize: 44, "urn:example:custom:2.0:User": { badge: 7 } }) });
    expect(r.status).toBe(201);
    expect(r.body.shoeSize).toBeUndefined();
  });

  it("bodies are accepted as application/json and without a content type", async () => {
    expect((await call("POST", "/Users", { body: newUser("json.type"), contentType: "application/json; charset=utf-8" })).status).toBe(201);
    // A byte body gets no Content-Type from fetch at all.
    expect((await call("POST", "/Users", { raw: Buffer.from(JSON.stringify(newUser("no.type"))), contentType: null })).status).toBe(201);
  });

  it("nothing half-written stays behind after a failed request", async () => {
    const before = (await call("GET", "/Users?count=0")).body.totalResults;
    await call("POST", "/Users", { body: newUser("half.user", { emails: [{ value: "bad" }] }) });
    expect((await call("GET", "/Users?count=0")).body.totalResults).toBe(before);
  });

  it("a garbage Authorization header is a 401, not a crash", async () => {
    const r = await scim("GET", "/Users", { headers: { Authorization: "Bearer " + "\u00e9".repeat(10) } });
    expect([400, 401]).toContain(r.status);
  });
  // Last: the server closes a connection whose body it refused to read.
  it("bodies over 1 MiB → 413", async () => {
    const big = JSON.stringify(newUser("big.user", { title: "x".repeat(1024 * 1024 + 10) }));
    const r = await call("POST", "/Users", { raw: big });
    expectScimError(r, 413);
    // Streamed without a Content-Length, too.
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new TextEncoder().encode("x".repeat(64 * 1024)));
        c.close();
      },
    });
    const res = await fetch(`${(await import("./scim-helpers")).baseUrl()}/scim/v2/Users`, {
      method: "POST",
      headers: { Authorization: `Bearer ${dir.token}`, "Content-Type": "application/scim+json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
  });

});

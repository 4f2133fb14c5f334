import { beforeAll, describe, expect, it } from "vitest";
import { addCredential, client, createDirectory, database, expectScimError, newUser, scim, SCIM_JSON, LIST, type TestDirectory } from "./scim-helpers";

describe("SCIM discovery", () => {
  it("ServiceProviderConfig needs no auth and tells the truth", async () => {
    const r = await scim("GET", "/ServiceProviderConfig");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain(SCIM_JSON);
    expect(r.body).toMatchObject({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 100 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [{ type: "oauthbearertoken" }],
    });
  });

  it("ResourceTypes list and by id", async () => {
    const list = await scim("GET", "/ResourceTypes");
    expect(list.status).toBe(200);
    expect(list.body.schemas).toEqual([LIST]);
    expect(list.body.Resources.map((r: { id: string }) => r.id)).toEqual(["User", "Group"]);
    const user = await scim("GET", "/ResourceTypes/User");
    expect(user.body).toMatchObject({
      endpoint: "/Users",
      schema: "urn:ietf:params:scim:schemas:core:2.0:User",
      schemaExtensions: [{ schema: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", required: false }],
    });
    expectScimError(await scim("GET", "/ResourceTypes/Printer"), 404);
  });

  it("Schemas list and by URN", async () => {
    const list = await scim("GET", "/Schemas");
    expect(list.body.Resources.map((r: { id: string }) => r.id)).toEqual([
      "urn:ietf:params:scim:schemas:core:2.0:User",
      "urn:ietf:params:scim:schemas:core:2.0:Group",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
    ]);
    const user = await scim("GET", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User");
    const userName = user.body.attributes.find((a: { name: string }) => a.name === "userName");
    expect(userName).toMatchObject({ type: "string", required: true, caseExact: false, uniqueness: "server" });
    const ent = await scim("GET", "/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
    expect(ent.body.attributes.map((a: { name: string }) => a.name)).toContain("manager");
    expectScimError(await scim("GET", "/Schemas/urn:example:nope"), 404);
  });

  it.each([
    ["POST", "/ServiceProviderConfig"],
    ["PUT", "/ServiceProviderConfig"],
    ["PATCH", "/ResourceTypes"],
    ["DELETE", "/ResourceTypes/User"],
    ["POST", "/Schemas"],
    ["DELETE", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"],
  ])("%s %s → 405", async (method, path) => {
    const r = await scim(method, path, { body: {} });
    expectScimError(r, 405);
    expect(r.headers.get("allow")).toBe("GET");
  });

  it("unknown paths → 404 SCIM error, never HTML", async () => {
    const dir = createDirectory();
    const r = await scim("GET", "/Printers", { token: dir.token });
    expectScimError(r, 404);
    expectScimError(await scim("GET", "/Users/a/b", { token: dir.token }), 404);
    expectScimError(await scim("GET", "", { token: dir.token }), 404);
  });
});

describe("SCIM authentication and directory isolation", () => {
  let dir: TestDirectory;
  beforeAll(() => {
    dir = createDirectory();
  });

  async function expect401(token: string | null, raw?: Record<string, string>) {
    const r = await scim("GET", "/Users", { token, headers: raw });
    expectScimError(r, 401);
    expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
    return r;
  }

  it("missing credential → 401", async () => {
    const r = await expect401(null);
    expect(r.body.detail).toMatch(/Authentication required/);
  });

  it("unknown credential → 401", async () => {
    const r = await expect401("not-a-real-secret");
    expect(r.headers.get("www-authenticate")).toContain("invalid_token");
  });

  it("non-Bearer scheme → 401", async () => {
    await expect401(null, { Authorization: "Basic dXNlcjpwYXNz" });
  });

  it("disabled credential → 401", async () => {
    const c = addCredential(dir.id, { status: "Disabled" });
    const r = await expect401(c.token);
    expect(r.body.detail).toMatch(/disabled/);
  });

  it("expired credential → 401", async () => {
    const c = addCredential(dir.id);
    expect((await scim("GET", "/Users", { token: c.token })).status).toBe(200);
    database().prepare("UPDATE SsoScimCredential SET expiresAt = ? WHERE id = ?").run("2020-01-01T00:00:00.000+00:00", c.credentialId);
    const r = await expect401(c.token);
    expect(r.body.detail).toMatch(/expired/);
  });

  it("deleted credential → 401", async () => {
    const c = addCredential(createDirectory().id);
    expect((await scim("GET", "/Users", { token: c.token })).status).toBe(200);
    database().prepare("DELETE FROM SsoScimCredential WHERE id = ?").run(c.credentialId);
    await expect401(c.token);
  });

  it("SCIM sync off → 403 on every data endpoint, discovery still answers", async () => {
    const off = createDirectory({ scimEnabled: false });
    for (const [method, path] of [
      ["GET", "/Users"],
      ["POST", "/Users"],
      ["GET", "/Groups/x"],
      ["PATCH", "/Groups/x"],
      ["DELETE", "/Users/x"],
      ["POST", "/.search"],
    ]) {
      const r = await scim(method, path, { token: off.token, body: method === "GET" || method === "DELETE" ? undefined : {} });
      expectScimError(r, 403);
      expect(r.body.detail).toMatch(/synchronization is disabled/);
    }
    expect((await scim("GET", "/ServiceProviderConfig", { token: off.token })).status).toBe(200);
    database().prepare("UPDATE SsoDirectory SET scimEnabled = 1 WHERE id = ?").run(off.id);
    expect((await scim("GET", "/Users", { token: off.token })).status).toBe(200);
  });

  it("a credential sees only its own directory", async () => {
    const a = createDirectory();
    const b = createDirectory();
    const asA = client(a);
    const asB = client(b);
    const user = await asA("POST", "/Users", { body: newUser("isolated.user") });
    expect(user.status).toBe(201);
    const group = await asA("POST", "/Groups", { body: { displayName: "Isolated", members: [{ value: user.body.id }] } });
    expect(group.status).toBe(201);

    expect((await asB("GET", "/Users")).body.totalResults).toBe(0);
    expect((await asB("GET", `/Users?filter=${encodeURIComponent('userName eq "isolated.user"')}`)).body.totalResults).toBe(0);
    expectScimError(await asB("GET", `/Users/${user.body.id}`), 404);
    expectScimError(await asB("PATCH", `/Users/${user.body.id}`, { body: { Operations: [{ op: "replace", path: "active", value: false }] } }), 404);
    expectScimError(await asB("PUT", `/Users/${user.body.id}`, { body: newUser("hijack") }), 404);
    expectScimError(await asB("DELETE", `/Users/${user.body.id}`), 404);
    expectScimError(await asB("GET", `/Groups/${group.body.id}`), 404);
    // Another directory's user cannot become a member, and the same userName is free in B.
    const g2 = await asB("POST", "/Groups", { body: { displayName: "B group", members: [{ value: user.body.id }] } });
    expectScimError(g2, 400, "invalidValue");
    expect((await asB("POST", "/Users", { body: newUser("isolated.user") })).status).toBe(201);
    expect((await asA("GET", `/Users/${user.body.id}`)).body.active).toBe(true);
  });
});

describe("SCIM request log", () => {
  it("records every request without secrets", async () => {
    const dir = createDirectory();
    const r = await scim("POST", "/Users", { token: dir.token, body: newUser("logged.user", { password: "Sup3r-Secret!" }) });
    expect(r.status).toBe(201);
    expect(r.body.password).toBeUndefined();
    await scim("GET", "/Users/does-not-exist", { token: dir.token });
    await new Promise((res) => setTimeout(res, 100));
    const rows = database()
      .prepare("SELECT * FROM SsoScimRequestLog WHERE directoryId = ? ORDER BY id")
      .all(dir.id) as { method: string; path: string; status: number; credentialId: string; requestBody: string | null; latencyMs: number; scimType: string | null }[];
    expect(rows.map((x) => [x.method, x.path, x.status])).toEqual([
      ["POST", "/scim/v2/Users", 201],
      ["GET", "/scim/v2/Users/does-not-exist", 404],
    ]);
    expect(rows[0].credentialId).toBe(dir.credentialId);
    expect(rows[0].requestBody).toContain("logged.user");
    expect(rows[0].requestBody).not.toContain("Sup3r-Secret!");
    expect(rows[0].latencyMs).toBeGreaterThanOrEqual(0);
    const all = database().prepare("SELECT * FROM SsoScimRequestLog").all() as Record<string, string | null>[];
    expect(JSON.stringify(all)).not.toContain(dir.token);
  });

  it("records the whole exchange: redacted request headers, both bodies, response status and headers", async () => {
    const dir = createDirectory();
    const r = await scim("POST", "/Users", {
      token: dir.token,
      body: newUser("exchange.user", { password: "Exch4nge-Secret!" }),
      headers: { Cookie: "session=very-secret-cookie", "X-Client": "integration" },
    });
    expect(r.status).toBe(201);
    await new Promise((res) => setTimeout(res, 100));
    const row = database().prepare("SELECT * FROM SsoScimRequestLog WHERE directoryId = ? ORDER BY id DESC").get(dir.id) as Record<string, string | null>;
    const reqHeaders = JSON.parse(row.requestHeaders!) as Record<string, string>;
    expect(reqHeaders.authorization).toBe(`Bearer ****${dir.token.slice(-4)}`);
    expect(reqHeaders.cookie).toBe("[REDACTED]");
    expect(reqHeaders["x-client"]).toBe("integration");
    expect(reqHeaders["content-type"]).toContain("json");
    const resHeaders = JSON.parse(row.responseHeaders!) as Record<string, string>;
    expect(resHeaders["content-type"]).toBe(SCIM_JSON);
    expect(resHeaders.etag).toMatch(/^W\/"/);
    expect(resHeaders.location).toContain(`/Users/${r.body.id}`);
    expect(row.requestBody).toContain("exchange.user");
    expect(row.requestBody).toContain("[REDACTED]");
    expect(JSON.parse(row.responseBody!)).toMatchObject({ id: r.body.id, userName: "exchange.user" });
    // Secrets never reach the log, in any column.
    const all = JSON.stringify(row);
    for (const secret of [dir.token, "Exch4nge-Secret!", "very-secret-cookie"]) expect(all).not.toContain(secret);
  });

  it("caps stored bodies at 64 KiB and says so", async () => {
    const dir = createDirectory();
    const long = "x".repeat(70 * 1024);
    const r = await scim("POST", "/Users", { token: dir.token, body: newUser("long.user", { title: long }) });
    expect(r.status).toBe(201);
    await new Promise((res) => setTimeout(res, 150));
    const row = database().prepare("SELECT requestBody, responseBody FROM SsoScimRequestLog WHERE directoryId = ? ORDER BY id DESC").get(dir.id) as {
      requestBody: string;
      responseBody: string;
    };
    for (const body of [row.requestBody, row.responseBody]) {
      expect(body.length).toBeLessThan(64 * 1024 + 100);
      expect(body).toMatch(/\(truncated, \d+ characters\)$/);
    }
  });

  it("stamps scimSyncedAt on SCIM writes only, and the credential's lastUsedAt at most every 30 s", async () => {
    const dir = createDirectory();
    const before = Date.now();
    const user = await scim("POST", "/Users", { token: dir.token, body: newUser("synced.user") });
    const group = await scim("POST", "/Groups", { token: dir.token, body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Synced group" } });
    expect([user.status, group.status]).toEqual([201, 201]);
    await new Promise((res) => setTimeout(res, 50));
    const db = database();
    const synced = (table: string, id: string) => (db.prepare(`SELECT scimSyncedAt FROM ${table} WHERE id = ?`).get(id) as { scimSyncedAt: string | null }).scimSyncedAt;
    expect(new Date(synced("SsoUser", user.body.id)!).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(synced("SsoGroup", group.body.id)!).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const lastUsed = () => (db.prepare("SELECT lastUsedAt FROM SsoScimCredential WHERE id = ?").get(dir.credentialId) as { lastUsedAt: string | null }).lastUsedAt;
    const first = lastUsed();
    expect(first).not.toBeNull();
    expect(new Date(first!).getTime()).toBeGreaterThanOrEqual(before - 1000);
    // Throttled: more requests within 30 s leave it as it was.
    await new Promise((res) => setTimeout(res, 20));
    await scim("GET", "/Users", { token: dir.token });
    await new Promise((res) => setTimeout(res, 50));
    expect(lastUsed()).toBe(first);
  });

  it("records failed authentication with the credential when known", async () => {
    const dir = createDirectory();
    const c = addCredential(dir.id, { status: "Disabled" });
    await scim("GET", "/Groups", { token: c.token });
    await new Promise((res) => setTimeout(res, 100));
    const row = database().prepare("SELECT * FROM SsoScimRequestLog WHERE credentialId = ?").get(c.credentialId) as { status: number; directoryId: string };
    expect(row).toMatchObject({ status: 401, directoryId: dir.id });
  });
});

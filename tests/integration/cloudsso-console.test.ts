import { cloudSsoCliText } from "../support/cloudsso-cli";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import path from "node:path";
import { startApp, type StartedApp } from "../setup/server";
import { signIn, type ConsoleSession } from "../support/console-session";

/**
 * The CloudSSO console API over real HTTP, on an app of its own so the test can read the
 * server's log output and restart it on the same database.
 */
let app: StartedApp;
let s: ConsoleSession;

beforeAll(async () => {
  app = await startApp();
  s = await signIn(app.baseUrl);
});
afterAll(async () => {
  await app?.stop();
});

function dbFile() {
  return path.join(app.dataDir, "app.db");
}

const cli = (...args: string[]): string => cloudSsoCliText(app)(...args);

describe("console API authentication", () => {
  it("answers 401 JSON without a session and redirects pages to sign-in", async () => {
    for (const p of ["/api/cloudsso/settings", "/api/cloudsso/credentials", "/api/cloudsso/users", "/api/cloudsso/groups"]) {
      const res = await fetch(`${app.baseUrl}${p}`);
      expect(res.status, p).toBe(401);
      expect(await res.json()).toEqual({ error: expect.stringMatching(/sign in/i) });
    }
    const post = await fetch(`${app.baseUrl}/api/cloudsso/credentials`, { method: "POST" });
    expect(post.status).toBe(401);
    const page = await fetch(`${app.baseUrl}/cloudsso/settings`, { redirect: "manual" });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toContain("/login?callbackUrl=%2Fcloudsso%2Fsettings");
  });

  it("rejects a forged or expired session cookie", async () => {
    const res = await fetch(`${app.baseUrl}/api/cloudsso/users`, {
      headers: { cookie: "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.forged.forged.forged.forged" },
    });
    expect(res.status).toBe(401);
  });
});

describe("SCIM credentials", () => {
  it("shows the secret once, stores only a hash, refuses a third, and disables/enables/deletes", async () => {
    const first = await s.call<{ CredentialId: string; CredentialSecret: string; ExpireTime: string; CreateTime: string }>(
      "POST",
      "/api/cloudsso/credentials",
      {},
    );
    expect(first.status).toBe(200);
    expect(first.body.CredentialId).toMatch(/^scimcred-/);
    const secret = first.body.CredentialSecret;
    expect(Buffer.from(secret, "base64url").length).toBeGreaterThanOrEqual(32);
    const year = new Date(first.body.ExpireTime).getTime() - new Date(first.body.CreateTime).getTime();
    expect(Math.round(year / 86_400_000)).toBe(365);

    const list = await s.request("/api/cloudsso/credentials");
    const listText = await list.text();
    expect(listText).toContain(first.body.CredentialId);
    expect(listText).not.toContain(secret);
    expect(listText).not.toContain("CredentialSecret");

    const sqlite = new Database(dbFile(), { readonly: true });
    const row = sqlite.prepare("SELECT secretHash FROM SsoScimCredential WHERE id = ?").get(first.body.CredentialId) as {
      secretHash: string;
    };
    sqlite.close();
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.secretHash).not.toContain(secret);

    const second = await s.call("POST", "/api/cloudsso/credentials", {});
    expect(second.status).toBe(200);
    const third = await s.call<{ error: string }>("POST", "/api/cloudsso/credentials", {});
    expect(third.status).toBe(409);
    expect(third.body.error).toMatch(/at most 2 SCIM credentials/);

    const disabled = await s.call<{ Status: string }>("PATCH", `/api/cloudsso/credentials/${first.body.CredentialId}`, { status: "Disabled" });
    expect(disabled.body.Status).toBe("Disabled");
    const enabled = await s.call<{ Status: string }>("PATCH", `/api/cloudsso/credentials/${first.body.CredentialId}`, { status: "Enabled" });
    expect(enabled.body.Status).toBe("Enabled");
    const bad = await s.call<{ fieldErrors: Record<string, string> }>("PATCH", `/api/cloudsso/credentials/${first.body.CredentialId}`, { status: "On" });
    expect(bad.status).toBe(422);
    expect(bad.body.fieldErrors.status).toBeTruthy();
    const del = await s.call("DELETE", `/api/cloudsso/credentials/${first.body.CredentialId}`);
    expect(del.status).toBe(200);
    const gone = await s.call("DELETE", `/api/cloudsso/credentials/${first.body.CredentialId}`);
    expect(gone.status).toBe(404);

    // The secret never reached the server's log output.
    expect(app.output()).not.toContain(secret);
  });

  it("CLI mirrors the OpenAPI actions while the server runs, printing the secret once", async () => {
    const before = JSON.parse(cli("ListSCIMServerCredentials", "--json")).SCIMServerCredentials as unknown[];
    for (const c of before as { CredentialId: string }[]) cli("DeleteSCIMServerCredential", "--credential-id", c.CredentialId);
    const created = JSON.parse(cli("CreateSCIMServerCredential", "--json"));
    expect(created).toMatchObject({ CredentialId: expect.stringMatching(/^scimcred-/), CredentialSecret: expect.any(String) });
    const listed = cli("ListSCIMServerCredentials");
    expect(listed).toContain(created.CredentialId);
    expect(listed).not.toContain(created.CredentialSecret);
    // The running server sees the CLI's credential.
    const api = await s.request("/api/cloudsso/credentials");
    expect(await api.text()).toContain(created.CredentialId);
    cli("UpdateSCIMServerCredentialStatus", "--credential-id", created.CredentialId, "--status", "Disabled");
    expect(cli("ListSCIMServerCredentials")).toMatch(new RegExp(`${created.CredentialId}\\tBearerToken\\tDisabled`));
    expect(() => cli("SetSCIMSynchronizationStatus", "--status", "Maybe")).toThrow();
    cli("DeleteSCIMServerCredential", "--credential-id", created.CredentialId);
  });
});

describe("SCIM synchronization switch", () => {
  it("survives a restart", async () => {
    expect((await s.call<{ scimEnabled: boolean }>("GET", "/api/cloudsso/settings")).body.scimEnabled).toBe(false);
    const on = await s.call<{ scimEnabled: boolean }>("PUT", "/api/cloudsso/settings", { enabled: true });
    expect(on.body.scimEnabled).toBe(true);
    const settings = await s.call<{ scimEndpoint: string }>("GET", "/api/cloudsso/settings");
    expect(settings.body.scimEndpoint).toBe(`${app.baseUrl}/scim/v2`);
    expect(JSON.parse(cli("GetSCIMSynchronizationStatus", "--json"))).toEqual({ SCIMSynchronizationStatus: "Enabled" });

    await app.stop();
    // A database upgraded past migration 20261201050000 with a lookup value SQLite's lower() left
    // unfolded: the start re-folds it once and removes the migration's marker.
    const stale = new Database(dbFile());
    const now = new Date().toISOString().replace("Z", "+00:00");
    stale
      .prepare("INSERT INTO SsoUser (id, directoryId, userName, userNameLower, displayName, displayNameLower, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run("u-stale-fold", "d-default", "emile.stale", "emile.stale", "ÉMILE Zola", "Émile zola", now, now);
    stale.prepare("INSERT INTO AppSetting (key, value) VALUES ('cloudsso.refoldUserLookups', '20261201050000_refold_user_lookups')").run();
    stale.close();
    app = await startApp({ dataDir: app.dataDir });
    s = await signIn(app.baseUrl);
    const folded = new Database(dbFile(), { readonly: true });
    expect(folded.prepare("SELECT displayNameLower FROM SsoUser WHERE id = 'u-stale-fold'").pluck().get()).toBe("émile zola");
    expect(folded.prepare("SELECT count(*) FROM AppSetting WHERE key = 'cloudsso.refoldUserLookups'").pluck().get()).toBe(0);
    folded.close();
    expect((await s.call("DELETE", "/api/cloudsso/users/u-stale-fold")).status).toBe(200);
    expect((await s.call<{ scimEnabled: boolean }>("GET", "/api/cloudsso/settings")).body.scimEnabled).toBe(true);
    await s.call("PUT", "/api/cloudsso/settings", { enabled: false });
    expect((await s.call<{ scimEnabled: boolean }>("GET", "/api/cloudsso/settings")).body.scimEnabled).toBe(false);
  });
});

describe("users and groups", () => {
  const countUsers = () => {
    const sqlite = new Database(dbFile(), { readonly: true });
    const n = (sqlite.prepare("SELECT COUNT(*) AS n FROM SsoUser").get() as { n: number }).n;
    sqlite.close();
    return n;
  };

  it.each([
    [{ userName: "" }, "userName", "Username is required."],
    [{ userName: "has space" }, "userName", "Username may contain only letters, digits and @ _ . -"],
    [{ userName: "a".repeat(65) }, "userName", "Username must be at most 64 characters."],
    [{ userName: "ok", email: "not-an-email" }, "email", "Enter a valid email address."],
    [{ userName: "ok", displayName: "d".repeat(257) }, "displayName", "Display name must be at most 256 characters."],
    [{ userName: "ok", firstName: "f".repeat(65) }, "firstName", "First name must be at most 64 characters."],
    [{ userName: "ok", description: "x".repeat(1025) }, "description", "Description must be at most 1024 characters."],
    [{ userName: "ok", status: "Paused" }, "status", undefined],
  ])("rejects %j with a field message and writes nothing", async (body, field, message) => {
    const before = countUsers();
    const res = await s.call<{ error: string; fieldErrors: Record<string, string> }>("POST", "/api/cloudsso/users", body);
    expect(res.status).toBe(422);
    if (message) expect(res.body.fieldErrors[field]).toBe(message);
    else expect(res.body.fieldErrors[field]).toBeTruthy();
    expect(countUsers()).toBe(before);
  });

  it("rejects duplicate username (any case) and email, writing nothing", async () => {
    const ok = await s.call<{ UserId: string; ProvisioningType: string }>("POST", "/api/cloudsso/users", {
      userName: "Dup.User",
      email: "dup@example.com",
      displayName: "<script>alert(1)</script>",
    });
    expect(ok.status).toBe(201);
    expect(ok.body.ProvisioningType).toBe("Manual");
    const before = countUsers();
    const dupName = await s.call<{ fieldErrors: Record<string, string> }>("POST", "/api/cloudsso/users", { userName: "dup.user" });
    expect(dupName.status).toBe(409);
    expect(dupName.body.fieldErrors.userName).toBe("A user with this username already exists.");
    const dupEmail = await s.call<{ fieldErrors: Record<string, string> }>("POST", "/api/cloudsso/users", {
      userName: "other",
      email: "DUP@example.com",
    });
    expect(dupEmail.status).toBe(409);
    expect(dupEmail.body.fieldErrors.email).toMatch(/already used/);
    expect(countUsers()).toBe(before);
    const malformed = await s.request("/api/cloudsso/users", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } });
    expect(malformed.status).toBe(400);
  });

  it("creates a group, adds and removes members, and deletes users out of groups", async () => {
    const u = await s.call<{ UserId: string }>("POST", "/api/cloudsso/users", { userName: "member.one" });
    const g = await s.call<{ GroupId: string }>("POST", "/api/cloudsso/groups", { name: "team-a", description: "A" });
    expect(g.status).toBe(201);
    expect((await s.call("POST", "/api/cloudsso/groups", { name: "TEAM-A" })).status).toBe(409);
    expect((await s.call<{ fieldErrors: Record<string, string> }>("POST", "/api/cloudsso/groups", { name: "bad name" })).body.fieldErrors.name).toMatch(
      /letters, digits/,
    );
    const add = await s.call("POST", `/api/cloudsso/groups/${g.body.GroupId}/members`, { userIds: [u.body.UserId] });
    expect(add.status).toBe(200);
    const missing = await s.call("POST", `/api/cloudsso/groups/${g.body.GroupId}/members`, { userIds: ["u-nope"] });
    expect(missing.status).toBe(422);
    const members = await s.call<{ items: { UserName: string }[]; total: number }>("GET", `/api/cloudsso/groups/${g.body.GroupId}/members`);
    expect(members.body.items.map((m) => m.UserName)).toEqual(["member.one"]);
    const joined = await s.call<{ items: { GroupName: string }[] }>("GET", `/api/cloudsso/users/${u.body.UserId}/groups`);
    expect(joined.body.items.map((x) => x.GroupName)).toEqual(["team-a"]);
    const disable = await s.call<{ Status: string }>("PUT", `/api/cloudsso/users/${u.body.UserId}/status`, { status: "Disabled" });
    expect(disable.body.Status).toBe("Disabled");
    expect((await s.call("DELETE", `/api/cloudsso/users/${u.body.UserId}`)).status).toBe(200);
    const after = await s.call<{ total: number }>("GET", `/api/cloudsso/groups/${g.body.GroupId}/members`);
    expect(after.body.total).toBe(0);
    const search = await s.call<{ items: { UserName: string }[] }>("GET", "/api/cloudsso/users?search=DUP.");
    expect(search.body.items.map((x) => x.UserName)).toEqual(["Dup.User"]);
  });

  it("an edit that sends some fields keeps the others (users and groups)", async () => {
    const u = await s.call<{ UserId: string }>("POST", "/api/cloudsso/users", {
      userName: "partial.edit",
      firstName: "Par",
      lastName: "Tial",
      email: "partial.edit@example.com",
      description: "kept",
    });
    const edited = await s.call<Record<string, string>>("PATCH", `/api/cloudsso/users/${u.body.UserId}`, { displayName: "Renamed" });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ DisplayName: "Renamed", FirstName: "Par", LastName: "Tial", Email: "partial.edit@example.com", Description: "kept" });
    const cleared = await s.call<Record<string, string>>("PATCH", `/api/cloudsso/users/${u.body.UserId}`, { description: "" });
    expect(cleared.body).toMatchObject({ DisplayName: "Renamed", Email: "partial.edit@example.com", Description: "" });

    const g = await s.call<{ GroupId: string }>("POST", "/api/cloudsso/groups", { name: "partial-group", description: "kept" });
    const renamed = await s.call<Record<string, string>>("PATCH", `/api/cloudsso/groups/${g.body.GroupId}`, { name: "partial-group-2" });
    expect(renamed.body).toMatchObject({ GroupName: "partial-group-2", Description: "kept" });
  });

  it("reads list query strings leniently for paging and strictly for the request log's status filter", async () => {
    const paged = await s.call<{ page: number; pageSize: number; items: unknown[] }>("GET", "/api/cloudsso/users?page=abc&pageSize=1000&search=%20dup.%20");
    expect(paged.status).toBe(200);
    expect(paged.body).toMatchObject({ page: 1, pageSize: 100 });
    expect(paged.body.items).toHaveLength(1);
    for (const status of ["success", "error", "404", ""]) {
      const ok = await s.call<{ pageSize: number }>("GET", `/api/cloudsso/scim-requests?status=${status}&pageSize=0`);
      expect(ok.status).toBe(200);
      expect(ok.body.pageSize).toBe(20);
    }
    for (const status of ["bogus", "600", "Success"]) {
      const bad = await s.call<{ error: string; fieldErrors: Record<string, string> }>("GET", `/api/cloudsso/scim-requests?status=${status}`);
      expect(bad.status).toBe(422);
      expect(bad.body).toEqual({ error: "Unknown filter.", fieldErrors: { status: "Use success, error or an HTTP status code." } });
    }
    const badMethod = await s.call<{ fieldErrors: Record<string, string> }>("GET", "/api/cloudsso/scim-requests?method=TRACE");
    expect(badMethod.status).toBe(422);
    expect(badMethod.body.fieldErrors).toEqual({ method: "Use GET, POST, PUT, PATCH or DELETE." });
  });
});

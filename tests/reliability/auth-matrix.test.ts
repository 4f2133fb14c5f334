import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, startApp, type StartedApp } from "../setup/server";
import { signIn, type ConsoleSession } from "../support/console-session";
import { consoleApiRoutes, consolePages, fillParams } from "./support/console-routes";
import {
  GROUP_SCHEMA,
  PATCH_SCHEMA,
  USER_SCHEMA,
  createCredential,
  enableScim,
  insertDirectoryWithCredential,
  openDb,
  scimErrorProblem,
  scimRequest,
  sqlDate,
  type ScimResponse,
} from "./support/scim-target";

/**
 * Who gets in: every SCIM endpoint and method × every kind of bad credential, SCIM switched off
 * and another directory's credential (documented status, no data from the other directory); every
 * console API route (read from app/api, so new routes are covered) without a
 * session, with a forged session and with an expired one → 401; and no secret — SCIM credential,
 * the IDaaS bearer token, the admin password — in any response, page, server log line or the SCIM
 * request log.
 */
let app: StartedApp;
let s: ConsoleSession;
let cookieName: string;
let realSecret: string;
let checked = 0;
let consoleChecked = 0;
/** Every response body and page this file receives, searched for secrets at the end. */
const seen: string[] = [];

const I = "idaas-default";
const ids = { cloudsso: {} as Record<string, string>, idaas: {} as Record<string, string> };
const secrets: Record<string, string> = { admin: ADMIN.password, credential: "", idaasToken: "" };
let tokenTarget: { url: string; authorizations: string[]; close(): Promise<void> };

async function record(res: Response): Promise<{ status: number; text: string }> {
  const text = await res.text();
  seen.push(text);
  return { status: res.status, text };
}

/** A SCIM target for Test Connectivity that remembers the Authorization headers it received. */
async function startTokenTarget() {
  const authorizations: string[] = [];
  const server = http.createServer((req, res) => {
    authorizations.push(req.headers.authorization ?? "");
    res.writeHead(401, { "content-type": "application/scim+json" });
    res.end(JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "401", detail: "Token rejected." }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/scim/v2`,
    authorizations,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

beforeAll(async () => {
  app = await startApp();
  s = await signIn(app.baseUrl);
  cookieName = s.cookie.split("; ").find((c) => c.includes("session-token"))!.split("=")[0];
  realSecret = app.env.NEXTAUTH_SECRET ?? fs.readFileSync(path.join(app.dataDir, "nextauth-secret"), "utf8").trim();
  tokenTarget = await startTokenTarget();

  // Real objects, so routes are also probed with ids that exist.
  const user = await s.call<{ UserId: string }>("POST", "/api/cloudsso/users", { userName: "auth.matrix.user" });
  const group = await s.call<{ GroupId: string }>("POST", "/api/cloudsso/groups", { name: "auth-matrix-group" });
  const cred = await s.call<{ CredentialId: string; CredentialSecret: string }>("POST", "/api/cloudsso/credentials");
  expect([user.status, group.status]).toEqual([201, 201]);
  secrets.credential = cred.body.CredentialSecret;
  expect(user.body.UserId && group.body.GroupId).toBeTruthy();
  ids.cloudsso = { userId: user.body.UserId, groupId: group.body.GroupId, credentialId: cred.body.CredentialId };
  // Multi-account permissions (issue 13): a member account, an access configuration, a task.
  const rd = await s.call<{ rootFolderId: string }>("GET", "/api/cloudsso/resource-directory");
  const rdAccount = await s.call<{ accountId: string }>("POST", "/api/cloudsso/resource-directory/accounts", { displayName: "Auth matrix", folderId: rd.body.rootFolderId });
  const accessConfig = await s.call<{ id: string }>("POST", "/api/cloudsso/access-configurations", { name: "AuthMatrix", systemPolicies: ["ReadOnlyAccess"] });
  const accessTask = await s.call<{ tasks: { taskId: string }[] }>("POST", `/api/cloudsso/access-configurations/${accessConfig.body.id}/provision`, {
    accountIds: [rdAccount.body.accountId],
  });
  expect([rdAccount.status, accessConfig.status, accessTask.status]).toEqual([201, 201, 202]);
  Object.assign(ids.cloudsso, { accountId: rdAccount.body.accountId, id: accessConfig.body.id, type: "System", name: "ReadOnlyAccess", taskId: accessTask.body.tasks[0].taskId });

  const api = `/api/idaas/instances/${I}`;
  const account = await s.call<{ id: string }>("POST", `${api}/accounts`, { username: "auth.matrix", primaryUnitId: "ou-root" });
  const igroup = await s.call<{ id: string }>("POST", `${api}/groups`, { name: "Auth matrix" });
  const application = await s.call<{ id: string }>("POST", `${api}/applications`, { templateId: "cloudsso", name: "Auth matrix app" });
  expect([account.status, igroup.status, application.status]).toEqual([201, 201, 201]);
  ids.idaas = { instanceId: I, accountId: account.body.id, groupId: igroup.body.id, appId: application.body.id, unitId: "ou-root" };

  // Save a bearer token in the application's provisioning config, then make the server use it.
  secrets.idaasToken = `idaas-bearer-${Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString("hex")}`;
  const view = await s.call<Record<string, unknown>>("GET", `${api}/applications/${application.body.id}/provisioning`);
  const saved = await s.call("PUT", `${api}/applications/${application.body.id}/provisioning`, {
    scimServerUrl: tokenTarget.url,
    bearerToken: secrets.idaasToken,
    operations: view.body.operations,
    fullScope: { accounts: true, groups: true },
    userMapping: view.body.userMapping,
    groupMapping: view.body.groupMapping,
    matchAttribute: "userName",
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const test = await s.request(`${api}/applications/${application.body.id}/test-connectivity`, { method: "POST" });
  await record(test);
  expect(tokenTarget.authorizations).toContain(`Bearer ${secrets.idaasToken}`);
});

afterAll(async () => {
  await tokenTarget?.close();
  await app?.stop();
});

function idsFor(pattern: string) {
  return pattern.startsWith("/api/cloudsso") ? ids.cloudsso : ids.idaas;
}

async function consoleCall(method: string, url: string, cookie?: string) {
  const res = await fetch(`${app.baseUrl}${url}`, {
    method,
    redirect: "manual",
    headers: { ...(cookie ? { cookie } : {}), ...(method === "GET" || method === "DELETE" ? {} : { "content-type": "application/json" }) },
    body: method === "GET" || method === "DELETE" ? undefined : JSON.stringify({ name: "x", enabled: false, status: "Disabled" }),
  });
  return record(res);
}

describe("console API routes without a valid session", () => {
  it("finds the console API surface in app/api", () => {
    const routes = consoleApiRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(30);
    for (const r of routes) expect(r.methods.length, r.pattern).toBeGreaterThan(0);
  });

  it("answers 401 JSON for every route and method × {no session, forged session, expired session}", async () => {
    const forged = await encode({ token: { name: ADMIN.username, sub: "admin" }, secret: "not-the-server-secret-0123456789abcdef", maxAge: 3600 });
    const expired = await encode({ token: { name: ADMIN.username, sub: "admin" }, secret: realSecret, maxAge: -3600 });
    const sessions: [string, string | undefined][] = [
      ["no session", undefined],
      ["forged session (other secret)", `${cookieName}=${forged}`],
      ["expired session (real secret)", `${cookieName}=${expired}`],
      ["garbage session cookie", `${cookieName}=not.a.jwt`],
    ];
    const usersBefore = (await s.call<{ total: number }>("GET", "/api/cloudsso/users?pageSize=1")).body.total;
    const failures: string[] = [];
    for (const route of consoleApiRoutes()) {
      for (const url of new Set([fillParams(route.pattern), fillParams(route.pattern, idsFor(route.pattern))])) {
        for (const method of route.methods) {
          for (const [label, cookie] of sessions) {
            const { status, text } = await consoleCall(method, url, cookie);
            checked++;
            consoleChecked++;
            let body: unknown;
            try {
              body = JSON.parse(text);
            } catch {
              body = undefined;
            }
            const ok = status === 401 && typeof (body as { error?: unknown })?.error === "string";
            if (!ok) failures.push(`${method} ${url} with ${label}: ${status} ${text.slice(0, 120)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // Nothing was written by any of those requests.
    const users = await s.call<{ total: number }>("GET", "/api/cloudsso/users?pageSize=1");
    expect(users.body.total).toBe(usersBefore);
  });

  it("accepts a session minted with the real secret (control: the cases above can fail)", async () => {
    const valid = await encode({ token: { name: ADMIN.username, sub: "admin" }, secret: realSecret, maxAge: 3600 });
    const { status } = await consoleCall("GET", "/api/cloudsso/users", `${cookieName}=${valid}`);
    expect(status).toBe(200);
  });
});

async function scimCall(method: string, p: string, token: string | null, body?: unknown, headers?: Record<string, string>): Promise<ScimResponse> {
  const r = await scimRequest(app.baseUrl, method, p, { token, body, headers });
  seen.push(r.text);
  return r;
}

const DISCOVERY = ["/ServiceProviderConfig", "/ResourceTypes", "/ResourceTypes/User", "/Schemas", `/Schemas/${USER_SCHEMA}`];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function bodyFor(method: string, p: string, n: number): unknown {
  if (method === "GET" || method === "DELETE") return undefined;
  if (p.endsWith(".search")) return { schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], filter: "userName pr" };
  if (method === "PATCH") return { schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", path: "displayName", value: `patched-${n}` }] };
  if (p.startsWith("/Groups")) return { schemas: [GROUP_SCHEMA], displayName: `matrix-group-${n}` };
  return { schemas: [USER_SCHEMA], userName: `matrix.user.${n}`, displayName: `Matrix ${n}` };
}

describe("SCIM endpoints × credentials", () => {
  const A = { userName: "alice.directory-a", userId: "", groupName: "Directory A admins", groupId: "" };
  const B = { userName: "bob.directory-b", userId: "" };
  let tokenB = "";
  let db: import("better-sqlite3").Database;
  let n = 0;

  beforeAll(async () => {
    db = openDb(app);
    await enableScim(s);
    const u = await scimCall("POST", "/Users", secrets.credential, {
      schemas: [USER_SCHEMA],
      userName: A.userName,
      emails: [{ value: "alice@a.example.com", type: "work", primary: true }],
      // password is writeOnly/returned never (RFC 7643 §4.1.1): it must not come back or be logged.
      password: secrets.credential,
    });
    expect(u.status, u.text).toBe(201);
    expect(u.text).not.toContain(secrets.credential);
    A.userId = (u.json as { id: string }).id;
    const g = await scimCall("POST", "/Groups", secrets.credential, { schemas: [GROUP_SCHEMA], displayName: A.groupName, members: [{ value: A.userId }] });
    expect(g.status, g.text).toBe(201);
    A.groupId = (g.json as { id: string }).id;

    const other = insertDirectoryWithCredential(db, "d-other");
    tokenB = other.secret;
    secrets.otherDirectoryCredential = tokenB;
    const ub = await scimCall("POST", "/Users", tokenB, { schemas: [USER_SCHEMA], userName: B.userName });
    expect(ub.status, ub.text).toBe(201);
    B.userId = (ub.json as { id: string }).id;
  });

  afterAll(() => db?.close());

  async function badCredentials(): Promise<[string, Record<string, string>][]> {
    const disabled = await createCredential(s);
    const off = await s.call("PATCH", `/api/cloudsso/credentials/${disabled.id}`, { status: "Disabled" });
    expect(off.status).toBe(200);
    secrets.disabledCredential = disabled.secret;

    // Past the two-credential limit on purpose: these rows are written straight into the database.
    const expired = insertCredentialRow(db, new Date(Date.now() - 60_000));
    secrets.expiredCredential = expired.secret;
    const deleted = insertCredentialRow(db, new Date(Date.now() + 86_400_000));
    const del = await s.call("DELETE", `/api/cloudsso/credentials/${deleted.id}`);
    expect(del.status).toBe(200);
    secrets.deletedCredential = deleted.secret;

    return [
      ["no Authorization header", {}],
      ["Basic scheme with the admin password", { authorization: `Basic ${Buffer.from(`admin:${ADMIN.password}`).toString("base64")}` }],
      ["Basic scheme with the valid secret", { authorization: `Basic ${secrets.credential}` }],
      ["Bearer without a token", { authorization: "Bearer" }],
      ["unknown token", { authorization: `Bearer ${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url")}` }],
      ["disabled credential", { authorization: `Bearer ${disabled.secret}` }],
      ["expired credential", { authorization: `Bearer ${expired.secret}` }],
      ["deleted credential", { authorization: `Bearer ${deleted.secret}` }],
    ];
  }

  it("answers every data endpoint and method 401 + WWW-Authenticate: Bearer for each bad credential; discovery stays open", async () => {
    const dataPaths = ["/Users", `/Users/${A.userId}`, "/Groups", `/Groups/${A.groupId}`, "/.search", "/Users/.search", "/Groups/.search"];
    const failures: string[] = [];
    const before = db.prepare("SELECT id, version FROM SsoUser UNION ALL SELECT id, version FROM SsoGroup ORDER BY id").all();
    for (const [label, headers] of await badCredentials()) {
      for (const p of dataPaths) {
        for (const method of METHODS) {
          const r = await scimCall(method, p, null, bodyFor(method, p, n++), headers);
          checked++;
          const problem = scimErrorProblem(r);
          if (r.status !== 401 || problem || !/^Bearer\b/.test(r.headers.get("www-authenticate") ?? "")) {
            failures.push(`${method} ${p} with ${label}: ${r.status} ${problem ?? ""} www-authenticate=${r.headers.get("www-authenticate")}`);
          }
          if (r.text.includes(A.userName) || r.text.includes(A.userId)) failures.push(`${method} ${p} with ${label}: leaks directory A data`);
        }
      }
      for (const p of DISCOVERY) {
        for (const method of METHODS) {
          const r = await scimCall(method, p, null, bodyFor(method, p, n++), headers);
          checked++;
          const expected = method === "GET" ? 200 : 405;
          if (r.status !== expected || (expected === 405 && scimErrorProblem(r))) failures.push(`${method} ${p} with ${label}: ${r.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(db.prepare("SELECT id, version FROM SsoUser UNION ALL SELECT id, version FROM SsoGroup ORDER BY id").all()).toEqual(before);
  });

  it("gives another directory's credential 404 for this directory's ids and none of its data", async () => {
    const failures: string[] = [];
    const leaks = (r: ScimResponse) => [A.userName, A.userId, A.groupName, A.groupId, "alice@a.example.com"].filter((x) => r.text.includes(x));
    const probes: [string, string, unknown, number][] = [
      ["GET", `/Users/${A.userId}`, undefined, 404],
      ["PUT", `/Users/${A.userId}`, { schemas: [USER_SCHEMA], userName: A.userName }, 404],
      ["PATCH", `/Users/${A.userId}`, bodyFor("PATCH", "/Users/x", 0), 404],
      ["DELETE", `/Users/${A.userId}`, undefined, 404],
      ["GET", `/Groups/${A.groupId}`, undefined, 404],
      ["PUT", `/Groups/${A.groupId}`, { schemas: [GROUP_SCHEMA], displayName: "taken over" }, 404],
      ["PATCH", `/Groups/${A.groupId}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: "add", path: "members", value: [{ value: B.userId }] }] }, 404],
      ["DELETE", `/Groups/${A.groupId}`, undefined, 404],
      ["GET", "/Users", undefined, 200],
      ["GET", `/Users?filter=${encodeURIComponent(`userName eq "${A.userName}"`)}`, undefined, 200],
      ["GET", `/Users?filter=${encodeURIComponent(`id eq "${A.userId}"`)}`, undefined, 200],
      ["GET", `/Users?filter=${encodeURIComponent('emails co "a.example.com"')}`, undefined, 200],
      ["GET", "/Groups?attributes=members", undefined, 200],
      ["GET", `/Groups?filter=${encodeURIComponent(`displayName eq "${A.groupName}"`)}`, undefined, 200],
      ["POST", "/.search", { schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], filter: "id pr" }, 200],
      ["POST", "/Users/.search", { schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], filter: `userName sw "alice"` }, 200],
      ["POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "B group", members: [{ value: A.userId }] }, 400],
    ];
    const NOWHERE = "x-does-not-exist-anywhere";
    for (const [method, p, body, status] of probes) {
      const r = await scimCall(method, p, tokenB, body);
      checked++;
      if (r.status !== status) failures.push(`${method} ${p}: ${r.status}, expected ${status}: ${r.text.slice(0, 200)}`);
      if (status >= 400 && scimErrorProblem(r)) failures.push(`${method} ${p}: ${scimErrorProblem(r)}`);
      // An error may echo the id the caller sent; anything else of directory A is a leak.
      const sent = `${p} ${JSON.stringify(body ?? "")}`;
      const leaked = leaks(r).filter((x) => !sent.includes(x));
      if (leaked.length > 0) failures.push(`${method} ${p}: body names ${leaked.join(", ")}`);
      // And the answer must not tell an existing foreign id from one that exists nowhere.
      if (status === 404 || status === 400) {
        const swap = (x: string) => x.replaceAll(A.userId, NOWHERE).replaceAll(A.groupId, NOWHERE);
        const twin = await scimCall(method, swap(p), tokenB, body === undefined ? undefined : JSON.parse(swap(JSON.stringify(body))));
        checked++;
        if (twin.status !== r.status || swap(r.text) !== twin.text) {
          failures.push(`${method} ${p}: answers differently for an existing foreign id (${r.text.slice(0, 150)}) than for none (${twin.text.slice(0, 150)})`);
        }
      }
    }
    const list = await scimCall("GET", "/Users", tokenB);
    expect((list.json as { Resources: { userName: string }[] }).Resources.map((u) => u.userName)).toEqual([B.userName]);
    expect(failures).toEqual([]);

    // Control: the owner sees its objects, so the 404s above are about the credential.
    const own = await scimCall("GET", `/Users/${A.userId}`, secrets.credential);
    expect(own.status).toBe(200);
    const group = await scimCall("GET", `/Groups/${A.groupId}`, secrets.credential);
    expect((group.json as { members: { value: string }[] }).members.map((m) => m.value)).toEqual([A.userId]);
  });

  it("answers 403 on every data endpoint while SCIM is switched off, discovery still 200", async () => {
    await enableScim(s, false);
    const failures: string[] = [];
    try {
      for (const p of ["/Users", `/Users/${A.userId}`, "/Groups", `/Groups/${A.groupId}`, "/.search", "/Users/.search", "/Groups/.search"]) {
        for (const method of METHODS) {
          const r = await scimCall(method, p, secrets.credential, bodyFor(method, p, n++));
          checked++;
          const allowed = p.endsWith(".search") ? method === "POST" : p.split("/").length === 2 ? ["GET", "POST"].includes(method) : method !== "POST";
          // A method the endpoint does not have may be refused as such (405) or as forbidden (403).
          const ok = allowed ? r.status === 403 : [403, 405].includes(r.status);
          if (!ok || scimErrorProblem(r)) failures.push(`${method} ${p}: ${r.status} ${scimErrorProblem(r) ?? ""}`);
          if (r.status === 403 && !/disabled/i.test((r.json as { detail?: string })?.detail ?? "")) failures.push(`${method} ${p}: 403 without the reason`);
        }
      }
      for (const p of DISCOVERY) {
        const r = await scimCall("GET", p, secrets.credential);
        checked++;
        if (r.status !== 200) failures.push(`GET ${p}: ${r.status}`);
      }
    } finally {
      await enableScim(s, true);
    }
    expect(failures).toEqual([]);
    const back = await scimCall("GET", `/Users/${A.userId}`, secrets.credential);
    expect(back.status).toBe(200);
  });
});

function insertCredentialRow(db: import("better-sqlite3").Database, expiresAt: Date) {
  const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
  const id = `scimcred-${Buffer.from(crypto.getRandomValues(new Uint8Array(8))).toString("hex")}`;
  db.prepare("INSERT INTO SsoScimCredential (id, directoryId, secretHash, status, createdAt, expiresAt) VALUES (?, 'd-default', ?, 'Enabled', ?, ?)").run(
    id,
    createHash("sha256").update(secret, "utf8").digest("hex"),
    sqlDate(new Date(Date.now() - 86_400_000)),
    sqlDate(expiresAt),
  );
  return { id, secret };
}

describe("IDaaS user portal sessions and the consoles", () => {
  it("no portal session reaches a console page or API; the admin session is not a portal user", async () => {
    const api = `/api/idaas/instances/${I}`;
    secrets.portalPassword = `Portal-${Buffer.from(crypto.getRandomValues(new Uint8Array(12))).toString("hex")}`;
    const reset = await s.call("PUT", `${api}/accounts/${ids.idaas.accountId}/password`, { password: secrets.portalPassword });
    expect(reset.status).toBe(200);
    const signIn = await fetch(`${app.baseUrl}/portal/${I}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: "auth.matrix", password: secrets.portalPassword }).toString(),
    });
    await record(signIn);
    const portalCookie = signIn.headers.getSetCookie().find((c) => c.startsWith("idaas_portal_session="))?.split(";")[0];
    expect(portalCookie).toBeTruthy();
    // Control: the portal session is a real one.
    const portal = await record(await fetch(`${app.baseUrl}/portal/${I}`, { headers: { cookie: portalCookie! } }));
    expect(portal.text).toContain("Sign Out");

    const failures: string[] = [];
    for (const route of consoleApiRoutes()) {
      if (route.pattern.startsWith("/api/portal/")) continue;
      for (const method of route.methods) {
        const { status } = await consoleCall(method, fillParams(route.pattern, idsFor(route.pattern)), portalCookie);
        checked++;
        consoleChecked++;
        if (status !== 401) failures.push(`${method} ${route.pattern} with a portal session: ${status}`);
      }
    }
    for (const page of consolePages()) {
      const url = fillParams(page, page.startsWith("/cloudsso") ? ids.cloudsso : ids.idaas);
      const res = await fetch(`${app.baseUrl}${url}`, { redirect: "manual", headers: { cookie: portalCookie! } });
      await record(res);
      const to = res.headers.get("location") ?? "";
      if (res.status < 300 || res.status >= 400 || !to.includes("/login")) failures.push(`page ${url} with a portal session: ${res.status} ${to}`);
    }
    expect(failures).toEqual([]);

    // The admin's console session signs nobody in to the IDaaS portal or its IdP.
    const asAdmin = await record(await fetch(`${app.baseUrl}/portal/${I}`, { headers: { cookie: s.cookie } }));
    expect(asAdmin.text).toContain("Sign in to IDaaS");
    expect(asAdmin.text).not.toContain("Sign Out");
    const sso = await fetch(`${app.baseUrl}/saml/idp/${ids.idaas.appId}/sso`, { redirect: "manual", headers: { cookie: s.cookie } });
    await record(sso);
    expect(sso.status).toBe(303);
    expect(sso.headers.get("location")).toContain(`/portal/${I}?`);
  });
});

describe("CloudSSO user portal sessions and the consoles", () => {
  it("no CloudSSO portal session reaches a console page or API; the admin session is not a portal user", async () => {
    secrets.cloudSsoPortalPassword = `Sso-${Buffer.from(crypto.getRandomValues(new Uint8Array(12))).toString("hex")}`;
    const set = await s.call("PUT", `/api/cloudsso/users/${ids.cloudsso.userId}/password`, { password: secrets.cloudSsoPortalPassword });
    expect(set.status).toBe(200);
    const { body: sso } = await s.call<{ loginUrl: string }>("GET", "/api/cloudsso/sso");
    const logon = await fetch(`${sso.loginUrl}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: "auth.matrix.user", password: secrets.cloudSsoPortalPassword }).toString(),
    });
    await record(logon);
    const portalCookie = logon.headers.getSetCookie().find((c) => c.startsWith("cloudsso_portal_session="))?.split(";")[0];
    expect(portalCookie).toBeTruthy();
    // Control: the portal session is a real one.
    const me = await record(await fetch(`${app.baseUrl}/api/portal/cloudsso/session`, { headers: { cookie: portalCookie! } }));
    expect(me.status).toBe(200);
    expect((await record(await fetch(sso.loginUrl, { headers: { cookie: portalCookie! } }))).text).toContain("Sign Out");

    const failures: string[] = [];
    for (const route of consoleApiRoutes()) {
      if (route.pattern.startsWith("/api/portal/")) continue;
      for (const method of route.methods) {
        const { status } = await consoleCall(method, fillParams(route.pattern, idsFor(route.pattern)), portalCookie);
        checked++;
        consoleChecked++;
        if (status !== 401) failures.push(`${method} ${route.pattern} with a CloudSSO portal session: ${status}`);
      }
    }
    for (const page of consolePages()) {
      const url = fillParams(page, page.startsWith("/cloudsso") ? ids.cloudsso : ids.idaas);
      const res = await fetch(`${app.baseUrl}${url}`, { redirect: "manual", headers: { cookie: portalCookie! } });
      await record(res);
      const to = res.headers.get("location") ?? "";
      if (res.status < 300 || res.status >= 400 || !to.includes("/login")) failures.push(`page ${url} with a CloudSSO portal session: ${res.status} ${to}`);
    }
    expect(failures).toEqual([]);

    // The admin's console session signs nobody in to the CloudSSO portal.
    expect((await record(await fetch(`${app.baseUrl}/api/portal/cloudsso/session`, { headers: { cookie: s.cookie } }))).status).toBe(401);
    const asAdmin = await record(await fetch(sso.loginUrl, { headers: { cookie: s.cookie } }));
    expect(asAdmin.text).toContain("Log on to CloudSSO");
    expect(asAdmin.text).not.toContain("Sign Out");
  });
});

describe("secrets never leave the server", () => {
  it("keeps the credential secret, the IDaaS bearer token and the admin password out of responses, pages and logs", async () => {
    // A failed sign-in carrying the real password (wrong user) must not be logged either.
    const csrf = await fetch(`${app.baseUrl}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    await record(
      await fetch(`${app.baseUrl}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") },
        body: new URLSearchParams({ csrfToken, username: "nobody", password: secrets.admin, json: "true" }).toString(),
      }),
    );
    // Malformed console input that carries the token must not be echoed back or logged.
    const api = `/api/idaas/instances/${I}/applications/${ids.idaas.appId}/provisioning`;
    await record(await s.request(api, { method: "PUT", body: `{"bearerToken":"${secrets.idaasToken}",` , headers: { "content-type": "application/json" } }));
    await record(await s.request(api, { method: "PUT", json: { bearerToken: `${secrets.idaasToken} with spaces`, scimServerUrl: "file:///etc/passwd" } }));

    // Every GET route with real ids, and every console page, as the signed-in admin.
    for (const route of consoleApiRoutes()) {
      if (!route.methods.includes("GET")) continue;
      await record(await s.request(fillParams(route.pattern, idsFor(route.pattern))));
    }
    for (const page of [...consolePages(), "/login"]) {
      const url = fillParams(page, page.startsWith("/cloudsso") ? ids.cloudsso : ids.idaas);
      const r = await record(await s.request(url));
      expect(r.status, url).toBeLessThan(500);
    }

    // A SCIM request carrying the credential in Authorization and in a credential-looking header:
    // the request log keeps its headers, redacted.
    await fetch(`${app.baseUrl}/scim/v2/Users?count=1`, { headers: { authorization: `Bearer ${secrets.credential}`, "x-api-key": secrets.credential } });
    await new Promise((r) => setTimeout(r, 150));

    const db = (await import("better-sqlite3")).default;
    const conn = new db(path.join(app.dataDir, "app.db"), { readonly: true });
    const logRows = JSON.stringify(conn.prepare("SELECT * FROM SsoScimRequestLog").all());
    const provisioningLogs = JSON.stringify(conn.prepare("SELECT * FROM ProvisioningLog").all());
    const storedConfig = conn.prepare("SELECT tokenEncrypted, tokenHint FROM ProvisioningConfig WHERE applicationId = ?").get(ids.idaas.appId) as {
      tokenEncrypted: string;
      tokenHint: string;
    };
    const credentialRows = JSON.stringify(conn.prepare("SELECT * FROM SsoScimCredential").all());
    // The log keeps request headers, with the bearer token shown only as "Bearer ****" + its last 4 characters.
    const loggedAuth = (conn.prepare("SELECT requestHeaders FROM SsoScimRequestLog WHERE requestHeaders IS NOT NULL").pluck().all() as string[])
      .map((h) => (JSON.parse(h) as Record<string, string>).authorization)
      .filter((v): v is string => v !== undefined);
    conn.close();
    expect(loggedAuth.length).toBeGreaterThan(0);
    for (const v of loggedAuth) expect(v).toMatch(/^\S+ \*{4}(\S{4})?$|^\*{4}$/);

    const places: [string, string][] = [
      ...seen.map((text, i) => [`response #${i}`, text] as [string, string]),
      ["server output", app.output()],
      ["SsoScimRequestLog", logRows],
      ["ProvisioningLog", provisioningLogs],
      ["stored token columns", JSON.stringify(storedConfig)],
      ["credential rows", credentialRows],
    ];
    const leaks: string[] = [];
    for (const [name, secret] of Object.entries(secrets)) {
      expect(secret.length, name).toBeGreaterThanOrEqual(16);
      for (const [where, text] of places) if (text.includes(secret)) leaks.push(`${name} found in ${where}`);
    }
    expect(leaks).toEqual([]);
    expect(seen.length).toBeGreaterThan(50);
    console.log(
      `[auth-matrix] auth cases checked: ${checked} (console ${consoleChecked}, SCIM ${checked - consoleChecked}); places searched for secrets: ${places.length}`,
    );
  });
});

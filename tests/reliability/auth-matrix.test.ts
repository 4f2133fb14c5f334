import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, startApp, type StartedApp } from "../setup/server";
import { signIn, type ConsoleSession } from "../support/console-session";
import { consoleApiRoutes, consolePages, fillParams } from "./support/console-routes";

/**
 * Who gets in: every console API route (read from app/api, so new routes are covered) without a
 * session, with a forged session and with an expired one → 401; and no secret — SCIM credential,
 * the IDaaS bearer token, the admin password — in any response, page, server log line or the SCIM
 * request log.
 */
let app: StartedApp;
let s: ConsoleSession;
let cookieName: string;
let realSecret: string;
let checked = 0;
/** Every response body and page this file receives, searched for secrets at the end. */
const seen: string[] = [];

const I = "idaas-default";
const ids = { cloudsso: {} as Record<string, string>, idaas: {} as Record<string, string> };
const secrets = { admin: ADMIN.password, credential: "", idaasToken: "" };
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

    const db = (await import("better-sqlite3")).default;
    const conn = new db(path.join(app.dataDir, "app.db"), { readonly: true });
    const logRows = JSON.stringify(conn.prepare("SELECT * FROM SsoScimRequestLog").all());
    const provisioningLogs = JSON.stringify(conn.prepare("SELECT * FROM ProvisioningLog").all());
    const storedConfig = conn.prepare("SELECT tokenEncrypted, tokenHint FROM ProvisioningConfig WHERE applicationId = ?").get(ids.idaas.appId) as {
      tokenEncrypted: string;
      tokenHint: string;
    };
    const credentialRows = JSON.stringify(conn.prepare("SELECT * FROM SsoScimCredential").all());
    conn.close();

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
    console.log(`[auth-matrix] console auth cases checked: ${checked}; places searched for secrets: ${places.length}`);
  });
});

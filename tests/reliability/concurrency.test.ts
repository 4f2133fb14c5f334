import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type StartedApp } from "../setup/server";
import { signIn, type ConsoleSession } from "../support/console-session";
import { integrityProblems } from "./support/db-integrity";
import { runSize } from "./support/run-size";
import { GROUP_SCHEMA, PATCH_SCHEMA, USER_SCHEMA, createCredential, enableScim, openDb, scimRequest, type ScimResponse } from "./support/scim-target";

/**
 * Concurrency against the running server: racing member adds and removes on one group, racing
 * creates of one userName / group name, racing conditional writes on one version, and Push Now
 * running while accounts are edited in the IDaaS console — after which CloudSSO must hold exactly
 * what IDaaS holds.
 */
let app: StartedApp;
let s: ConsoleSession;
let db: Database.Database;
let token: string;
const cases: string[] = [];
const I = "idaas-default";
const IA = `/api/idaas/instances/${I}`;

const scim = (method: string, p: string, body?: unknown, headers?: Record<string, string>) => scimRequest(app.baseUrl, method, p, { token, body, headers });
const idOf = (r: ScimResponse) => (r.json as { id: string }).id;
const tally = (rs: ScimResponse[]) => rs.reduce<Record<number, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});

async function user(userName: string) {
  const r = await scim("POST", "/Users", { schemas: [USER_SCHEMA], userName, displayName: userName });
  expect(r.status, r.text).toBe(201);
  return idOf(r);
}

beforeAll(async () => {
  app = await startApp();
  s = await signIn(app.baseUrl);
  await enableScim(s);
  token = (await createCredential(s)).secret;
  db = openDb(app);
});

afterAll(async () => {
  db?.close();
  await app?.stop();
});

describe("racing SCIM writes", () => {
  it("50 concurrent PATCH member adds to one group → all 50 present; 50 concurrent removes → none left", async () => {
    const ids = await Promise.all(Array.from({ length: 50 }, (_, i) => user(`member.${i}`)));
    const g = await scim("POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "race-members" });
    const gid = idOf(g);
    const adds = await Promise.all(
      ids.map((value) => scim("PATCH", `/Groups/${gid}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: "add", path: "members", value: [{ value }] }] })),
    );
    expect(tally(adds)).toEqual({ 200: 50 });
    const after = await scim("GET", `/Groups/${gid}`);
    const members = ((after.json as { members?: { value: string }[] }).members ?? []).map((m) => m.value);
    expect(members.sort()).toEqual([...ids].sort());
    // Each add moved the version on: none was lost to a stale read-modify-write.
    expect((after.json as { meta: { version: string } }).meta.version).toBe(`W/"${1 + 50}"`);
    cases.push("50 concurrent member adds");

    const removes = await Promise.all(
      ids.map((id) => scim("PATCH", `/Groups/${gid}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: "remove", path: `members[value eq "${id}"]` }] })),
    );
    expect(tally(removes)).toEqual({ 200: 50 });
    const emptied = await scim("GET", `/Groups/${gid}`);
    expect((emptied.json as { members?: unknown[] }).members ?? []).toEqual([]);
    cases.push("50 concurrent member removes");
  });

  it("20 concurrent POSTs of one userName (in different cases) → exactly one 201, the rest 409 uniqueness", async () => {
    const spellings = ["race.user", "Race.User", "RACE.USER", "race.USER"];
    const rs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => scim("POST", "/Users", { schemas: [USER_SCHEMA], userName: spellings[i % 4], externalId: `x${i}` })),
    );
    expect(tally(rs)).toEqual({ 201: 1, 409: 19 });
    for (const r of rs.filter((x) => x.status === 409)) expect((r.json as { scimType?: string }).scimType).toBe("uniqueness");
    const found = await scim("GET", `/Users?filter=${encodeURIComponent('userName eq "race.user"')}`);
    expect((found.json as { totalResults: number }).totalResults).toBe(1);
    cases.push("20 concurrent POST /Users, one userName");

    const gs = await Promise.all(Array.from({ length: 20 }, () => scim("POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "race-group" })));
    expect(tally(gs)).toEqual({ 201: 1, 409: 19 });
    cases.push("20 concurrent POST /Groups, one displayName");
  });

  it("concurrent PUT / PATCH / DELETE with If-Match on one version → exactly one wins, the rest 412", async () => {
    const id = await user("etag.user");
    const current = await scim("GET", `/Users/${id}`);
    const etag = current.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"\d+"$/);
    const puts = await Promise.all(
      Array.from({ length: 10 }, (_, i) => scim("PUT", `/Users/${id}`, { schemas: [USER_SCHEMA], userName: "etag.user", displayName: `Writer ${i}` }, { "if-match": etag })),
    );
    expect(tally(puts)).toEqual({ 200: 1, 412: 9 });
    const winner = puts.find((r) => r.status === 200)!;
    const final = await scim("GET", `/Users/${id}`);
    expect((final.json as { displayName: string }).displayName).toBe((winner.json as { displayName: string }).displayName);
    cases.push("10 concurrent PUT /Users with one If-Match");

    const gid = idOf(await scim("POST", "/Groups", { schemas: [GROUP_SCHEMA], displayName: "etag-group" }));
    const gtag = (await scim("GET", `/Groups/${gid}`)).headers.get("etag")!;
    const patches = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        scim("PATCH", `/Groups/${gid}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: "replace", path: "displayName", value: `etag-group-${i}` }] }, { "if-match": gtag }),
      ),
    );
    expect(tally(patches)).toEqual({ 200: 1, 412: 9 });
    cases.push("10 concurrent PATCH /Groups with one If-Match");

    const dtag = (await scim("GET", `/Users/${id}`)).headers.get("etag")!;
    const deletes = await Promise.all(Array.from({ length: 5 }, () => scim("DELETE", `/Users/${id}`, undefined, { "if-match": dtag })));
    // One delete wins; the others find either a changed version or no resource at all.
    expect(deletes.filter((r) => r.status === 204)).toHaveLength(1);
    for (const r of deletes.filter((x) => x.status !== 204)) expect([404, 412]).toContain(r.status);
    cases.push("5 concurrent DELETE with one If-Match");
    expect(integrityProblems(db)).toEqual([]);
  });
});

interface Account {
  id: string;
  username: string;
  displayName: string;
  status: string;
}

describe("Push Now while accounts are edited", () => {
  const N = runSize(400, 60);

  async function must<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await s.call<T>(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async function allAccounts(): Promise<Account[]> {
    const out: Account[] = [];
    for (let page = 1; ; page++) {
      const r = await must<{ items: Account[]; total: number }>("GET", `${IA}/accounts?pageSize=100&page=${page}`);
      out.push(...r.items);
      if (out.length >= r.total || r.items.length === 0) return out;
    }
  }

  async function allRemoteUsers(): Promise<{ userName: string; displayName?: string; active: boolean }[]> {
    const out: { userName: string; displayName?: string; active: boolean }[] = [];
    for (let start = 1; ; start += 100) {
      const r = await scim("GET", `/Users?startIndex=${start}&count=100`);
      const body = r.json as { totalResults: number; Resources: { userName: string; displayName?: string; active: boolean }[] };
      out.push(...body.Resources);
      if (out.length >= body.totalResults || body.Resources.length === 0) return out;
    }
  }

  it("ends with CloudSSO equal to IDaaS (usernames, display names, active) after the engine drains", async () => {
    // Users left over from the racing tests are not IDaaS accounts; start the comparison clean.
    const leftovers = await allRemoteUsers();
    for (const u of leftovers) {
      const r = await scim("GET", `/Users?filter=${encodeURIComponent(`userName eq "${u.userName}"`)}`);
      const id = (r.json as { Resources: { id: string }[] }).Resources[0].id;
      expect((await scim("DELETE", `/Users/${id}`)).status).toBe(204);
    }

    const appId = (await must<{ id: string }>("POST", `${IA}/applications`, { templateId: "cloudsso", name: "CloudSSO (concurrency)" })).id;
    const api = `${IA}/applications/${appId}`;
    const view = await must<Record<string, unknown>>("GET", `${api}/provisioning`);
    await must("PUT", `${api}/provisioning`, {
      scimServerUrl: `${app.baseUrl}/scim/v2`,
      bearerToken: token,
      operations: view.operations,
      fullScope: { accounts: true, groups: false },
      userMapping: view.userMapping,
      groupMapping: view.groupMapping,
      matchAttribute: "userName",
    });
    await must("PUT", `${api}/provisioning/scope`, { unitIds: ["ou-root"], groupIds: [] });
    await must("PUT", `${api}/provisioning/enabled`, { enabled: true });

    const created: Account[] = [];
    for (let i = 0; i < N; i++) {
      created.push(await must<Account>("POST", `${IA}/accounts`, { username: `push.${i}`, displayName: `Push ${i}`, email: `push.${i}@example.com`, primaryUnitId: "ou-root" }));
    }

    const task = (await must<{ task: { id: string } }>("POST", `${api}/push-now`)).task;
    // Edits race the push: renames, disables, re-enables, new accounts and deletions.
    const edits: Promise<unknown>[] = [];
    for (let i = 0; i < N; i++) {
      const a = created[i];
      if (i % 5 === 0) edits.push(must("PATCH", `${IA}/accounts/${a.id}`, { username: a.username, displayName: `Renamed ${i}`, email: `push.${i}@example.com`, primaryUnitId: "ou-root" }));
      if (i % 7 === 0) edits.push(must("POST", `${IA}/accounts/${a.id}/status`, { status: "Disabled" }));
      if (i % 11 === 0) edits.push(must("DELETE", `${IA}/accounts/${a.id}`));
      if (i % 13 === 0) edits.push(must("POST", `${IA}/accounts`, { username: `late.${i}`, displayName: `Late ${i}`, primaryUnitId: "ou-root" }));
    }
    const settled = await Promise.allSettled(edits);
    // A rename or disable may race the same account's deletion (404); nothing else may fail.
    for (const r of settled) if (r.status === "rejected") expect(String(r.reason)).toMatch(/: 404 /);

    const deadline = Date.now() + 180_000;
    let status = "";
    for (;;) {
      status = (await must<{ task: { status: string } }>("GET", `${api}/push-now`)).task.status;
      const open = (db.prepare("SELECT count(*) AS n FROM ProvisioningEvent WHERE status IN ('pending', 'processing')").get() as { n: number }).n;
      if (!["Running", "Initialization"].includes(status) && open === 0) break;
      if (Date.now() > deadline) throw new Error(`not drained: task ${status}, ${open} events open`);
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(task.id).toBeTruthy();
    expect(status).toBe("Successful");

    const local = (await allAccounts()).map((a) => ({ userName: a.username, displayName: a.displayName, active: a.status === "Enabled" }));
    const remote = (await allRemoteUsers()).map((u) => ({ userName: u.userName, displayName: u.displayName ?? "", active: u.active }));
    const byName = (x: { userName: string }, y: { userName: string }) => x.userName.localeCompare(y.userName);
    expect(remote.sort(byName)).toEqual(local.sort(byName));
    expect(local.length).toBeGreaterThan(N * 0.8);
    expect(integrityProblems(db)).toEqual([]);
    cases.push(`Push Now of ${N} accounts with ${edits.length} concurrent console edits`);
    console.log(`[concurrency] cases: ${cases.length} — ${cases.join("; ")}`);
  });
});

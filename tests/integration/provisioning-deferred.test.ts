import { beforeAll, describe, expect, inject, it } from "vitest";
import { configuredCloudSsoApp } from "../support/cloudsso-app";
import { until } from "../support/until";
import { cloudSsoCli, scimCredentialForFile } from "../support/cloudsso-cli";
import { signIn, type ConsoleSession } from "../support/console-session";

/**
 * Nothing is lost while an application is disabled: 50 edits made meanwhile are kept (Deferred in
 * the Real-time Log Entries), then delivered in order when it is enabled again, each object
 * written once — checked in CloudSSO over SCIM (meta.version counts the writes).
 */
const baseUrl = inject("baseUrl");
const I = "idaas-default";
const API = `/api/idaas/instances/${I}`;
const sfx = Date.now().toString(36);

const cli = cloudSsoCli({ databaseUrl: inject("databaseUrl"), dataDir: inject("dataDir") });

let s: ConsoleSession;
let token = "";

async function ok<T>(method: string, p: string, body?: unknown): Promise<T> {
  const res = await s.call<T>(method, p, body);
  expect(res.status, `${method} ${p}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

async function scim<T>(p: string): Promise<T> {
  const res = await fetch(`${baseUrl}/scim/v2${p}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, p).toBe(200);
  return (await res.json()) as T;
}

type ScimUser = { id: string; userName: string; displayName?: string; active?: boolean; meta: { version: string } };
type ScimGroup = { id: string; displayName: string; members?: { value: string }[]; meta: { version: string } };

async function remoteUser(userName: string): Promise<ScimUser | null> {
  const page = await scim<{ Resources?: ScimUser[] }>(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
  return page.Resources?.[0] ?? null;
}
async function remoteGroup(name: string): Promise<ScimGroup | null> {
  const page = await scim<{ Resources?: { id: string }[] }>(`/Groups?filter=${encodeURIComponent(`displayName eq "${name}"`)}`);
  return page.Resources?.[0] ? scim<ScimGroup>(`/Groups/${page.Resources[0].id}`) : null;
}
const version = (r: { meta: { version: string } }) => Number(/(\d+)/.exec(r.meta.version)?.[1]);

const credential = scimCredentialForFile(cli);

beforeAll(async () => {
  s = await signIn(baseUrl);
  token = credential.secret;
});

describe("changes made while the application is disabled", () => {
  it("50 edits are kept, then delivered when it is enabled again: CloudSSO equals IDaaS, each object written once", async () => {
    const unit = (await ok<{ id: string }>("POST", `${API}/units`, { name: `Deferred ${sfx}`, parentId: "ou-root" })).id;
    const group = await ok<{ id: string; name: string }>("POST", `${API}/groups`, { name: `Deferred-${sfx}` });
    const accounts: { id: string; username: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const username = `def${sfx}u${i}`;
      accounts.push(await ok("POST", `${API}/accounts`, { username, displayName: `User ${i}`, email: `${username}@example.com`, primaryUnitId: unit }));
    }
    await ok("POST", `${API}/groups/${group.id}/members`, { accountIds: accounts.slice(0, 4).map((a) => a.id) });

    const { id: appId, api: APP } = await configuredCloudSsoApp(s, API, {
      name: `Deferred ${sfx}`,
      scope: { unitIds: [unit], groupIds: [group.id] },
      scimServerUrl: `${baseUrl}/scim/v2`,
      bearerToken: token,
    });
    const app = { id: appId };
    const { task } = await ok<{ task: { id: string } }>("POST", `${APP}/push-now`, {});
    await until("Push Now", async () => {
      const t = await ok<{ status: string }>("GET", `${API}/provisioning/tasks/${task.id}`);
      return t.status === "Successful" && t;
    });
    const before = new Map<string, number>();
    for (const a of accounts) before.set(a.username, version((await remoteUser(a.username))!));
    const groupBefore = version((await remoteGroup(group.name))!);

    await ok("PUT", `${APP}/status`, { status: "Disabled" });

    // 50 edits: 10 accounts × (3 renames + disable) = 40, 5 new accounts, 3 member adds, 2 removes.
    let edits = 0;
    for (const a of accounts) {
      for (let n = 1; n <= 3; n++) {
        await ok("PATCH", `${API}/accounts/${a.id}`, { username: a.username, displayName: `${a.username} rename ${n}`, email: `${a.username}@example.com`, primaryUnitId: unit });
        edits++;
      }
      await ok("POST", `${API}/accounts/${a.id}/status`, { status: "Disabled" });
      edits++;
    }
    const newcomers: { id: string; username: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const username = `def${sfx}new${i}`;
      newcomers.push(await ok("POST", `${API}/accounts`, { username, displayName: `New ${i}`, email: `${username}@example.com`, primaryUnitId: unit }));
      edits++;
    }
    await ok("POST", `${API}/groups/${group.id}/members`, { accountIds: newcomers.slice(0, 3).map((a) => a.id) });
    edits += 3;
    for (const a of accounts.slice(0, 2)) {
      await s.request(`${API}/groups/${group.id}/members/${a.id}`, { method: "DELETE" });
      edits++;
    }
    expect(edits).toBe(50);

    // Disabled: nothing reached CloudSSO, every change is shown as kept, with the reason.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await remoteUser(accounts[0].username))!.displayName).toBe("User 0");
    expect(await remoteUser(newcomers[0].username)).toBeNull();
    const kept = (
      await ok<{ items: { applicationId: string; result: string; detail: string; objectName: string }[] }>(
        "GET",
        `${API}/provisioning/logs?result=Deferred&search=${encodeURIComponent(`def${sfx}`)}&pageSize=100`,
      )
    ).items.filter((i) => i.applicationId === app.id);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((i) => i.detail.includes("Deferred — application disabled"))).toBe(true);
    expect(kept.some((i) => i.objectName === accounts[0].username)).toBe(true);
    const health = await ok<{ state: string; deferred: number; summary: string }>("GET", `${APP}/provisioning/health`);
    expect(health.state).toBe("Deferred");
    expect(health.summary).toMatch(/changes kept — application disabled/);
    const refused = await s.call<{ error: string }>("POST", `${APP}/provisioning/retry`, {});
    expect(refused.status).toBe(409);

    await ok("PUT", `${APP}/status`, { status: "Enabled" });
    await until("the kept changes to be delivered", async () => {
      const h = await ok<{ state: string }>("GET", `${APP}/provisioning/health`);
      return h.state === "Healthy" && h;
    });

    // CloudSSO equals IDaaS.
    // A user's version also moves when its group membership changes (its `groups` attribute).
    for (const [i, a] of accounts.entries()) {
      const u = (await remoteUser(a.username))!;
      expect(u.displayName).toBe(`${a.username} rename 3`);
      expect(u.active).toBe(false);
      // Four edits of one account, folded while kept: one write (plus the member removal for two).
      expect(version(u) - before.get(a.username)!, a.username).toBe(i < 2 ? 2 : 1);
    }
    for (const [i, a] of newcomers.entries()) {
      const u = await remoteUser(a.username);
      expect(u, a.username).not.toBeNull();
      expect(version(u!), a.username).toBe(i < 3 ? 2 : 1);
    }
    const g = (await remoteGroup(group.name))!;
    const expected = [...accounts.slice(2, 4), ...newcomers.slice(0, 3)];
    const ids = await Promise.all(expected.map(async (a) => (await remoteUser(a.username))!.id));
    expect(g.members?.map((m) => m.value).sort()).toEqual(ids.sort());
    // Five membership changes, each one PATCH.
    expect(version(g) - groupBefore).toBe(5);

    const left = await ok<{ items: { applicationId: string }[] }>(
      "GET",
      `${API}/provisioning/logs?result=Deferred&search=${encodeURIComponent(`def${sfx}`)}&pageSize=100`,
    );
    expect(left.items.filter((i) => i.applicationId === app.id)).toEqual([]);
    const settled = await ok<{ items: { applicationId: string; objectName: string; action: string; result: string; detail: string | null }[] }>(
      "GET",
      `${API}/provisioning/logs?search=${encodeURIComponent(accounts[5].username)}&pageSize=100`,
    );
    const mine = settled.items.filter((i) => i.applicationId === app.id && i.objectName === accounts[5].username);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.result === "Success" || i.result === "Skipped")).toBe(true);
    expect(mine.some((i) => /Deferred \(application disabled\) and delivered/.test(i.detail ?? ""))).toBe(true);
  });
});

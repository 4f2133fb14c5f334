import { beforeAll, describe, expect, inject, it } from "vitest";
import type { TaskView } from "@/lib/idaas/provisioning/tasks/task-view";
import { signIn, type ConsoleSession } from "../support/console-session";

/**
 * Push Now tells the truth, over real HTTP against the app's own CloudSSO SCIM server: one rule
 * for when it is unavailable (view and API agree), scope counts, an empty scope ending Failed
 * with the seed's advice, one task per double start (409 names the running task), and a Status
 * Description that says exactly what the counters say, with log entries named by username.
 */
const baseUrl = inject("baseUrl");
const I = "idaas-default";
const IA = `/api/idaas/instances/${I}`;
const APPS = `${IA}/applications`;
const sfx = Math.random().toString(36).slice(2, 8);

const FULL_SCOPE_REASON = "At least one item must be configured under Full Scope before Push Now can be used.";
const NOTHING_IN_SCOPE =
  "Nothing to push: the provisioning scope holds no accounts. Verify that the Organization and Group selected in the provisioning scope contain the expected users.";

interface View {
  operations: string[];
  userMapping: unknown[];
  groupMapping: unknown[];
  pushNowBlockedReason: string | null;
}
type Task = TaskView;

/** The Status Description written out independently from the counters the task detail shows. */
function described(c: Task["counters"]): string {
  const label = { users: "Users", groups: "Groups", members: "Group members" } as const;
  return (
    (["users", "groups", "members"] as const)
      .filter((k) => Object.values(c[k]).some((cell) => cell.total > 0))
      .map((k) => {
        const r = c[k];
        const failed = Object.values(r).reduce((n, cell) => n + cell.failed, 0);
        const extra = [r.matched.success ? `, ${r.matched.success} matched` : "", r.deleted.success ? `, ${r.deleted.success} deleted` : ""].join("");
        return `${label[k]}: ${r.created.success} created, ${r.updated.success} updated, ${r.unchanged.total} unchanged, ${failed} failed${extra}`;
      })
      .join("; ") + "."
  );
}

let s: ConsoleSession;
let secret = "";

async function must<T>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await s.call<T>(method, path, body);
  expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body;
}

async function unit(name: string, parentId = "ou-root") {
  return (await must<{ id: string }>("POST", `${IA}/units`, { name: `${name} ${sfx}`, parentId })).id;
}

async function account(username: string, primaryUnitId: string, extraUnitIds: string[] = []) {
  return (await must<{ id: string }>("POST", `${IA}/accounts`, { username: `${username}${sfx}`, primaryUnitId, extraUnitIds })).id;
}

async function group(name: string, accountIds: string[]) {
  const id = (await must<{ id: string }>("POST", `${IA}/groups`, { name: `${name}-${sfx}` })).id;
  if (accountIds.length) await must("POST", `${IA}/groups/${id}/members`, { accountIds });
  return id;
}

/** An application pushing to this server's CloudSSO, ready for Push Now. */
async function readyApp(scope: { unitIds: string[]; groupIds: string[] }, fullScope = { accounts: true, groups: true }) {
  const app = await must<{ id: string }>("POST", APPS, { templateId: "cloudsso", name: `Truth ${sfx} ${Math.random().toString(36).slice(2, 6)}` });
  const v = await must<View>("GET", `${APPS}/${app.id}/provisioning`);
  await must("PUT", `${APPS}/${app.id}/provisioning`, {
    scimServerUrl: `${baseUrl}/scim/v2`,
    bearerToken: secret,
    operations: v.operations,
    fullScope,
    userMapping: v.userMapping,
    groupMapping: v.groupMapping,
    matchAttribute: "userName",
  });
  await must("PUT", `${APPS}/${app.id}/provisioning/scope`, scope);
  await must("PUT", `${APPS}/${app.id}/provisioning/enabled`, { enabled: true });
  return app.id;
}

async function finished(appId: string, taskId: string): Promise<Task> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const t = await must<Task>("GET", `${IA}/provisioning/tasks/${taskId}`);
    if (!["Initialization", "Running"].includes(t.status)) return t;
    if (Date.now() > deadline) throw new Error(`task of ${appId} still ${t.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function pushNow(appId: string): Promise<Task> {
  const { task } = await must<{ task: Task }>("POST", `${APPS}/${appId}/push-now`, {});
  return finished(appId, task.id);
}

beforeAll(async () => {
  s = await signIn(baseUrl);
  await must("PUT", "/api/cloudsso/settings", { enabled: true });
  const existing = await must<{ items: { CredentialId: string }[] }>("GET", "/api/cloudsso/credentials");
  // At most two credentials exist; make room for this file's own.
  if (existing.items.length >= 2) await must("DELETE", `/api/cloudsso/credentials/${existing.items[0].CredentialId}`);
  secret = (await must<{ CredentialSecret: string }>("POST", "/api/cloudsso/credentials")).CredentialSecret;
});

describe("Push Now is unavailable: one rule for the Provisioning tab and the API", () => {
  it("gives the first thing to fix, and POST refuses with the same words", async () => {
    const { id } = await must<{ id: string }>("POST", APPS, { templateId: "cloudsso", name: `Rule ${sfx}` });
    const expectReason = async (reason: string | null) => {
      const v = await must<View>("GET", `${APPS}/${id}/provisioning`);
      expect(v.pushNowBlockedReason).toBe(reason);
      if (reason === null) return v;
      const res = await s.call<{ error: string }>("POST", `${APPS}/${id}/push-now`, {});
      expect(res.status).toBe(400);
      expect(res.body.error).toBe(reason);
      return v;
    };
    const v = await expectReason("Provision IDaaS Accounts to Application is turned off.");
    await must("PUT", `${APPS}/${id}/provisioning/enabled`, { enabled: true });
    await expectReason("The SCIM Server URL is not saved.");
    const config = {
      scimServerUrl: `${baseUrl}/scim/v2`,
      bearerToken: secret,
      operations: v.operations,
      fullScope: { accounts: false, groups: false },
      userMapping: v.userMapping,
      groupMapping: v.groupMapping,
      matchAttribute: "userName",
    };
    await must("PUT", `${APPS}/${id}/provisioning`, config);
    await expectReason(FULL_SCOPE_REASON);
    await must("PUT", `${APPS}/${id}/provisioning`, { ...config, bearerToken: "", fullScope: { accounts: true, groups: false } });
    await expectReason(null);
    await must("PUT", `${APPS}/${id}/status`, { status: "Disabled" });
    await expectReason("The application is disabled. Enable it on the General tab or in the Applications list.");
    await must("PUT", `${APPS}/${id}/status`, { status: "Enabled" });
    await expectReason(null);
  });
});

describe("scope preview", () => {
  it("counts distinct accounts of units, sub-units, extra units and group members, without saving", async () => {
    const parent = await unit("Preview");
    const child = await unit("Preview child", parent);
    const outside = await unit("Preview outside");
    const a1 = await account("pv1", parent);
    await account("pv2", child);
    await account("pv3", outside, [parent]);
    const a4 = await account("pv4", outside);
    const g = await group("pv", [a1, a4]);
    const { id } = await must<{ id: string }>("POST", APPS, { templateId: "cloudsso", name: `Preview ${sfx}` });
    const preview = (unitIds: string[], groupIds: string[]) =>
      must<{ accounts: number; groups: number }>("POST", `${APPS}/${id}/provisioning/scope/preview`, { unitIds, groupIds });

    expect(await preview([], [])).toEqual({ accounts: 0, groups: 0 });
    expect(await preview([parent], [])).toEqual({ accounts: 3, groups: 0 });
    expect(await preview([child], [])).toEqual({ accounts: 1, groups: 0 });
    expect(await preview([], [g])).toEqual({ accounts: 2, groups: 1 });
    // a1 is in the unit and the group: counted once.
    expect(await preview([parent, child], [g])).toEqual({ accounts: 4, groups: 1 });
    expect((await must<{ scope: unknown }>("GET", `${APPS}/${id}/provisioning`)).scope).toEqual({ unitIds: [], groupIds: [] });

    const bad = await s.call<{ fieldErrors?: Record<string, string> }>("POST", `${APPS}/${id}/provisioning/scope/preview`, { unitIds: "x" });
    expect(bad.status).toBe(422);
    expect(bad.body.fieldErrors?.unitIds).toBeDefined();
    expect((await s.call("POST", `${APPS}/app-missing/provisioning/scope/preview`, { unitIds: [], groupIds: [] })).status).toBe(404);
  });
});

describe("Push Now with nothing in scope", () => {
  it("ends the task Failed with the reason and the seed's advice, never Successful", async () => {
    const empty = await unit("Empty");
    const appId = await readyApp({ unitIds: [empty], groupIds: [] });
    const t = await pushNow(appId);
    expect(t.status).toBe("Failed");
    expect(t.statusDescription).toBe(NOTHING_IN_SCOPE);
    expect(t.done).toBe(0);
  });

  it("says so when Full Scope is Groups only and the scope holds no groups", async () => {
    const u = await unit("Groupless");
    await account("gl1", u);
    const t = await pushNow(await readyApp({ unitIds: [u], groupIds: [] }, { accounts: false, groups: true }));
    expect(t.status).toBe("Failed");
    expect(t.statusDescription).toMatch(/^Nothing to push: Full Scope covers Groups only and the provisioning scope holds no groups\./);
  });
});

describe("one push at a time", () => {
  it("a double start creates one task; the other request gets 409 with the running task's id", async () => {
    const u = await unit("Double");
    for (let i = 0; i < 5; i++) await account(`dbl${i}`, u);
    const appId = await readyApp({ unitIds: [u], groupIds: [] });
    const [a, b] = await Promise.all([
      s.call<{ task?: Task; taskId?: string; error?: string }>("POST", `${APPS}/${appId}/push-now`, {}),
      s.call<{ task?: Task; taskId?: string; error?: string }>("POST", `${APPS}/${appId}/push-now`, {}),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [ok, conflict] = a.status === 200 ? [a, b] : [b, a];
    expect(conflict.body.error).toMatch(/^A push is already running/);
    expect(conflict.body.taskId).toBe(ok.body.task!.id);
    await finished(appId, ok.body.task!.id);
    const all = await must<{ items: (Task & { applicationId: string })[] }>("GET", `${IA}/provisioning/tasks?pageSize=100`);
    expect(all.items.filter((t) => t.applicationId === appId)).toHaveLength(1);
  });
});

describe("Status Description and counters", () => {
  it("say the same numbers, and every log entry names its object", async () => {
    const u = await unit("Counted");
    const ids = [await account("cnt1", u), await account("cnt2", u), await account("cnt3", u)];
    const g = await group("cnt", ids.slice(0, 2));
    const appId = await readyApp({ unitIds: [u], groupIds: [g] });

    // Real-time delivery of the scope change may win the race for some objects: whatever the
    // split, every object is counted once and the description states the counters' numbers.
    const first = await pushNow(appId);
    expect(first.status).toBe("Successful");
    const c = first.counters;
    expect(c.users.created.success + c.users.matched.success + c.users.updated.success + c.users.unchanged.total).toBe(3);
    expect(c.groups.created.success + c.groups.matched.success + c.groups.updated.success + c.groups.unchanged.total).toBe(1);
    expect(c.members.created.success + c.members.unchanged.total).toBe(2);
    expect(first.statusDescription).toBe(described(c));

    const again = await pushNow(appId);
    expect(again.status).toBe("Successful");
    expect(again.statusDescription).toBe(
      "Users: 0 created, 0 updated, 3 unchanged, 0 failed; Groups: 0 created, 0 updated, 1 unchanged, 0 failed; " +
        "Group members: 0 created, 0 updated, 2 unchanged, 0 failed.",
    );

    const logs = await must<{ items: { objectName: string }[] }>("GET", `${IA}/provisioning/tasks/${first.id}/logs?pageSize=100`);
    expect(logs.items).toHaveLength(6);
    for (const l of logs.items) expect(l.objectName).toMatch(new RegExp(sfx));
    for (const l of logs.items) for (const id of [...ids, g]) expect(l.objectName).not.toContain(id);
  });
});

import { beforeAll, describe, expect, inject, it } from "vitest";
import { configuredCloudSsoApp } from "../support/cloudsso-app";
import { until } from "../support/until";
import { cloudSsoCli, scimCredentialForFile } from "../support/cloudsso-cli";
import { signIn, type ConsoleSession } from "../support/console-session";

/**
 * Issue 11 items 4 and 8 over HTTP: unit counts include descendants and a unit's list includes its
 * sub-units unless asked not to; an account's and a group's provisioning state per application —
 * Synchronized, Failed with the target's 409 detail, Deferred while the application is disabled,
 * Out of scope, Not provisioned — against the real CloudSSO SCIM server.
 */
const baseUrl = inject("baseUrl");
const API = "/api/idaas/instances/idaas-default";
const sfx = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const cli = cloudSsoCli({ databaseUrl: inject("databaseUrl"), dataDir: inject("dataDir") });

let s: ConsoleSession;
let token = "";

interface State {
  applicationId: string;
  applicationName: string;
  state: string;
  at: string | null;
  detail: string | null;
  inScope: boolean;
  remoteId: string | null;
}

async function ok<T = { id: string }>(method: string, p: string, body?: unknown): Promise<T> {
  const res = await s.call<T>(method, p, body);
  expect(res.status, `${method} ${p}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

async function stateAt(kind: "accounts" | "groups", id: string, appId: string): Promise<State> {
  const { items } = await ok<{ items: State[] }>("GET", `${API}/${kind}/${id}/provisioning`);
  const one = items.find((i) => i.applicationId === appId);
  expect(one, `state of ${id} at ${appId}`).toBeDefined();
  return one!;
}

const credential = scimCredentialForFile(cli);

beforeAll(async () => {
  s = await signIn(baseUrl);
  token = credential.secret;
});

describe("Accounts and Orgs: a unit with its sub-units", () => {
  it("counts each account once per unit, descendants included; the list includes sub-units unless includeSubUnits=false", async () => {
    const parent = await ok("POST", `${API}/units`, { name: `OS parent ${sfx}`, parentId: "ou-root" });
    const child = await ok("POST", `${API}/units`, { name: `OS child ${sfx}`, parentId: parent.id });
    const grandchild = await ok("POST", `${API}/units`, { name: `OS grandchild ${sfx}`, parentId: child.id });
    const top = await ok("POST", `${API}/accounts`, { username: `os${sfx}top`, primaryUnitId: parent.id });
    const deep = await ok("POST", `${API}/accounts`, { username: `os${sfx}deep`, primaryUnitId: grandchild.id, extraUnitIds: [child.id] });

    const units = (await ok<{ items: { id: string; accountCount: number; directAccountCount: number }[] }>("GET", `${API}/units`)).items;
    const count = (id: string) => units.find((u) => u.id === id)!;
    expect(count(parent.id)).toMatchObject({ accountCount: 2, directAccountCount: 1 });
    // `deep` sits in the child (extra) and the grandchild (primary): the child counts it once.
    expect(count(child.id)).toMatchObject({ accountCount: 1, directAccountCount: 1 });
    expect(count(grandchild.id)).toMatchObject({ accountCount: 1, directAccountCount: 1 });
    const root = units.find((u) => u.id === "ou-root")!;
    const all = await ok<{ total: number }>("GET", `${API}/accounts?pageSize=1`);
    expect(root.accountCount).toBe(all.total);

    const ids = async (q: string) => (await ok<{ items: { id: string }[] }>("GET", `${API}/accounts?${q}`)).items.map((a) => a.id);
    expect(await ids(`unitId=${parent.id}`)).toEqual(expect.arrayContaining([top.id, deep.id]));
    expect(await ids(`unitId=${parent.id}&includeSubUnits=false`)).toEqual([top.id]);
  });
});

describe("an object's provisioning state per application", () => {
  it("Synchronized, Failed with the 409 detail, Deferred while disabled, Out of scope and Not provisioned", async () => {
    const unit = await ok("POST", `${API}/units`, { name: `OS scope ${sfx}`, parentId: "ou-root" });
    const outside = await ok("POST", `${API}/units`, { name: `OS outside ${sfx}`, parentId: "ou-root" });
    const alice = await ok("POST", `${API}/accounts`, { username: `os${sfx}alice`, email: `os${sfx}alice@example.com`, primaryUnitId: unit.id });
    const stranger = await ok("POST", `${API}/accounts`, { username: `os${sfx}stranger`, primaryUnitId: outside.id });
    const group = await ok("POST", `${API}/groups`, { name: `OS-Group-${sfx}` });
    await ok("POST", `${API}/groups/${group.id}/members`, { accountIds: [alice.id] });

    const { id: appId, api: APP } = await configuredCloudSsoApp(s, API, {
      name: `OS CloudSSO ${sfx}`,
      scope: { unitIds: [unit.id], groupIds: [group.id] },
      scimServerUrl: `${baseUrl}/scim/v2`,
      bearerToken: token,
    });
    const app = { id: appId };
    // A second application whose scope holds alice but which never provisions.
    const idle = await ok("POST", `${API}/applications`, { templateId: "scim2", name: `OS idle ${sfx}` });
    await ok("PUT", `${API}/applications/${idle.id}/provisioning/scope`, { unitIds: [unit.id], groupIds: [] });

    const { task } = await ok<{ task: { id: string } }>("POST", `${APP}/push-now`, {});
    await until("Push Now", async () => (await ok<{ status: string }>("GET", `${API}/provisioning/tasks/${task.id}`)).status === "Successful");

    const synced = await until("alice synchronized", async () => {
      const st = await stateAt("accounts", alice.id, app.id);
      return st.state === "Synchronized" && st;
    });
    expect(synced).toMatchObject({ inScope: true, detail: null, applicationName: `OS CloudSSO ${sfx}` });
    expect(synced.remoteId).toBeTruthy();
    expect(Date.now() - new Date(synced.at!).getTime()).toBeLessThan(120_000);
    expect(await stateAt("groups", group.id, app.id)).toMatchObject({ state: "Synchronized", inScope: true });
    expect(await stateAt("accounts", stranger.id, app.id)).toMatchObject({ state: "Out of scope", inScope: false, remoteId: null });
    expect(await stateAt("accounts", alice.id, idle.id)).toMatchObject({ state: "Not provisioned", inScope: true, at: null });
    expect(await stateAt("accounts", stranger.id, idle.id)).toMatchObject({ state: "Out of scope" });

    // CloudSSO already has a user with this email: the real-time create fails with 409 uniqueness.
    const email = `os${sfx}clash@example.com`;
    const manual = await ok<{ UserId: string }>("POST", "/api/cloudsso/users", { userName: `manual${sfx}`, displayName: "Manual", email });
    const clash = await ok("POST", `${API}/accounts`, { username: `os${sfx}clash`, email, primaryUnitId: unit.id });
    const failed = await until("clash failed", async () => {
      const st = await stateAt("accounts", clash.id, app.id);
      return st.state === "Failed" && st;
    });
    expect(failed.detail).toMatch(/^409 uniqueness — .*already used by another user/);
    expect(failed.at).toBeTruthy();
    await ok("DELETE", `/api/cloudsso/users/${manual.UserId}`);

    // Leaving the scope: disabled at CloudSSO, shown as Out of scope (the link is kept).
    await ok("POST", `${API}/accounts/${alice.id}/move`, { primaryUnitId: outside.id });
    await ok("DELETE", `${API}/groups/${group.id}/members/${alice.id}`);
    const left = await until("alice out of scope", async () => {
      const st = await stateAt("accounts", alice.id, app.id);
      return st.state === "Out of scope" && st;
    });
    expect(left).toMatchObject({ inScope: false });
    expect(left.remoteId).toBe(synced.remoteId);

    // While the application is disabled a change is kept: Deferred, with the reason.
    await ok("PUT", `${APP}/status`, { status: "Disabled" });
    await ok("PATCH", `${API}/groups/${group.id}`, { name: `OS-Group-${sfx}-renamed`, description: "" });
    const kept = await stateAt("groups", group.id, app.id);
    expect(kept).toMatchObject({ state: "Deferred", detail: "application disabled" });
    await ok("PUT", `${APP}/status`, { status: "Enabled" });
    await until("group delivered", async () => (await stateAt("groups", group.id, app.id)).state === "Synchronized");
  });

  it("answers 404 for an account or group that does not exist", async () => {
    expect((await s.call("GET", `${API}/accounts/user-missing/provisioning`)).status).toBe(404);
    expect((await s.call("GET", `${API}/groups/group-missing/provisioning`)).status).toBe(404);
  });
});

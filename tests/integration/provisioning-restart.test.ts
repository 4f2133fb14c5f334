import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloudSsoCliText } from "../support/cloudsso-cli";
import { startApp, type StartedApp } from "../setup/server";
import { signIn, type ConsoleSession } from "../support/console-session";
import { seedAccounts } from "../support/seed-accounts";
import type { TaskView } from "@/lib/idaas/provisioning/tasks/task-view";

/**
 * Restart in the middle of a Push Now: the real production server pushes IDaaS accounts and
 * groups into its own CloudSSO SCIM server over HTTP, is stopped part-way, started again on the
 * same database, and the task resumes and completes. CloudSSO (read back over SCIM) then holds
 * every user and membership exactly once.
 */
const I = "idaas-default";
const APPS = `/api/idaas/instances/${I}/applications`;
const USERS = 800;
const GROUPS = 4;

let app: StartedApp;
let s: ConsoleSession;
let secret = "";

/**
 * A stable address for the SCIM Server URL: the harness gives each start a new port, while a
 * real server comes back on the same one. This proxy forwards to whichever start is current.
 */
let proxy: net.Server;
let proxyUrl = "";
function startProxy(): Promise<void> {
  proxy = net.createServer((client) => {
    const upstream = net.connect(Number(new URL(app.baseUrl).port), "127.0.0.1");
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close);
    upstream.on("error", close);
  });
  return new Promise((r) =>
    proxy.listen(0, "127.0.0.1", () => {
      proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
      r();
    }),
  );
}

const cloudsso = (...args: string[]): string => cloudSsoCliText(app)(...args);

async function scimGetAll(kind: "Users" | "Groups") {
  const out: Record<string, unknown>[] = [];
  for (let start = 1; ; start += 100) {
    const res = await fetch(`${app.baseUrl}/scim/v2/${kind}?startIndex=${start}&count=100`, { headers: { authorization: `Bearer ${secret}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { totalResults: number; Resources: Record<string, unknown>[] };
    out.push(...body.Resources);
    if (out.length >= body.totalResults || body.Resources.length === 0) return out;
  }
}

type TaskState = TaskView;

async function latestTask(appId: string): Promise<TaskState | null> {
  const r = await s.call<{ task: TaskState | null }>("GET", `${APPS}/${appId}/push-now`);
  return r.body.task;
}

beforeAll(async () => {
  app = await startApp();
  process.env.DATABASE_URL = app.databaseUrl;
  process.env.DATA_DIR = app.dataDir;
  const { db } = await import("@/lib/db");
  // The sample directory goes straight into the database: Push Now reads it from there.
  await seedAccounts(
    db,
    I,
    Array.from({ length: USERS }, (_, i) => ({
      id: `acc-restart-${i}`,
      username: `restart${i}`,
      displayName: `Restart User ${i}`,
      email: `restart${i}@example.com`,
      primaryUnitId: "ou-root",
    })),
  );
  for (let g = 0; g < GROUPS; g++) {
    await db.idaasGroup.create({ data: { id: `grp-restart-${g}`, instanceId: I, name: `restart-group-${g}`, nameLower: `restart-group-${g}` } });
    await db.idaasGroupMember.createMany({ data: Array.from({ length: 25 }, (_, i) => ({ groupId: `grp-restart-${g}`, accountId: `acc-restart-${g * 25 + i}` })) });
  }
  await db.$disconnect();

  cloudsso("SetSCIMSynchronizationStatus", "--status", "Enabled");
  secret = (JSON.parse(cloudsso("CreateSCIMServerCredential", "--json")) as { CredentialSecret: string }).CredentialSecret;
  s = await signIn(app.baseUrl);
  await startProxy();
}, 180_000);

afterAll(async () => {
  await app?.stop();
  proxy?.close();
});

describe("Push Now across a server restart", () => {
  it("resumes after the restart and leaves nothing missing or duplicated in CloudSSO", async () => {
    const created = await s.call<{ id: string }>("POST", APPS, { templateId: "cloudsso", name: "CloudSSO restart" });
    expect(created.status).toBe(201);
    const appId = created.body.id;
    const view = (await s.call<Record<string, unknown>>("GET", `${APPS}/${appId}/provisioning`)).body;
    const saved = await s.call("PUT", `${APPS}/${appId}/provisioning`, {
      scimServerUrl: `${proxyUrl}/scim/v2`,
      bearerToken: secret,
      operations: view.operations,
      fullScope: { accounts: true, groups: true },
      userMapping: view.userMapping,
      groupMapping: view.groupMapping,
      matchAttribute: "userName",
    });
    expect(saved.status).toBe(200);
    const groupIds = Array.from({ length: GROUPS }, (_, g) => `grp-restart-${g}`);
    expect((await s.call("PUT", `${APPS}/${appId}/provisioning/scope`, { unitIds: ["ou-root"], groupIds })).status).toBe(200);
    expect((await s.call("PUT", `${APPS}/${appId}/provisioning/enabled`, { enabled: true })).status).toBe(200);

    const started = await s.call<{ task: TaskState }>("POST", `${APPS}/${appId}/push-now`, {});
    expect(started.status).toBe(200);
    const again = await s.call("POST", `${APPS}/${appId}/push-now`, {});
    expect(again.status).toBe(409);

    // Stop the server once part of the push has landed.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const t = await latestTask(appId);
      if (t && t.done >= 50) break;
      expect(t?.status).not.toBe("Successful");
      if (Date.now() > deadline) throw new Error("push made no progress");
      await new Promise((r) => setTimeout(r, 50));
    }
    await app.stop();
    app = await startApp({ dataDir: app.dataDir });
    s = await signIn(app.baseUrl);

    let task: TaskState | null = null;
    const end = Date.now() + 120_000;
    for (;;) {
      task = await latestTask(appId);
      if (task && !["Running", "Initialization"].includes(task.status)) break;
      if (Date.now() > end) throw new Error(`task did not finish: ${JSON.stringify(task)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(task.id).toBe(started.body.task.id);
    expect(task.status, task.statusDescription).toBe("Successful");
    const c = task.counters;
    expect(c.users.created.success + c.users.matched.success + c.users.unchanged.total).toBe(USERS);
    expect(c.users.created.failed + c.groups.created.failed + c.members.created.failed).toBe(0);

    const users = await scimGetAll("Users");
    const names = users.map((u) => String(u.userName).toLowerCase()).filter((n) => n.startsWith("restart"));
    expect(names).toHaveLength(USERS);
    expect(new Set(names).size).toBe(USERS);
    const groups = (await scimGetAll("Groups")).filter((g) => String(g.displayName).startsWith("restart-group-"));
    expect(groups).toHaveLength(GROUPS);
    for (const g of groups) {
      const res = await fetch(`${app.baseUrl}/scim/v2/Groups/${g.id}`, { headers: { authorization: `Bearer ${secret}` } });
      const full = (await res.json()) as { members?: { value: string }[] };
      expect(full.members ?? []).toHaveLength(25);
    }

    // A second push after the restart changes nothing.
    const second = await s.call<{ task: TaskState }>("POST", `${APPS}/${appId}/push-now`, {});
    expect(second.status).toBe(200);
    for (;;) {
      task = await latestTask(appId);
      if (task && task.id === second.body.task.id && !["Running", "Initialization"].includes(task.status)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(task.status).toBe("Successful");
    expect(task.counters.users.unchanged.total).toBe(USERS);
    expect(task.counters.users.created.total + task.counters.users.updated.total).toBe(0);
  }, 300_000);
});

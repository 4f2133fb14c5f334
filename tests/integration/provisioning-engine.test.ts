import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { accountInputSchema, groupInputSchema, type AccountFormValues, type GroupFormValues } from "@/lib/idaas/schemas";
import { startFakeScimServer, type FakeScimServer } from "./provisioning-fake-scim";

/**
 * The provisioning engine against a throwaway SCIM server that fails transiently (500, 429 with
 * Retry-After, hangs, connections dropped before and after the write): everything arrives
 * exactly once; permanent 4xx are reported per object; 403 fails the task with its reason.
 * Domain-level: push-now and the engine are called directly on a database of their own.
 */
const root = path.resolve(__dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "prov-engine-"));
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL = `file:${path.join(dataDir, "app.db")}`;

type Modules = {
  db: typeof import("@/lib/db").db;
  instance: typeof import("@/lib/idaas/instance");
  units: typeof import("@/lib/idaas/org-units");
  accounts: typeof import("@/lib/idaas/accounts");
  groups: typeof import("@/lib/idaas/groups");
  applications: typeof import("@/lib/idaas/applications");
  push: typeof import("@/lib/idaas/provisioning/tasks/push-now");
  runner: typeof import("@/lib/idaas/provisioning/tasks/push-runner");
  engine: typeof import("@/lib/idaas/provisioning/engine/engine");
  settings: typeof import("@/lib/idaas/provisioning/engine/settings");
  crypto: typeof import("@/lib/idaas/provisioning/config/token-crypto");
};
let m: Modules;
let scim: FakeScimServer;
let I: string;
let ROOT: string;
let inUnit: string;
let outUnit: string;

/** What a route hands the domain: the form's values parsed once with the shared schema. */
const accountInput = (values: AccountFormValues) => accountInputSchema.parse(values);
const groupInput = (values: GroupFormValues) => groupInputSchema.parse(values);
const APP = "app-engine-test";
const ALL_OPS = ["account.create", "account.update", "account.delete", "group.create", "group.update", "group.delete", "group.member.add", "group.member.remove"];

async function configure(scopeUnitIds: string[], scopeGroupIds: string[], fullScope = { accounts: true, groups: true }) {
  const data = {
    enabled: true,
    scimServerUrl: scim.url,
    tokenEncrypted: m.crypto.encryptToken(scim.token),
    tokenHint: "",
    operationsJson: JSON.stringify(ALL_OPS),
    fullScopeAccounts: fullScope.accounts,
    fullScopeGroups: fullScope.groups,
    scopeUnitIdsJson: JSON.stringify(scopeUnitIds),
    scopeGroupIdsJson: JSON.stringify(scopeGroupIds),
  };
  await m.db.provisioningConfig.upsert({ where: { applicationId: APP }, update: data, create: { applicationId: APP, ...data } });
}

async function pushNow() {
  const task = await m.push.startPushNow(I, APP);
  await m.runner.runPushTask(task.id);
  return m.db.provisioningTask.findUniqueOrThrow({ where: { id: task.id } });
}

/** Drains the outbox, waiting out scheduled retries, until no event is open. */
async function settle(timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await m.engine.drainOutbox();
    const open = await m.db.provisioningEvent.count({ where: { status: { in: ["pending", "processing"] } } });
    if (open === 0) return;
    if (Date.now() > deadline) throw new Error(`${open} events still open`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const remoteUser = (userName: string) => [...scim.users.values()].find((u) => u.userName === userName);
const remoteGroup = (name: string) => [...scim.groups.values()].find((g) => g.displayName === name);

function expectNoDuplicates() {
  for (const [key, n] of scim.creates) expect(n, `${key} created ${n} times`).toBe(1);
  const names = [...scim.users.values()].map((u) => u.userName.toLowerCase());
  expect(new Set(names).size).toBe(names.length);
}

beforeAll(async () => {
  execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], { cwd: root, env: { ...process.env }, stdio: "pipe" });
  const dbm = await import("@/lib/db");
  m = {
    db: dbm.db,
    instance: await import("@/lib/idaas/instance"),
    units: await import("@/lib/idaas/org-units"),
    accounts: await import("@/lib/idaas/accounts"),
    groups: await import("@/lib/idaas/groups"),
    applications: await import("@/lib/idaas/applications"),
    push: await import("@/lib/idaas/provisioning/tasks/push-now"),
    runner: await import("@/lib/idaas/provisioning/tasks/push-runner"),
    engine: await import("@/lib/idaas/provisioning/engine/engine"),
    settings: await import("@/lib/idaas/provisioning/engine/settings"),
    crypto: await import("@/lib/idaas/provisioning/config/token-crypto"),
  };
  await dbm.ensurePragmas();
  await m.instance.ensureDefaultInstance();
  I = m.instance.DEFAULT_INSTANCE_ID;
  ROOT = m.instance.ROOT_UNIT_ID;
  // Short delays so retries (and Retry-After: 0) play out within the test.
  m.settings.configureEngine({ baseDelayMs: 5, maxDelayMs: 50, requestTimeoutMs: 400, pushAttempts: 30, eventAttempts: 40 });
  await m.db.idaasApplication.create({ data: { id: APP, instanceId: I, templateId: "cloudsso", name: "CloudSSO (engine test)" } });
  inUnit = (await m.units.createUnit(I, { name: "Engineering", parentId: ROOT })).id;
  const sub = (await m.units.createUnit(I, { name: "Platform", parentId: inUnit })).id;
  outUnit = (await m.units.createUnit(I, { name: "Contractors", parentId: ROOT })).id;
  for (let i = 0; i < 40; i++) {
    await m.accounts.createAccount(I, accountInput({ username: `eng${i}`, displayName: `Engineer ${i}`, email: `eng${i}@example.com`, primaryUnitId: i % 2 ? sub : inUnit }));
  }
  for (let i = 0; i < 6; i++) await m.accounts.createAccount(I, accountInput({ username: `ext${i}`, primaryUnitId: outUnit }));
});

afterAll(async () => {
  await scim?.close();
});

beforeEach(async () => {
  await scim?.close();
  scim = await startFakeScimServer();
  await m.db.provisioningLink.deleteMany();
  await m.db.provisioningEvent.deleteMany();
});

describe("Push Now against a flaky SCIM server", () => {
  it("pushes users, groups and members exactly once through 500/429/hangs/drops; a second push writes nothing", async () => {
    const g1 = await m.groups.createGroup(I, groupInput({ name: "Backend" }));
    const ext = await m.db.idaasAccount.findFirstOrThrow({ where: { username: "ext0" } });
    const engs = await m.db.idaasAccount.findMany({ where: { username: { startsWith: "eng" } }, orderBy: { username: "asc" } });
    // ext0 is in scope only through the scoped group.
    await m.groups.addGroupMembers(I, g1.id, { accountIds: [engs[0].id, engs[1].id, ext.id] });
    await configure([inUnit], [g1.id]);

    scim.setFaults(0.3);
    const task = await pushNow();
    scim.setFaults(0);

    expect(task.status).toBe("Successful");
    // Progress ends complete: every object processed is counted in the total too.
    expect(task.done).toBe(task.total);
    expect(task.total).toBeGreaterThanOrEqual(41);
    expect(scim.faultsInjected).toBeGreaterThan(10);
    expect(scim.users.size).toBe(41);
    expectNoDuplicates();
    expect(remoteUser("ext1")).toBeUndefined();
    expect(remoteUser("eng3")?.displayName).toBe("Engineer 3");
    const group = remoteGroup("Backend")!;
    expect(group.members.sort()).toEqual([remoteUser("eng0")!.id, remoteUser("eng1")!.id, remoteUser("ext0")!.id].sort());

    const counters = JSON.parse(task.countersJson);
    expect(counters.users.created.success + counters.users.matched.success).toBe(41);
    expect(counters.groups.created.success + counters.groups.matched.success).toBe(1);
    // A member PATCH whose answer was dropped is found applied on the retry: counted unchanged.
    expect(counters.members.created.success + counters.members.unchanged.total).toBe(3);
    expect(counters.members.created.failed).toBe(0);
    expect(await m.db.provisioningLog.count({ where: { taskId: task.id, objectType: "user" } })).toBe(41);

    const writes = scim.writes;
    const again = await pushNow();
    expect(again.status).toBe("Successful");
    expect(scim.writes).toBe(writes);
    const c2 = JSON.parse(again.countersJson);
    expect(c2.users.unchanged.total).toBe(41);
    expect(c2.groups.unchanged.total).toBe(1);
    expect(c2.members.unchanged.total).toBe(3);
    expect(c2.users.created.total + c2.users.updated.total + c2.users.matched.total).toBe(0);

    await m.groups.removeGroupMember(I, g1.id, ext.id);
    await m.groups.deleteGroup(I, g1.id);
  });

  it("reports a permanent 4xx per object and still pushes the rest (Partially Succeeded)", async () => {
    await configure([inUnit], []);
    scim.rejectUserNames.add("eng7");
    scim.setFaults(0.15, ["500", "429", "drop-after"]);
    const task = await pushNow();
    expect(task.status).toBe("Partially Succeeded");
    expect(scim.users.size).toBe(39);
    expectNoDuplicates();
    const failed = await m.db.provisioningLog.findMany({ where: { taskId: task.id, result: "Failed" } });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ objectName: "eng7", httpStatus: 400, scimType: "invalidValue" });
    expect(failed[0].detail).toContain("not allowed");
  });

  it("ends Failed with the 403 reason when the target's SCIM is switched off; Retrigger succeeds once it is on", async () => {
    await configure([inUnit], []);
    scim.setForbidden(true);
    const task = await pushNow();
    expect(task.status).toBe("Failed");
    expect(task.statusDescription).toContain("SCIM synchronization is disabled");
    const log = await m.db.provisioningLog.findFirstOrThrow({ where: { taskId: task.id, result: "Failed" } });
    expect(log.httpStatus).toBe(403);
    expect(log.detail).toContain("SCIM synchronization is disabled");

    scim.setForbidden(false);
    const retried = await m.push.retriggerTask(I, task.id);
    await m.runner.runPushTask(retried.id);
    const done = await m.db.provisioningTask.findUniqueOrThrow({ where: { id: retried.id } });
    expect(done.status).toBe("Successful");
    expect(scim.users.size).toBe(40);
  });

  it("resumes an interrupted task without pushing or counting anything twice", async () => {
    await configure([inUnit], []);
    const task = await m.push.startPushNow(I, APP);
    // Simulate a crash after part of the work: some objects already pushed and logged.
    await m.runner.runPushTask(task.id);
    const firstLogs = await m.db.provisioningLog.count({ where: { taskId: task.id } });
    await m.db.provisioningLog.deleteMany({ where: { taskId: task.id, objectName: { in: ["eng1", "eng2"] } } });
    await m.db.provisioningLink.deleteMany({ where: { localId: { in: (await m.db.idaasAccount.findMany({ where: { username: { in: ["eng1", "eng2"] } } })).map((a) => a.id) } } });
    await m.db.provisioningTask.update({ where: { id: task.id }, data: { status: "Running", endTime: null } });
    const writes = scim.writes;
    await m.runner.runPushTask(task.id);
    const resumed = await m.db.provisioningTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(resumed.status).toBe("Successful");
    expect(await m.db.provisioningLog.count({ where: { taskId: task.id } })).toBe(firstLogs);
    // The two unlinked users were found by userName and linked again, not created twice.
    expect(scim.writes - writes).toBe(2);
    expectNoDuplicates();
    const counters = JSON.parse(resumed.countersJson);
    expect(counters.users.created.success).toBe(38);
    expect(counters.users.matched.success).toBe(2);
  });
});

describe("real-time pushes", () => {
  it("follows edits, disable, scope moves, deletes and member adds through transient faults, exactly once", async () => {
    const g = await m.groups.createGroup(I, groupInput({ name: "Realtime" }));
    await configure([inUnit], [g.id]);
    await pushNow();
    scim.setFaults(0.3);

    const a = await m.db.idaasAccount.findFirstOrThrow({ where: { username: "eng5" } });
    await m.accounts.updateAccount(I, a.id, accountInput({ username: "eng5", displayName: "Renamed Five", email: "eng5@example.com", primaryUnitId: a.primaryUnitId }));
    const b = await m.db.idaasAccount.findFirstOrThrow({ where: { username: "eng6" } });
    await m.accounts.setAccountStatus(I, b.id, "Disabled");
    const c = await m.db.idaasAccount.findFirstOrThrow({ where: { username: "eng8" } });
    await m.accounts.moveAccount(I, c.id, { primaryUnitId: outUnit });
    const d = await m.db.idaasAccount.findFirstOrThrow({ where: { username: "eng9" } });
    await m.accounts.deleteAccount(I, d.id);
    const created = await m.accounts.createAccount(I, accountInput({ username: "newbie", primaryUnitId: inUnit }));
    const ext = await m.db.idaasAccount.findFirstOrThrow({ where: { username: "ext2" } });
    await m.groups.addGroupMembers(I, g.id, { accountIds: [ext.id, created.id] });
    await settle();
    scim.setFaults(0);

    expect(remoteUser("eng5")?.displayName).toBe("Renamed Five");
    expect(remoteUser("eng6")?.active).toBe(false);
    expect(remoteUser("eng8")?.active).toBe(false);
    expect(remoteUser("eng9")).toBeUndefined();
    expect(remoteUser("newbie")?.active).toBe(true);
    const group = remoteGroup("Realtime")!;
    expect(group.members.sort()).toEqual([remoteUser("ext2")!.id, remoteUser("newbie")!.id].sort());
    expectNoDuplicates();
    const logs = await m.db.provisioningLog.findMany({ where: { taskId: null, objectName: "eng8" } });
    expect(logs.map((l) => l.action)).toContain("Disable");

    // Back in scope: the same remote user is re-enabled, not created again.
    await m.accounts.moveAccount(I, c.id, { primaryUnitId: inUnit });
    await settle();
    expect(remoteUser("eng8")?.active).toBe(true);
    expectNoDuplicates();
  });

  it("keeps events of a disabled application and delivers them when it is enabled again", async () => {
    await configure([inUnit], []);
    await m.db.idaasApplication.update({ where: { id: APP }, data: { status: "Disabled" } });
    const a = await m.db.idaasAccount.findFirstOrThrow({ where: { username: "eng11" } });
    await m.db.provisioningEvent.create({ data: { applicationId: APP, objectType: "user", objectId: a.id, action: "sync", payloadJson: "{}" } });
    await settle();
    expect(scim.writes).toBe(0);
    expect(await m.db.provisioningEvent.count({ where: { status: "deferred" } })).toBe(1);
    await m.applications.setApplicationStatus(m.instance.DEFAULT_INSTANCE_ID, APP, { status: "Enabled" });
    await settle();
    expect(await m.db.provisioningEvent.count({ where: { status: "deferred" } })).toBe(0);
    expect(scim.writes).toBeGreaterThan(0);
  });

  it("releases kept events after a restart that happened between enabling the application and releasing them", async () => {
    await configure([inUnit], []);
    await m.db.idaasApplication.update({ where: { id: APP }, data: { status: "Disabled" } });
    const a = await m.db.idaasAccount.findFirstOrThrow({ where: { username: "eng12" } });
    await m.db.provisioningEvent.create({ data: { applicationId: APP, objectType: "user", objectId: a.id, action: "sync", payloadJson: "{}" } });
    await settle();
    expect(await m.db.provisioningEvent.count({ where: { status: "deferred" } })).toBe(1);
    // Enabled, then the process dies before the release: only the status row changed.
    await m.db.idaasApplication.update({ where: { id: APP }, data: { status: "Enabled" } });
    await m.engine.stopProvisioningEngine();
    await settle();
    expect(await m.db.provisioningEvent.count({ where: { status: "deferred" } })).toBe(0);
    expect(await m.db.provisioningEvent.count({ where: { objectId: a.id, status: "done" } })).toBe(1);
  });
});

import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskView } from "@/lib/idaas/provisioning/tasks/task-view";
import { startFakeScimServer, type FakeScimServer } from "../integration/provisioning-fake-scim";
import { startApp, type StartedApp } from "../setup/server";
import { signIn, type ConsoleSession } from "../support/console-session";
import { runSize } from "./support/run-size";
import { openDb, sqlDate } from "./support/scim-target";

/**
 * The provisioning engine of a started server against a throwaway SCIM target that fails 30% of
 * requests — 500s, 429 + Retry-After, hangs past the client timeout, connections dropped before and
 * after the write was applied — over a large Push Now: every account, group and membership arrives
 * exactly once. Then the same with the server killed mid-push and started again on its database.
 */
const ACCOUNTS = runSize(2000, 150);
const GROUPS = runSize(20, 3);
const MEMBERS_PER_GROUP = runSize(25, 10);
const FAULT_RATE = 0.3;
const I = "idaas-default";
const IA = `/api/idaas/instances/${I}`;

// The server's engine: a short per-request timeout so hangs cost little, fast backoff, and enough
// attempts that a 30% fault rate (about half of all two-request deliveries hit one) still gets through.
const ENGINE_ENV: NodeJS.ProcessEnv = {
  NODE_ENV: "production",
  PROVISIONING_REQUEST_TIMEOUT_MS: "500",
  PROVISIONING_RETRY_BASE_MS: "10",
  PROVISIONING_RETRY_MAX_MS: "200",
  PROVISIONING_PUSH_ATTEMPTS: "40",
  PROVISIONING_EVENT_ATTEMPTS: "40",
};

let app: StartedApp;
let s: ConsoleSession;
let db: Database.Database;
const targets: FakeScimServer[] = [];
const report = { faults: 0, lost: 0, duplicated: 0 };

type Task = TaskView;

/** The sample directory, written straight into the database (Push Now reads it from there). */
function seedDirectory(prefix: string) {
  const now = sqlDate(new Date());
  const insertAccount = db.prepare(
    `INSERT INTO IdaasAccount (id, instanceId, username, usernameLower, displayName, email, emailLower, externalId, primaryUnitId, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ou-root', ?, ?)`,
  );
  const insertGroup = db.prepare(`INSERT INTO IdaasGroup (id, instanceId, name, nameLower, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertMember = db.prepare(`INSERT INTO IdaasGroupMember (groupId, accountId, createdAt) VALUES (?, ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < ACCOUNTS; i++) {
      const id = `acc-${prefix}-${i}`;
      const name = `${prefix}.${i}`;
      insertAccount.run(id, I, name, name, `${prefix} user ${i}`, `${name}@example.com`, `${name}@example.com`, id, now, now);
    }
    for (let g = 0; g < GROUPS; g++) {
      insertGroup.run(`grp-${prefix}-${g}`, I, `${prefix}-group-${g}`, `${prefix}-group-${g}`, now, now);
      for (let m = 0; m < MEMBERS_PER_GROUP; m++) insertMember.run(`grp-${prefix}-${g}`, `acc-${prefix}-${(g * MEMBERS_PER_GROUP + m) % ACCOUNTS}`, now);
    }
  })();
}

async function must<T>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await s.call<T>(method, path, body);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** An application pushing the organization's accounts and the seeded groups to `target`, switched on. */
async function application(name: string, target: FakeScimServer, prefix: string): Promise<string> {
  const appId = (await must<{ id: string }>("POST", `${IA}/applications`, { templateId: "scim2", name })).id;
  const api = `${IA}/applications/${appId}`;
  const view = await must<Record<string, unknown>>("GET", `${api}/provisioning`);
  await must("PUT", `${api}/provisioning`, {
    scimServerUrl: target.url,
    bearerToken: target.token,
    // Real-time events stay off: this measures Push Now alone, so the counts are exact.
    operations: [],
    fullScope: { accounts: true, groups: true },
    userMapping: view.userMapping,
    groupMapping: view.groupMapping,
    matchAttribute: "userName",
  });
  // Groups are pushed when selected in the provisioning scope.
  const groupIds = Array.from({ length: GROUPS }, (_, g) => `grp-${prefix}-${g}`);
  await must("PUT", `${api}/provisioning/scope`, { unitIds: ["ou-root"], groupIds });
  await must("PUT", `${api}/provisioning/enabled`, { enabled: true });
  return appId;
}

async function waitForTask(appId: string, until: (t: Task) => boolean, timeoutMs: number): Promise<Task> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const t = (await must<{ task: Task | null }>("GET", `${IA}/applications/${appId}/push-now`)).task;
    if (t && until(t)) return t;
    if (Date.now() > deadline) throw new Error(`task not there in time: ${JSON.stringify(t)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const finished = (t: Task) => !["Running", "Initialization"].includes(t.status);

/** What the target must hold: every account once, every group once with exactly its members. */
function checkTarget(target: FakeScimServer, prefix: string) {
  const problems: string[] = [];
  const byName = new Map<string, string[]>();
  for (const u of target.users.values()) byName.set(u.userName.toLowerCase(), [...(byName.get(u.userName.toLowerCase()) ?? []), u.id]);
  let lost = 0;
  let duplicated = 0;
  for (let i = 0; i < ACCOUNTS; i++) {
    const found = byName.get(`${prefix}.${i}`) ?? [];
    if (found.length === 0) lost++;
    if (found.length > 1) duplicated += found.length - 1;
  }
  for (const [key, n] of target.creates) {
    if (n > 1) problems.push(`${key} created ${n} times`);
  }
  const idOf = (i: number) => (byName.get(`${prefix}.${i}`) ?? [])[0];
  for (let g = 0; g < GROUPS; g++) {
    const groups = [...target.groups.values()].filter((x) => x.displayName === `${prefix}-group-${g}`);
    if (groups.length === 0) {
      lost += 1 + MEMBERS_PER_GROUP;
      continue;
    }
    if (groups.length > 1) duplicated += groups.length - 1;
    const expected = Array.from({ length: MEMBERS_PER_GROUP }, (_, m) => idOf((g * MEMBERS_PER_GROUP + m) % ACCOUNTS)).sort();
    const actual = [...groups[0].members].sort();
    lost += expected.filter((x) => !actual.includes(x)).length;
    duplicated += actual.length - new Set(actual).size;
    if (actual.some((x) => !expected.includes(x))) problems.push(`${prefix}-group-${g} has members it should not`);
  }
  if (target.users.size !== ACCOUNTS) problems.push(`target holds ${target.users.size} users, expected ${ACCOUNTS}`);
  return { lost, duplicated, problems };
}

beforeAll(async () => {
  app = await startApp({ env: ENGINE_ENV });
  s = await signIn(app.baseUrl);
  db = openDb(app);
});

afterAll(async () => {
  db?.close();
  await app?.stop();
  for (const t of targets) await t.close();
  console.log(`[faults] faults injected: ${report.faults}, objects lost: ${report.lost}, duplicated: ${report.duplicated}`);
});

describe("Push Now against a target failing 30% of requests", () => {
  it(`delivers ${ACCOUNTS} accounts and ${GROUPS} groups exactly once through 500/429/hangs/drops`, async () => {
    seedDirectory("flaky");
    const target = await startFakeScimServer();
    targets.push(target);
    target.setFaults(FAULT_RATE);
    const appId = await application("Flaky target", target, "flaky");
    const started = (await must<{ task: Task }>("POST", `${IA}/applications/${appId}/push-now`)).task;
    const task = await waitForTask(appId, finished, 600_000);
    target.setFaults(0);

    expect(task.id).toBe(started.id);
    const { lost, duplicated, problems } = checkTarget(target, "flaky");
    report.faults += target.faultsInjected;
    report.lost += lost;
    report.duplicated += duplicated;
    console.log(`[faults] flaky push: ${target.faultsInjected} faults injected over ${ACCOUNTS} accounts, task ${task.status}, lost ${lost}, duplicated ${duplicated}`);
    expect(problems).toEqual([]);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(task.status, task.statusDescription).toBe("Successful");
    expect(target.faultsInjected).toBeGreaterThan(ACCOUNTS * 0.3);
  });
});

describe("Push Now across a server crash", () => {
  it("resumes after the server is killed mid-push and started again on its database", async () => {
    // This directory's accounts only: the first test's accounts are in the same organization.
    db.prepare("DELETE FROM IdaasGroupMember").run();
    db.prepare("DELETE FROM IdaasGroup").run();
    db.prepare("DELETE FROM IdaasAccount").run();
    seedDirectory("crash");
    const target = await startFakeScimServer();
    targets.push(target);
    target.setFaults(FAULT_RATE);
    const appId = await application("Crash target", target, "crash");
    await must("POST", `${IA}/applications/${appId}/push-now`);
    const midway = await waitForTask(appId, (t) => t.done >= t.total * 0.3 || finished(t), 600_000);
    expect(finished(midway), "the push finished before the crash; nothing was tested").toBe(false);

    // A crash, not a shutdown: no chance to finish in-flight work or release anything.
    const exited = new Promise((r) => app.child.once("exit", r));
    app.child.kill("SIGKILL");
    await exited;
    const writesAtCrash = target.writes;
    db.close();
    app = await startApp({ dataDir: app.dataDir, env: ENGINE_ENV });
    s = await signIn(app.baseUrl);
    db = openDb(app);

    const task = await waitForTask(appId, finished, 600_000);
    target.setFaults(0);
    const { lost, duplicated, problems } = checkTarget(target, "crash");
    report.faults += target.faultsInjected;
    report.lost += lost;
    report.duplicated += duplicated;
    console.log(
      `[faults] crash at ${midway.done}/${midway.total} (${writesAtCrash} writes), task ${task.status} after restart, ${target.faultsInjected} faults injected, lost ${lost}, duplicated ${duplicated}`,
    );
    expect(problems).toEqual([]);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(task.status, task.statusDescription).toBe("Successful");
    expect(target.writes).toBeGreaterThan(writesAtCrash);
  });
});

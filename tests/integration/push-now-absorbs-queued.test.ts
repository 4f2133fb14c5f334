import { beforeAll, describe, expect, inject, it } from "vitest";
import type { TaskView } from "@/lib/idaas/provisioning/tasks/task-view";
import { configuredCloudSsoApp } from "../support/cloudsso-app";
import { cloudSsoCli, scimCredentialForFile } from "../support/cloudsso-cli";
import { signIn, type ConsoleSession } from "../support/console-session";
import { seedAccounts } from "../support/seed-accounts";
import { until } from "../support/until";

/**
 * Saving a scope over many accounts queues a real-time change for each; an administrator who then
 * clicks Push Now (the seed's next step) gets one push of each object, not two paths racing for the
 * same objects: the changes queued before the push are left to it, and their Real-time Log entries
 * say which task delivered them. Every account is created in CloudSSO exactly once, nothing stays
 * Pending, and a change made after the push is delivered in real time as usual.
 */
const baseUrl = inject("baseUrl");
const I = "idaas-default";
const IA = `/api/idaas/instances/${I}`;
const sfx = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const ACCOUNTS = 600;
const cli = cloudSsoCli({ databaseUrl: inject("databaseUrl"), dataDir: inject("dataDir") });
const credential = scimCredentialForFile(cli);

let s: ConsoleSession;
let db: typeof import("@/lib/db").db;
const unitId = `ou-absorb-${sfx}`;
const accountId = (n: number) => `acc-absorb-${sfx}-${String(n).padStart(4, "0")}`;
const username = (n: number) => `absorb${sfx}.${n}`;

interface LogItem {
  objectName: string;
  action: string;
  result: string;
  detail: string | null;
}

async function scim<T>(path: string): Promise<T> {
  const res = await fetch(`${baseUrl}/scim/v2${path}`, { headers: { authorization: `Bearer ${credential.secret}` } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

async function allLogs(path: string): Promise<LogItem[]> {
  const out: LogItem[] = [];
  for (let page = 1; ; page++) {
    const r = await s.call<{ items: LogItem[] }>("GET", `${path}${path.includes("?") ? "&" : "?"}pageSize=100&page=${page}`);
    expect(r.status).toBe(200);
    out.push(...r.body.items);
    if (r.body.items.length < 100) return out;
  }
}

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  process.env.DATA_DIR = inject("dataDir");
  db = (await import("@/lib/db")).db;
  s = await signIn(baseUrl);
  await db.idaasOrgUnit.create({ data: { id: unitId, instanceId: I, parentId: "ou-root", name: `Absorb ${sfx}` } });
  await seedAccounts(
    db,
    I,
    Array.from({ length: ACCOUNTS }, (_, n) => ({ id: accountId(n), username: username(n), displayName: `Absorb User ${n}`, primaryUnitId: unitId })),
  );
}, 60_000);

describe("Push Now right after a scope change", () => {
  it("pushes each account once; the queued changes say Push Now delivered them; later edits still go out in real time", async () => {
    // The application connected with an empty scope, then the unit saved as its scope (600 queued
    // creates), then Push Now at once — as a person clicking through the seed does.
    const app = await configuredCloudSsoApp(s, IA, {
      name: `Absorb ${sfx}`,
      scope: { unitIds: [], groupIds: [] },
      scimServerUrl: `${baseUrl}/scim/v2`,
      bearerToken: credential.secret,
    });
    expect((await s.call("PUT", `${app.api}/provisioning/scope`, { unitIds: [unitId], groupIds: [] })).status).toBe(200);
    const started = await s.call<{ task: TaskView }>("POST", `${app.api}/push-now`, {});
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const taskId = started.body.task.id;
    const task = await until(
      "the push to finish",
      async () => {
        const t = (await s.call<TaskView>("GET", `${IA}/provisioning/tasks/${taskId}`)).body;
        return ["Running", "Initialization"].includes(t.status) ? null : t;
      },
      60_000,
    );
    expect(task.status, task.statusDescription).toBe("Successful");

    // Nothing stays Pending: every queued change is settled, by the push or by the engine.
    const realtime = await until(
      "every queued change to be settled",
      async () => {
        const items = await allLogs(`${IA}/provisioning/logs?objectType=user&search=${encodeURIComponent(`absorb${sfx}.`)}`);
        return items.length === ACCOUNTS && items.every((i) => ["Success", "Skipped"].includes(i.result)) ? items : null;
      },
      30_000,
    );
    const pushed = new Map((await allLogs(`${IA}/provisioning/tasks/${taskId}/logs?objectType=user`)).map((l) => [l.objectName, l]));
    expect(pushed.size).toBe(ACCOUNTS);

    // Each account was created once: by the push, or by the engine before the push began (then the
    // push found it unchanged). A change the push delivered says so and carries the push's outcome.
    const creators = new Map<string, number>();
    let absorbed = 0;
    for (const r of realtime) {
      const p = pushed.get(r.objectName)!;
      if (r.detail === `Delivered by Push Now task ${taskId}.`) {
        absorbed++;
        expect(r.action).toBe(p.action);
        expect(r.result).toBe(p.result);
      } else if (r.action === "Create") {
        creators.set(r.objectName, (creators.get(r.objectName) ?? 0) + 1);
      }
      if (p.action === "Create") creators.set(r.objectName, (creators.get(r.objectName) ?? 0) + 1);
    }
    expect(absorbed).toBeGreaterThan(0);
    expect(creators.size).toBe(ACCOUNTS);
    expect([...creators.values()].every((n) => n === 1)).toBe(true);
    expect(task.counters.users.created.success + task.counters.users.unchanged.total).toBe(ACCOUNTS);
    expect(task.counters.users.matched.success).toBe(0);
    const remote = await scim<{ totalResults: number }>(`/Users?count=0&filter=${encodeURIComponent(`userName sw "absorb${sfx}."`)}`);
    expect(remote.totalResults).toBe(ACCOUNTS);

    // After the push, an edit is delivered in real time again.
    const edited = await s.call("PATCH", `${IA}/accounts/${accountId(7)}`, { username: username(7), displayName: `Edited ${sfx}`, primaryUnitId: unitId });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    await until(
      "the edit to reach CloudSSO",
      async () => {
        const r = await scim<{ Resources: { displayName: string }[] }>(`/Users?filter=${encodeURIComponent(`userName eq "${username(7)}"`)}`);
        return r.Resources[0]?.displayName === `Edited ${sfx}` ? true : null;
      },
      10_000,
    );
  });
});

describe("Push Now right after a scope change, with an account CloudSSO refuses", () => {
  it("leaves the refused account's change queued: it is delivered afterwards and fails visibly, never shown as done by the push", async () => {
    const unit = `ou-absorbf-${sfx}`;
    const good = (n: number) => `absorbf${sfx}.${n}`;
    const bad = `absorbf${sfx} bad`; // a space: CloudSSO's username rules refuse it (400)
    await db.idaasOrgUnit.create({ data: { id: unit, instanceId: I, parentId: "ou-root", name: `Absorb refused ${sfx}` } });
    await seedAccounts(db, I, [
      ...Array.from({ length: 300 }, (_, n) => ({ id: `acc-absorbf-${sfx}-${n}`, username: good(n), primaryUnitId: unit })),
      { id: `acc-absorbf-${sfx}-bad`, username: bad, primaryUnitId: unit },
    ]);
    const app = await configuredCloudSsoApp(s, IA, {
      name: `Absorb refused ${sfx}`,
      scope: { unitIds: [], groupIds: [] },
      scimServerUrl: `${baseUrl}/scim/v2`,
      bearerToken: credential.secret,
    });
    expect((await s.call("PUT", `${app.api}/provisioning/scope`, { unitIds: [unit], groupIds: [] })).status).toBe(200);
    const started = await s.call<{ task: TaskView }>("POST", `${app.api}/push-now`, {});
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const task = await until(
      "the push to finish",
      async () => {
        const t = (await s.call<TaskView>("GET", `${IA}/provisioning/tasks/${started.body.task.id}`)).body;
        return ["Running", "Initialization"].includes(t.status) ? null : t;
      },
      60_000,
    );
    expect(task.status, task.statusDescription).toBe("Partially Succeeded");
    expect(task.counters.users.created.failed).toBe(1);

    // The refused account's change is not settled by the push: the engine delivers it, CloudSSO
    // refuses it again, and its entry ends Failed with the reason — no entry of it claims success.
    const entries = await until(
      "every queued change to be settled",
      async () => {
        const items = await allLogs(`${IA}/provisioning/logs?objectType=user&search=${encodeURIComponent(`absorbf${sfx}`)}`);
        return items.length === 301 && items.every((i) => ["Success", "Skipped", "Failed"].includes(i.result)) ? items : null;
      },
      30_000,
    );
    const refused = entries.filter((e) => e.objectName === bad);
    expect(refused).toHaveLength(1);
    expect(refused[0].result).toBe("Failed");
    expect(refused[0].detail ?? "").not.toMatch(/Push Now task/);
    expect(entries.filter((e) => e.objectName !== bad).every((e) => e.result !== "Failed")).toBe(true);
    // The others' changes were held for the push and settled by it (so the refused one was too, and was released).
    expect(entries.some((e) => e.detail === `Delivered by Push Now task ${task.id}.`)).toBe(true);
    const remote = await scim<{ totalResults: number }>(`/Users?count=0&filter=${encodeURIComponent(`userName sw "absorbf${sfx}."`)}`);
    expect(remote.totalResults).toBe(300);
  });
});

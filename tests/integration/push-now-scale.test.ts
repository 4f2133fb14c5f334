import { beforeAll, describe, expect, inject, it } from "vitest";
import type { TaskView } from "@/lib/idaas/provisioning/tasks/task-view";
import { configuredCloudSsoApp } from "../support/cloudsso-app";
import { cloudSsoCli, scimCredentialForFile } from "../support/cloudsso-cli";
import { signIn, type ConsoleSession } from "../support/console-session";
import { seedAccounts } from "../support/seed-accounts";
import { until } from "../support/until";

/**
 * Issue 12 item 3 at a small size: Push Now reads the directory in chunks (more accounts than one
 * chunk, a group with more members than one membership PATCH) and still pushes every user and
 * member exactly once into the real CloudSSO SCIM server over HTTP; a re-push sends only what
 * changed — one edited account, two members removed — and counts the rest unchanged.
 */
const baseUrl = inject("baseUrl");
const I = "idaas-default";
const IA = `/api/idaas/instances/${I}`;
const sfx = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const ACCOUNTS = 1_150;
const MEMBERS = 620;
const cli = cloudSsoCli({ databaseUrl: inject("databaseUrl"), dataDir: inject("dataDir") });
const credential = scimCredentialForFile(cli);

let s: ConsoleSession;
let db: typeof import("@/lib/db").db;
let appApi = "";
const unitId = `ou-scale-${sfx}`;
const groupId = `grp-scale-${sfx}`;
const accountId = (n: number) => `acc-scale-${sfx}-${String(n).padStart(5, "0")}`;
const username = (n: number) => `scale${sfx}.${n}`;

async function scim<T>(path: string): Promise<T> {
  const res = await fetch(`${baseUrl}/scim/v2${path}`, { headers: { authorization: `Bearer ${credential.secret}` } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

async function push(): Promise<TaskView> {
  const started = await s.call<{ task: TaskView }>("POST", `${appApi}/push-now`, {});
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  return until(
    "the push to finish",
    async () => {
      const t = (await s.call<{ task: TaskView }>("GET", `${appApi}/push-now`)).body.task;
      return t && t.id === started.body.task.id && !["Running", "Initialization"].includes(t.status) ? t : null;
    },
    120_000,
  );
}

async function remoteGroupMembers(): Promise<string[]> {
  const found = await scim<{ Resources: { id: string }[] }>(`/Groups?filter=${encodeURIComponent(`displayName eq "Scale ${sfx}"`)}`);
  expect(found.Resources).toHaveLength(1);
  const group = await scim<{ members?: { value: string }[] }>(`/Groups/${found.Resources[0].id}`);
  return (group.members ?? []).map((m) => m.value);
}

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  process.env.DATA_DIR = inject("dataDir");
  db = (await import("@/lib/db")).db;
  s = await signIn(baseUrl);
  await db.idaasOrgUnit.create({ data: { id: unitId, instanceId: I, parentId: "ou-root", name: `Scale ${sfx}` } });
  await db.idaasGroup.create({ data: { id: groupId, instanceId: I, name: `Scale ${sfx}`, nameLower: `scale ${sfx}` } });
  // The application and its scope first, the directory after (straight into the tables, as an
  // import fills it): the push, not the real-time engine, is what moves the accounts here.
  appApi = (
    await configuredCloudSsoApp(s, IA, {
      name: `Scale ${sfx}`,
      scope: { unitIds: [unitId], groupIds: [groupId] },
      scimServerUrl: `${baseUrl}/scim/v2`,
      bearerToken: credential.secret,
    })
  ).api;
  await seedAccounts(
    db,
    I,
    Array.from({ length: ACCOUNTS }, (_, n) => ({
      id: accountId(n),
      username: username(n),
      displayName: `Scale User ${n}`,
      email: `${username(n)}@example.com`,
      primaryUnitId: unitId,
    })),
  );
  await db.idaasGroupMember.createMany({ data: Array.from({ length: MEMBERS }, (_, n) => ({ groupId, accountId: accountId((n * 7) % ACCOUNTS) })) });
}, 120_000);

describe("Push Now in chunks", () => {
  it("pushes every account and member once, then a re-push sends only what changed", async () => {
    const first = await push();
    expect(first.status, first.statusDescription).toBe("Successful");
    expect(first.total).toBe(ACCOUNTS + 1 + MEMBERS);
    expect(first.done).toBe(first.total);
    expect(first.counters.users.created).toMatchObject({ success: ACCOUNTS, failed: 0 });
    expect(first.counters.members.created).toMatchObject({ success: MEMBERS, failed: 0 });
    const remote = await scim<{ totalResults: number }>(`/Users?count=0&filter=${encodeURIComponent(`userName sw "scale${sfx}."`)}`);
    expect(remote.totalResults).toBe(ACCOUNTS);
    const members = await remoteGroupMembers();
    expect(members).toHaveLength(MEMBERS);
    expect(new Set(members).size).toBe(MEMBERS);

    // Nothing changed: nothing sent, everything counted unchanged.
    const again = await push();
    expect(again.status).toBe("Successful");
    expect(again.counters.users.unchanged.total).toBe(ACCOUNTS);
    expect(again.counters.members.unchanged.total).toBe(MEMBERS);
    expect(again.counters.users.updated.total + again.counters.members.created.total + again.counters.members.deleted.total).toBe(0);

    // One account edited (in the last chunk) and two members removed, behind the engine's back.
    await db.idaasAccount.update({ where: { id: accountId(ACCOUNTS - 3) }, data: { displayName: `Renamed ${sfx}` } });
    await db.idaasGroupMember.deleteMany({ where: { groupId, accountId: { in: [accountId(7), accountId(750)] } } });
    const third = await push();
    expect(third.status, third.statusDescription).toBe("Successful");
    expect(third.counters.users.updated).toMatchObject({ total: 1, success: 1 });
    expect(third.counters.users.unchanged.total).toBe(ACCOUNTS - 1);
    expect(third.counters.members.deleted).toMatchObject({ total: 2, success: 2 });
    expect(third.counters.members.unchanged.total).toBe(MEMBERS - 2);
    expect(await remoteGroupMembers()).toHaveLength(MEMBERS - 2);
    const renamed = await scim<{ Resources: { displayName: string }[] }>(`/Users?filter=${encodeURIComponent(`userName eq "${username(ACCOUNTS - 3)}"`)}`);
    expect(renamed.Resources[0].displayName).toBe(`Renamed ${sfx}`);
    // Removed members are named by username in the task's log, like every entry.
    const removed = await s.call<{ items: { objectName: string; action: string }[] }>(
      "GET",
      `${IA}/provisioning/tasks/${third.id}/logs?objectType=membership&pageSize=100&search=${encodeURIComponent(username(750))}`,
    );
    expect(removed.body.items.map((i) => i.objectName)).toContain(`Scale ${sfx} / ${username(750)}`);
  });
});

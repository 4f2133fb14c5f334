// `npm run bench:push` (not a test): 10,000 accounts and 200 groups of 50 members pushed by Push
// Now into the app's own CloudSSO SCIM server over HTTP, on the production build (NEXT_DIST_DIR
// or .next). Prints the first push time, objects/s, the unchanged re-push time and the delay
// from an account edit (console API) to its arrival in CloudSSO (SCIM GET), p50/p95 over 100.
import { performance } from "node:perf_hooks";
import { type StartedApp, startAppForThisProcess } from "../tests/setup/server";
import { signIn } from "../tests/support/console-session";
import { seedAccounts } from "../tests/support/seed-accounts";
import type { TaskView } from "@/lib/idaas/provisioning/tasks/task-view";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 200);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 50);
const EDITS = Number(process.env.BENCH_EDITS ?? 100);
const I = "idaas-default";
const APPS = `/api/idaas/instances/${I}/applications`;

type TaskState = TaskView;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  let app: StartedApp | null = null;
  try {
    app = await startAppForThisProcess();
    const { db, ensurePragmas } = await import("@/lib/db");
    const { setScimStatus } = await import("@/lib/cloudsso/directory");
    const { createCredential } = await import("@/lib/cloudsso/credentials");
    await ensurePragmas();

    console.log(`Seeding ${ACCOUNTS} accounts and ${GROUPS} groups × ${MEMBERS} members…`);
    await db.idaasOrgUnit.create({ data: { id: "ou-bench", instanceId: I, parentId: "ou-root", name: "Bench" } });
    await seedAccounts(
      db,
      I,
      Array.from({ length: ACCOUNTS }, (_, n) => ({
        id: `acc-bench-${n}`,
        username: `bench.user${n}`,
        displayName: `Bench User ${n}`,
        givenName: "Bench",
        familyName: `User${n}`,
        email: `bench.user${n}@example.com`,
        externalId: `acc-bench-${n}`,
        primaryUnitId: "ou-bench",
      })),
    );
    for (let g = 0; g < GROUPS; g++) {
      await db.idaasGroup.create({ data: { id: `grp-bench-${g}`, instanceId: I, name: `bench-group-${g}`, nameLower: `bench-group-${g}` } });
      await db.idaasGroupMember.createMany({
        data: Array.from({ length: MEMBERS }, (_, k) => ({ groupId: `grp-bench-${g}`, accountId: `acc-bench-${(g * MEMBERS + k) % ACCOUNTS}` })),
      });
    }
    await setScimStatus(true);
    const secret = (await createCredential()).CredentialSecret;

    const s = await signIn(app.baseUrl);
    const created = await s.call<{ id: string }>("POST", APPS, { templateId: "cloudsso", name: "CloudSSO bench" });
    const appId = created.body.id;
    const view = (await s.call<Record<string, unknown>>("GET", `${APPS}/${appId}/provisioning`)).body;
    const put = await s.call("PUT", `${APPS}/${appId}/provisioning`, {
      scimServerUrl: `${app.baseUrl}/scim/v2`,
      bearerToken: secret,
      operations: view.operations,
      fullScope: { accounts: true, groups: true },
      userMapping: view.userMapping,
      groupMapping: view.groupMapping,
      matchAttribute: "userName",
    });
    if (put.status !== 200) throw new Error(`saving provisioning failed: ${JSON.stringify(put.body)}`);
    await s.call("PUT", `${APPS}/${appId}/provisioning/scope`, {
      unitIds: ["ou-bench"],
      groupIds: Array.from({ length: GROUPS }, (_, g) => `grp-bench-${g}`),
    });
    await s.call("PUT", `${APPS}/${appId}/provisioning/enabled`, { enabled: true });

    const push = async (label: string) => {
      const t0 = performance.now();
      const started = await s.call<{ task: TaskState }>("POST", `${APPS}/${appId}/push-now`, {});
      if (started.status !== 200) throw new Error(`Push Now refused: ${JSON.stringify(started.body)}`);
      let task: TaskState | null = null;
      let lastPrint = 0;
      for (;;) {
        task = (await s.call<{ task: TaskState }>("GET", `${APPS}/${appId}/push-now`)).body.task;
        if (task && task.id === started.body.task.id && !["Running", "Initialization"].includes(task.status)) break;
        if (task && performance.now() - lastPrint > 5000) {
          lastPrint = performance.now();
          console.log(`  ${label}: ${task.done}/${task.total}`);
        }
        await sleep(100);
      }
      const seconds = (performance.now() - t0) / 1000;
      return { seconds, task };
    };

    console.log("First Push Now…");
    const first = await push("first push");
    console.log(`  ${first.task.status} in ${first.seconds.toFixed(1)} s: ${first.task.statusDescription}`);
    const c = first.task.counters;
    const objects = ACCOUNTS + GROUPS + GROUPS * MEMBERS;
    console.log("Re-push with nothing changed…");
    const second = await push("re-push");
    console.log(`  ${second.task.status} in ${second.seconds.toFixed(2)} s`);

    // Edit-to-arrival: one account edit at a time through the console API; poll CloudSSO over SCIM.
    const latencies: number[] = [];
    const auth = { authorization: `Bearer ${secret}` };
    for (let i = 0; i < EDITS; i++) {
      const n = (i * 97) % ACCOUNTS;
      const userName = `bench.user${n}`;
      const found = (await (await fetch(`${app.baseUrl}/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`, { headers: auth })).json()) as {
        Resources: { id: string }[];
      };
      const remoteId = found.Resources[0].id;
      const displayName = `Edited ${i} ${Date.now()}`;
      const t0 = performance.now();
      const res = await s.call("PATCH", `/api/idaas/instances/${I}/accounts/acc-bench-${n}`, {
        username: userName,
        displayName,
        givenName: "Bench",
        familyName: `User${n}`,
        email: `${userName}@example.com`,
        primaryUnitId: "ou-bench",
      });
      if (res.status !== 200) throw new Error(`edit failed: ${JSON.stringify(res.body)}`);
      for (;;) {
        const u = (await (await fetch(`${app.baseUrl}/scim/v2/Users/${remoteId}`, { headers: auth })).json()) as { displayName?: string };
        if (u.displayName === displayName) break;
        if (performance.now() - t0 > 30_000) throw new Error(`edit ${i} did not arrive within 30 s`);
        await sleep(10);
      }
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);

    const remoteUsers = (await (await fetch(`${app.baseUrl}/scim/v2/Users?count=0`, { headers: auth })).json()) as { totalResults: number };
    console.log("\n──────── bench:push ────────");
    console.log(`objects: ${ACCOUNTS} users, ${GROUPS} groups, ${GROUPS * MEMBERS} memberships (${objects} total)`);
    console.log(`first Push Now:       ${first.seconds.toFixed(1)} s  (${first.task.status}; ${first.task.statusDescription})`);
    console.log(`  throughput:         ${Math.round(objects / first.seconds)} objects/s`);
    console.log(`  users created:      ${c.users.created.success}, failed ${c.users.created.failed}`);
    console.log(`re-push (unchanged):  ${second.seconds.toFixed(2)} s  (users unchanged ${second.task.counters.users.unchanged.total}, members unchanged ${second.task.counters.members.unchanged.total})`);
    console.log(`edit-to-arrival:      p50 ${Math.round(pct(latencies, 50))} ms, p95 ${Math.round(pct(latencies, 95))} ms, max ${Math.round(latencies.at(-1)!)} ms over ${EDITS} edits`);
    console.log(`CloudSSO users (SCIM totalResults): ${remoteUsers.totalResults}`);
    await db.$disconnect();
  } finally {
    await app?.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});

// `npm run bench:scale` (not a test): enterprise scale on the production build (NEXT_DIST_DIR or
// .next). Part 1 loads 100,000 users and one 50,000-member group into CloudSSO over SCIM
// (concurrent POSTs, members added by PATCH value lists), then prints single-member PATCH
// add/remove p50/p99 on the big group, the big group's GET time and page-of-100 req/s (three runs). Part 2
// empties that CloudSSO directory, seeds an IDaaS directory of 100,000 accounts and a 50,000-member
// group straight into its tables, and times a Push Now over HTTP into CloudSSO and a re-push with
// nothing changed, sampling the server's RSS (VmRSS every 250 ms, and VmHWM) throughout.
//
//   npm run bench:scale -- --users 20000            quick run (the group gets half the users)
//   npm run bench:scale -- --members 5000 --part push   only the Push Now part
//   npm run bench:scale -- --heap 256                 the server with --max-old-space-size=256 (default: as npm start)
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import pLimit from "p-limit";
// @ts-expect-error -- autocannon ships no type declarations; the part used here is typed below.
import autocannonUntyped from "autocannon";
import { type StartedApp, startApp } from "../tests/setup/server";
import { DEFAULT_SERVER_HEAP_MB } from "./server-heap.mjs";
import { signIn } from "../tests/support/console-session";
import { seedAccounts } from "../tests/support/seed-accounts";
import type { TaskView } from "@/lib/idaas/provisioning/tasks/task-view";

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (
  opts: { url: string; duration: number; connections: number; headers: Record<string, string>; requests: { method: string; setupRequest: (r: object) => object }[] },
  done: (err: Error | null, result: AutocannonResult) => void,
) => void;
const autocannon = autocannonUntyped as Autocannon;

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : (process.env[`BENCH_${name.toUpperCase()}`] ?? fallback);
}
const USERS = Number(flag("users", "100000"));
const MEMBERS = Math.min(USERS, Number(flag("members", String(Math.floor(USERS / 2)))));
const PART = flag("part", "all"); // all | scim | push
const SAMPLES = Number(flag("samples", "50"));
/** Old-space limit of the server in MB (0: Node's default, a share of the machine's memory). */
const HEAP = Number(flag("heap", "0"));
/** Per kind of single-member PATCH: stop sampling after this long (today's code takes seconds each). */
const SAMPLE_BUDGET_MS = Number(flag("sample-seconds", "60")) * 1000;
const I = "idaas-default";
const APPS = `/api/idaas/instances/${I}/applications`;
const SCIM_JSON = "application/scim+json";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const ms = (n: number) => `${Math.round(n)} ms`;
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

/** The server process's memory: VmRSS sampled, VmHWM (peak) read from the kernel. */
class RssSampler {
  private timer: NodeJS.Timeout | null = null;
  peakKb = 0;
  constructor(private readonly pid: number) {}
  private read(field: "VmRSS" | "VmHWM"): number {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${this.pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  }
  start() {
    // Reset the kernel's peak so VmHWM covers this phase only (clear_refs 5, our own child).
    try {
      fs.writeFileSync(`/proc/${this.pid}/clear_refs`, "5");
    } catch {
      /* not permitted: the sampled maximum still stands */
    }
    this.peakKb = this.read("VmRSS");
    this.timer = setInterval(() => (this.peakKb = Math.max(this.peakKb, this.read("VmRSS"))), 250);
  }
  stop(): { sampledPeakKb: number; hwmKb: number; nowKb: number } {
    if (this.timer) clearInterval(this.timer);
    return { sampledPeakKb: this.peakKb, hwmKb: this.read("VmHWM"), nowKb: this.read("VmRSS") };
  }
}

async function scimCall(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": SCIM_JSON, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

const userResource = (n: number) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
  userName: `user${n}@scale.example`,
  externalId: `ext-${n}`,
  name: { givenName: "Scale", familyName: `User${n}` },
  displayName: `Scale User ${n}`,
  emails: [{ value: `user${n}@scale.example`, type: "work", primary: true }],
  active: true,
});

const lines: string[] = [];
const report = (line: string) => {
  lines.push(line);
  console.log(line);
};

/** Part 1: the CloudSSO SCIM server with a big directory and one big group. */
async function scimPart(app: StartedApp, token: string) {
  const base = `${app.baseUrl}/scim/v2`;
  console.log(`Loading ${USERS} users through SCIM POST /Users (16 concurrent)…`);
  let t0 = performance.now();
  const limit = pLimit(16);
  const ids: string[] = new Array(USERS);
  await Promise.all(
    Array.from({ length: USERS }, (_, n) =>
      limit(async () => {
        const r = await scimCall(base, token, "POST", "/Users", userResource(n));
        if (r.status !== 201) throw new Error(`POST /Users ${n}: ${r.status} ${JSON.stringify(r.json)}`);
        ids[n] = (r.json as { id: string }).id;
      }),
    ),
  );
  const loadSeconds = (performance.now() - t0) / 1000;
  console.log(`  ${USERS} users in ${loadSeconds.toFixed(1)} s (${Math.round(USERS / loadSeconds)} POST/s)`);

  t0 = performance.now();
  const created = await scimCall(base, token, "POST", "/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "All employees" });
  if (created.status !== 201) throw new Error(`POST /Groups: ${created.status}`);
  const groupId = (created.json as { id: string }).id;
  const CHUNK = 1000;
  for (let i = 0; i < MEMBERS; i += CHUNK) {
    const value = ids.slice(i, Math.min(MEMBERS, i + CHUNK)).map((v) => ({ value: v }));
    const r = await scimCall(base, token, "PATCH", `/Groups/${groupId}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "add", path: "members", value }],
    });
    if (r.status !== 200 && r.status !== 204) throw new Error(`filling the group: ${r.status} ${JSON.stringify(r.json)}`);
  }
  const fillSeconds = (performance.now() - t0) / 1000;
  console.log(`  group of ${MEMBERS} members filled in ${fillSeconds.toFixed(1)} s (PATCH value lists of ${CHUNK})`);

  // Single-member add then remove of users outside the group, one request at a time.
  const outsiders = ids.slice(MEMBERS);
  const patch = async (operations: unknown[], headers: Record<string, string>, query: string) => {
    const t = performance.now();
    const r = await scimCall(base, token, "PATCH", `/Groups/${groupId}${query}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: operations }, headers);
    if (r.status !== 200 && r.status !== 204) throw new Error(`single-member PATCH: ${r.status} ${JSON.stringify(r.json)}`);
    return performance.now() - t;
  };
  /** Adds then removes each of `samples` outsiders (within `budgetMs`); latencies sorted. */
  const series = async (samples: number, budgetMs: number, headers: Record<string, string> = {}, query = "") => {
    const adds: number[] = [];
    const removes: number[] = [];
    const started = performance.now();
    for (let i = 0; i < samples && i < outsiders.length && performance.now() - started < budgetMs; i++) {
      const userId = outsiders[i];
      adds.push(await patch([{ op: "add", path: "members", value: [{ value: userId }] }], headers, query));
      removes.push(await patch([{ op: "remove", path: `members[value eq "${userId}"]` }], headers, query));
    }
    return { adds: adds.sort((a, b) => a - b), removes: removes.sort((a, b) => a - b) };
  };
  // 200 with the whole group (50,000 members in every answer).
  const { adds, removes } = await series(SAMPLES, 2 * SAMPLE_BUDGET_MS);
  // Prefer: return=minimal (RFC 7644 §3.5.2: answered 204, no body), as IDaaS sends its member PATCHes.
  const { adds: minAdds, removes: minRemoves } = await series(SAMPLES * 4, Infinity, { prefer: "return=minimal" });
  // 200 with the resource, its members left out by the request (RFC 7644 §3.9: PATCH takes
  // attributes/excludedAttributes), so the members are never read.
  const { adds: exclAdds, removes: exclRemoves } = await series(SAMPLES * 4, Infinity, {}, "?excludedAttributes=members");

  const gets: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = await scimCall(base, token, "GET", `/Groups/${groupId}`);
    if (r.status !== 200) throw new Error(`GET /Groups/{id}: ${r.status}`);
    const n = ((r.json as { members?: unknown[] }).members ?? []).length;
    if (n !== MEMBERS) throw new Error(`GET /Groups/{id} returned ${n} members, expected ${MEMBERS}`);
    gets.push(performance.now() - t);
  }
  gets.sort((a, b) => a - b);

  // Three runs of 10 s: on a shared 2-core machine one run can differ from the next by a third.
  const pages: AutocannonResult[] = [];
  for (let run = 0; run < 3; run++) {
    pages.push(
      await new Promise<AutocannonResult>((resolve, reject) =>
        autocannon(
          {
            url: app.baseUrl,
            duration: 10,
            connections: 8,
            headers: { authorization: `Bearer ${token}` },
            requests: [{ method: "GET", setupRequest: (r) => ({ ...r, path: `/scim/v2/Users?startIndex=${1 + Math.floor(Math.random() * (USERS - 100))}&count=100` }) }],
          },
          (err, r) => (err ? reject(err) : resolve(r)),
        ),
      ),
    );
  }
  const page = [...pages].sort((a, b) => a.requests.average - b.requests.average)[1];

  report(`\n──────── bench:scale · CloudSSO SCIM (${USERS} users, one group of ${MEMBERS}) ────────`);
  report(`load ${USERS} users (POST, 16 concurrent):   ${loadSeconds.toFixed(1)} s (${Math.round(USERS / loadSeconds)}/s)`);
  report(`fill the group (PATCH lists of ${CHUNK}):       ${fillSeconds.toFixed(1)} s`);
  report(`single-member PATCH add (${adds.length} samples):    p50 ${ms(pct(adds, 50))}, p99 ${ms(pct(adds, 99))}   target p99 ≤ 25 ms`);
  report(`single-member PATCH remove (${removes.length} samples): p50 ${ms(pct(removes, 50))}, p99 ${ms(pct(removes, 99))}   target p99 ≤ 25 ms`);
  report(`  with Prefer: return=minimal (${minAdds.length} samples): add p50 ${ms(pct(minAdds, 50))}, p99 ${ms(pct(minAdds, 99))}; remove p50 ${ms(pct(minRemoves, 50))}, p99 ${ms(pct(minRemoves, 99))}`);
  report(`  200 with ?excludedAttributes=members (${exclAdds.length} samples): add p50 ${ms(pct(exclAdds, 50))}, p99 ${ms(pct(exclAdds, 99))}; remove p50 ${ms(pct(exclRemoves, 50))}, p99 ${ms(pct(exclRemoves, 99))}`);
  report(`GET /Groups/{id} with ${MEMBERS} members:    median ${ms(pct(gets, 50))}, max ${ms(gets.at(-1)!)}   target ≤ 1 s`);
  report(
    `page of 100 users (8 connections, 3 × 10 s): ${pages.map((p) => Math.round(p.requests.average)).join(" / ")} req/s;` +
      ` median run p50 ${page.latency.p50} ms, p99 ${page.latency.p99} ms` +
      ` (non-2xx ${pages.reduce((n, p) => n + p.non2xx, 0)}, errors ${pages.reduce((n, p) => n + p.errors + p.timeouts, 0)})   target ≥ 500 req/s`,
  );
}

/** Part 2: Push Now of a big IDaaS directory into an empty CloudSSO directory, over HTTP. */
async function pushPart(app: StartedApp, token: string) {
  const { db } = await import("@/lib/db");
  // A fresh CloudSSO: part 1's users and groups go (straight from the tables; cascades drop members).
  await db.ssoGroup.deleteMany({});
  await db.ssoUser.deleteMany({});

  // The application is configured and its scope saved before the directory is filled (as an
  // import would fill it): a scope saved over 100,000 accounts queues a real-time sync per account,
  // and the engine would then race the Push Now this benchmark times.
  await db.idaasOrgUnit.create({ data: { id: "ou-scale", instanceId: I, parentId: "ou-root", name: "Scale" } });
  await db.idaasGroup.create({ data: { id: "grp-scale-all", instanceId: I, name: "All employees", nameLower: "all employees" } });
  const s = await signIn(app.baseUrl);
  const appId = (await s.call<{ id: string }>("POST", APPS, { templateId: "cloudsso", name: "CloudSSO scale" })).body.id;
  const view = (await s.call<Record<string, unknown>>("GET", `${APPS}/${appId}/provisioning`)).body;
  const put = await s.call("PUT", `${APPS}/${appId}/provisioning`, {
    scimServerUrl: `${app.baseUrl}/scim/v2`,
    bearerToken: token,
    operations: view.operations,
    fullScope: { accounts: true, groups: true },
    userMapping: view.userMapping,
    groupMapping: view.groupMapping,
    matchAttribute: "userName",
  });
  if (put.status !== 200) throw new Error(`saving provisioning failed: ${JSON.stringify(put.body)}`);
  await s.call("PUT", `${APPS}/${appId}/provisioning/scope`, { unitIds: ["ou-scale"], groupIds: ["grp-scale-all"] });
  await s.call("PUT", `${APPS}/${appId}/provisioning/enabled`, { enabled: true });

  console.log(`\nSeeding IDaaS: ${USERS} accounts and one group of ${MEMBERS} members (straight into the tables)…`);
  let t0 = performance.now();
  await seedAccounts(
    db,
    I,
    Array.from({ length: USERS }, (_, n) => ({
      id: `acc-scale-${String(n).padStart(7, "0")}`,
      username: `scale.user${n}`,
      displayName: `Scale User ${n}`,
      givenName: "Scale",
      familyName: `User${n}`,
      email: `scale.user${n}@example.com`,
      externalId: `acc-scale-${n}`,
      primaryUnitId: "ou-scale",
    })),
  );
  for (let i = 0; i < MEMBERS; i += 1000) {
    await db.idaasGroupMember.createMany({
      data: Array.from({ length: Math.min(1000, MEMBERS - i) }, (_, k) => ({ groupId: "grp-scale-all", accountId: `acc-scale-${String(i + k).padStart(7, "0")}` })),
    });
  }
  console.log(`  seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  /**
   * GETs of the console API, retried once: after minutes of seeding, the kept-alive socket may
   * be closed by the server just as it is reused ("fetch failed: other side closed").
   */
  const get = async <T>(path: string): Promise<T> => {
    try {
      return (await s.call<T>("GET", path)).body;
    } catch {
      return (await s.call<T>("GET", path)).body;
    }
  };
  const sampler = new RssSampler(app.child.pid!);
  const idle = new RssSampler(app.child.pid!);
  idle.start();
  const before = idle.stop();
  const push = async (label: string) => {
    await get(`${APPS}/${appId}/push-now`);
    sampler.start();
    t0 = performance.now();
    const started = await s.call<{ task: TaskView }>("POST", `${APPS}/${appId}/push-now`, {});
    if (started.status !== 200) throw new Error(`Push Now refused: ${JSON.stringify(started.body)}`);
    let task: TaskView | null = null;
    let lastPrint = performance.now();
    for (;;) {
      task = (await get<{ task: TaskView }>(`${APPS}/${appId}/push-now`)).task;
      if (task && task.id === started.body.task.id && !["Running", "Initialization"].includes(task.status)) break;
      if (task && performance.now() - lastPrint > 10_000) {
        lastPrint = performance.now();
        console.log(`  ${label}: ${task.done}/${task.total} after ${((performance.now() - t0) / 1000).toFixed(0)} s, RSS peak so far ${mb(sampler.peakKb)}`);
      }
      await sleep(250);
    }
    return { seconds: (performance.now() - t0) / 1000, task, memory: sampler.stop() };
  };

  console.log("First Push Now…");
  const first = await push("first push");
  console.log("Re-push with nothing changed…");
  const second = await push("re-push");

  const auth = { authorization: `Bearer ${token}` };
  const remoteUsers = (await (await fetch(`${app.baseUrl}/scim/v2/Users?count=0`, { headers: auth })).json()) as { totalResults: number };
  const found = (await (await fetch(`${app.baseUrl}/scim/v2/Groups?filter=${encodeURIComponent('displayName eq "All employees"')}`, { headers: auth })).json()) as {
    Resources: { id: string }[];
  };
  const remoteGroup = found.Resources[0]
    ? ((await (await fetch(`${app.baseUrl}/scim/v2/Groups/${found.Resources[0].id}`, { headers: auth })).json()) as { members?: unknown[] })
    : null;
  const c = first.task.counters;
  report(`\n──────── bench:scale · Push Now (${USERS} accounts, one group of ${MEMBERS}) ────────`);
  report(`server RSS before the push: ${mb(before.nowKb)}`);
  report(`first Push Now:        ${first.seconds.toFixed(1)} s  (${first.task.status}; ${first.task.statusDescription})   target ≤ 240 s`);
  report(`  users created ${c.users.created.success} (failed ${c.users.created.failed}), CloudSSO totalResults ${remoteUsers.totalResults}, group members ${remoteGroup?.members?.length ?? "none"}`);
  report(`  server RSS: peak sampled ${mb(first.memory.sampledPeakKb)}, VmHWM ${mb(first.memory.hwmKb)}, after ${mb(first.memory.nowKb)}   target ≤ 500 MB`);
  report(`re-push (unchanged):   ${second.seconds.toFixed(1)} s  (${second.task.status}; ${second.task.statusDescription})   target ≤ 40 s`);
  report(`  server RSS: peak sampled ${mb(second.memory.sampledPeakKb)}, VmHWM ${mb(second.memory.hwmKb)}`);
}

async function main() {
  let app: StartedApp | null = null;
  try {
    // As startAppForThisProcess, with the server's heap limit when one is asked for.
    app = await startApp(HEAP ? { env: { NODE_OPTIONS: `--max-old-space-size=${HEAP}` } } : {});
    process.env.DATABASE_URL = app.databaseUrl;
    process.env.DATA_DIR = app.dataDir;
    const { ensurePragmas } = await import("@/lib/db");
    const { setScimStatus } = await import("@/lib/cloudsso/directory");
    const { createCredential } = await import("@/lib/cloudsso/credentials");
    await ensurePragmas();
    await setScimStatus(true);
    const token = (await createCredential()).CredentialSecret;
    if (PART !== "push") await scimPart(app, token);
    if (PART !== "scim") await pushPart(app, token);
    const heap = `server heap ${HEAP || DEFAULT_SERVER_HEAP_MB} MB (--max-old-space-size${HEAP ? ", from --heap" : ", as npm start"})`;
    console.log(`\n${new Date().toISOString()} · ${USERS} users, group of ${MEMBERS}, ${heap}. Summary:\n${lines.join("\n")}`);
  } finally {
    await app?.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});

// `npm run bench:scim` (not a test): loads 10,000 users and 200 groups into a CloudSSO directory,
// then load-tests the SCIM server of the production build (NEXT_DIST_DIR or .next) with
// autocannon: filtered GET by userName, POST /Users, PATCH /Groups member add, a list page of
// 100. Prints requests/s and p50/p99 latency for each. Targets (2 cores): filtered GET ≥ 1,000
// req/s with p99 ≤ 25 ms; POST ≥ 300 req/s.
// @ts-expect-error -- autocannon ships no type declarations; the part used here is typed below.
import autocannonUntyped from "autocannon";
import { type StartedApp, startAppForThisProcess } from "../tests/setup/server";

interface BenchRequest {
  method: string;
  path?: string;
  body?: string;
  setupRequest?: (req: BenchRequest) => BenchRequest;
}
interface BenchOptions {
  url: string;
  duration?: number;
  connections?: number;
  headers?: Record<string, string>;
  requests?: BenchRequest[];
}
interface BenchResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
const autocannon = autocannonUntyped as (opts: BenchOptions, done: (err: Error | null, result: BenchResult) => void) => void;

const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 200);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);

interface Row {
  name: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function run(name: string, opts: BenchOptions): Promise<Row> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts }, (err, r) => {
      if (err) return reject(err);
      resolve({ name, reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts });
    });
  });
}

const rand = (n: number) => Math.floor(Math.random() * n);

async function main() {
  let app: StartedApp | null = null;
  try {
    app = await startAppForThisProcess();
    const { ensurePragmas } = await import("@/lib/db");
    const { setScimStatus } = await import("@/lib/cloudsso/directory");
    const { createCredential } = await import("@/lib/cloudsso/credentials");
    const { createScimUser } = await import("@/lib/cloudsso/scim-users");
    const { createScimGroup } = await import("@/lib/cloudsso/scim-groups");
    await ensurePragmas();
    await setScimStatus(true);
    const cred = await createCredential();
    const directoryId = "d-default";
    const base = `${app.baseUrl}/scim/v2`;

    console.log(`Loading ${USERS} users and ${GROUPS} groups through the SCIM store…`);
    const t0 = performance.now();
    const userIds: string[] = [];
    for (let i = 0; i < USERS; i++) {
      const u = await createScimUser(
        directoryId,
        {
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
          userName: `user${i}@bench.example`,
          externalId: `ext-${i}`,
          name: { givenName: "Bench", familyName: `User${i}` },
          displayName: `Bench User ${i}`,
          emails: [{ value: `user${i}@bench.example`, type: "work", primary: true }],
          active: true,
        },
        base,
      );
      userIds.push(u.resource.id as string);
    }
    const groupIds: string[] = [];
    for (let g = 0; g < GROUPS; g++) {
      const members = Array.from({ length: 10 }, (_, k) => ({ value: userIds[(g * 10 + k) % userIds.length] }));
      const r = await createScimGroup(directoryId, { displayName: `bench-group-${g}`, members }, base);
      groupIds.push(r.resource.id as string);
    }
    console.log(`Loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s. Running ${DURATION} s per scenario, ${CONNECTIONS} connections.\n`);

    const headers = { authorization: `Bearer ${cred.CredentialSecret}`, "content-type": "application/scim+json" };
    const url = app.baseUrl;
    let posted = 0;
    const results: Row[] = [];
    // BENCH_ONLY=<text>: only the scenarios whose name contains it (e.g. "count=100" for profiling).
    const scenario = async (name: string, opts: BenchOptions) => {
      if (!process.env.BENCH_ONLY || name.includes(process.env.BENCH_ONLY)) results.push(await run(name, opts));
    };

    // Warm the server (JIT, statement cache) so the first scenario is not penalised.
    await run("warm-up", { url, duration: 3, headers, requests: [{ method: "GET", path: `/scim/v2/Users?filter=${encodeURIComponent('userName eq "user1@bench.example"')}` }] });

    await scenario('GET /Users?filter=userName eq "…"', {
      url,
      headers,
      requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "user${rand(USERS)}@bench.example"`)}` }) }],
    });
    await scenario("POST /Users", {
      url,
      headers,
      requests: [
        {
          method: "POST",
          setupRequest: (req) => {
            const n = posted++;
            return {
              ...req,
              path: "/scim/v2/Users",
              body: JSON.stringify({
                schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
                userName: `new${n}.${process.pid}@bench.example`,
                name: { givenName: "New", familyName: `User${n}` },
                displayName: `New User ${n}`,
                emails: [{ value: `new${n}.${process.pid}@bench.example`, type: "work", primary: true }],
                active: true,
              }),
            };
          },
        },
      ],
    });
    await scenario("PATCH /Groups/{id} member add", {
      url,
      headers,
      requests: [
        {
          method: "PATCH",
          setupRequest: (req) => ({
            ...req,
            path: `/scim/v2/Groups/${groupIds[rand(groupIds.length)]}`,
            body: JSON.stringify({
              schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              Operations: [{ op: "add", path: "members", value: [{ value: userIds[rand(userIds.length)] }] }],
            }),
          }),
        },
      ],
    });
    await scenario("GET /Users?startIndex=…&count=100", {
      url,
      headers,
      requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: `/scim/v2/Users?startIndex=${1 + rand(USERS - 100)}&count=100` }) }],
    });

    console.log("scenario                               req/s     p50 ms   p99 ms   non-2xx  errors");
    for (const r of results) {
      console.log(
        `${r.name.padEnd(38)} ${r.reqPerSec.toFixed(0).padStart(6)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)} ${String(r.non2xx).padStart(9)} ${String(r.errors).padStart(7)}`,
      );
    }
    const get = results.find((r) => r.name.startsWith("GET /Users?filter"));
    const post = results.find((r) => r.name === "POST /Users");
    if (get && post) {
      console.log(
        `\nTargets: filtered GET ≥ 1000 req/s and p99 ≤ 25 ms → ${get.reqPerSec >= 1000 && get.p99 <= 25 ? "met" : "NOT met"}; POST ≥ 300 req/s → ${post.reqPerSec >= 300 ? "met" : "NOT met"}`,
      );
    }
    if (results.some((r) => r.non2xx > 0 || r.errors > 0)) {
      console.log("Some requests failed; see the counts above.");
      process.exitCode = 1;
    }
  } finally {
    await app?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type StartedApp } from "../setup/server";
import { signIn } from "../support/console-session";
import { integrityProblems } from "./support/db-integrity";
import { createPrng, seedFromEnv } from "./support/prng";
import { runSize } from "./support/run-size";
import { nextCase, type FuzzCase, type FuzzContext } from "./support/scim-fuzz-cases";
import { GROUP_SCHEMA, USER_SCHEMA, createCredential, enableScim, openDb, readScimResponse, scimErrorProblem, scimRequest, type ScimResponse } from "./support/scim-target";

/**
 * SCIM fuzzing: a seeded stream of malformed and hostile requests against /scim/v2. Every answer
 * must be a well-formed SCIM error or a correct success, never a 5xx; a refused write must leave
 * its target exactly as it was (no half-applied PATCH); the server must stay up; and the database
 * must pass the integrity check afterwards. RELIABILITY_SEED=<seed> replays a run.
 */
const TOTAL = runSize(6000, 400);
let app: StartedApp;
let db: Database.Database;
let token: string;
const ctx: FuzzContext = { users: [], groups: [] };

async function createUser(n: number) {
  const r = await scimRequest(app.baseUrl, "POST", "/Users", {
    token,
    body: {
      schemas: [USER_SCHEMA],
      userName: `seed.user.${n}`,
      name: { givenName: "Seed", familyName: `User${n}` },
      displayName: `Seed User ${n}`,
      emails: [{ value: `seed.user.${n}@example.com`, type: "work", primary: true }],
      externalId: `ext-${n}`,
    },
  });
  if (r.status !== 201) throw new Error(`seed user: ${r.status} ${r.text}`);
  ctx.users.push((r.json as { id: string }).id);
}

async function createGroup(n: number) {
  const members = ctx.users.slice(0, 3).map((value) => ({ value }));
  const r = await scimRequest(app.baseUrl, "POST", "/Groups", { token, body: { schemas: [GROUP_SCHEMA], displayName: `seed-group-${n}`, members } });
  if (r.status !== 201) throw new Error(`seed group: ${r.status} ${r.text}`);
  ctx.groups.push((r.json as { id: string }).id);
}

async function send(c: FuzzCase): Promise<ScimResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...c.headers };
  let body: string | ArrayBuffer | ReadableStream<Uint8Array> | undefined;
  if (c.body !== undefined) {
    headers["content-type"] ??= "application/scim+json";
    const bytes = typeof c.body === "string" ? new TextEncoder().encode(c.body) : new Uint8Array(c.body);
    if (c.stream) {
      // No Content-Length: the server has to count the bytes as they arrive.
      let offset = 0;
      body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= bytes.length) return controller.close();
          controller.enqueue(bytes.subarray(offset, offset + 64 * 1024));
          offset += 64 * 1024;
        },
      });
    } else {
      body = bytes.buffer;
    }
  }
  const res = await fetch(`${app.baseUrl}/scim/v2${c.path}`, {
    method: c.method,
    headers,
    body,
    redirect: "manual",
    ...(c.stream ? { duplex: "half" } : {}),
  } as RequestInit);
  return readScimResponse(res);
}

const resourcePath = (id: string) => (ctx.groups.includes(id) ? `/Groups/${id}` : `/Users/${id}`);

async function snapshotOf(id: string): Promise<string | null> {
  const r = await scimRequest(app.baseUrl, "GET", `${resourcePath(id)}${ctx.groups.includes(id) ? "?attributes=members,displayName,externalId,meta" : ""}`, { token });
  return r.status === 200 ? r.text : null;
}

/** Why a response is not a well-formed SCIM error or a correct success, or null. */
async function responseProblem(c: FuzzCase, r: ScimResponse): Promise<string | null> {
  if (r.status >= 500) return `HTTP ${r.status}: ${r.text.slice(0, 300)}`;
  if (r.status >= 400) return scimErrorProblem(r);
  if (r.status === 204) return c.method === "DELETE" && r.text === "" ? null : `204 for ${c.method} or with a body`;
  if (r.status === 308) {
    // Next's canonical-URL redirect for a trailing slash ("/Users/" → "/Users", "/Users/.." → "/scim/v2").
    const sent = new URL(`${app.baseUrl}/scim/v2${c.path}`).pathname;
    const to = new URL(r.headers.get("location") ?? "", app.baseUrl).pathname;
    return sent.endsWith("/") && to === sent.replace(/\/+$/, "") ? null : `308 from ${sent} to ${to}`;
  }
  if (r.status === 304) return c.headers?.["if-none-match"] && c.method === "GET" ? null : "304 without If-None-Match";
  if (r.status !== 200 && r.status !== 201) return `unexpected status ${r.status}`;
  const ct = r.headers.get("content-type") ?? "";
  if (!ct.startsWith("application/scim+json")) return `success with content-type "${ct}"`;
  const b = r.json as { schemas?: unknown; id?: unknown; Resources?: unknown; totalResults?: unknown } | undefined;
  if (!b || typeof b !== "object" || !Array.isArray(b.schemas)) return `success body without schemas: ${r.text.slice(0, 200)}`;
  if (r.status === 201) {
    if (c.method !== "POST" || typeof b.id !== "string") return "201 without an id or not for a POST";
    const location = r.headers.get("location") ?? "";
    const back = await fetch(location, { headers: { authorization: `Bearer ${token}` } });
    if (back.status !== 200) return `201 Location ${location} answers ${back.status}`;
    (c.path.startsWith("/Groups") ? ctx.groups : ctx.users).push(b.id);
  }
  if (b.schemas.includes("urn:ietf:params:scim:api:messages:2.0:ListResponse")) {
    if (typeof b.totalResults !== "number" || (b.Resources !== undefined && !Array.isArray(b.Resources))) return "malformed ListResponse";
  }
  return null;
}

beforeAll(async () => {
  app = await startApp();
  const s = await signIn(app.baseUrl);
  await enableScim(s);
  token = (await createCredential(s)).secret;
  db = openDb(app);
  for (let i = 0; i < 20; i++) await createUser(i);
  for (let i = 0; i < 6; i++) await createGroup(i);
});

afterAll(async () => {
  db?.close();
  await app?.stop();
});

describe("SCIM fuzzing", () => {
  it(`answers ${TOTAL} hostile requests with SCIM errors or correct successes, never a 5xx`, async () => {
    const seed = seedFromEnv();
    const rng = createPrng(seed);
    console.log(`[scim-fuzz] seed ${seed} (replay with RELIABILITY_SEED=${seed}), ${TOTAL} requests`);
    const failures: string[] = [];
    const byKind = new Map<string, { sent: number; errors: number; successes: number }>();
    let fiveXx = 0;
    let refusedWritesChecked = 0;
    let replenished = 0;
    let previous = "";

    for (let i = 0; i < TOTAL; i++) {
      // Deletions that got through shrink the pool; keep targets to aim at.
      while (ctx.users.length < 5) await createUser(10_000 + replenished++);
      while (ctx.groups.length < 2) await createGroup(10_000 + replenished++);
      const c = nextCase(rng, i, ctx);
      const stats = byKind.get(c.kind) ?? { sent: 0, errors: 0, successes: 0 };
      byKind.set(c.kind, stats);
      stats.sent++;
      const label = `#${i} ${c.kind} ${c.method} ${c.path.slice(0, 120)}`;
      let before: string | null = null;
      let r: ScimResponse;
      try {
        before = c.target ? await snapshotOf(c.target) : null;
        r = await send(c);
      } catch (err) {
        const cause = (err as Error & { cause?: Error }).cause?.message ?? "";
        failures.push(`${label}: request failed (${(err as Error).message} ${cause}); previous: ${previous}`);
        continue;
      } finally {
        previous = label;
      }
      if (r.status >= 500) {
        fiveXx++;
        // The full request and what the server logged, to turn the finding into a fix.
        failures.push(`#${i} 5xx for ${c.method} ${c.path.slice(0, 2000)} body ${String(c.body).slice(0, 500)}; server log: ${app.output().slice(-1500)}`);
      }
      if (r.status >= 400) stats.errors++;
      else stats.successes++;
      const problem = await responseProblem(c, r);
      if (problem) failures.push(`#${i} ${c.kind} ${c.method} ${c.path.slice(0, 120)}: ${problem}`);

      if (c.target && before !== null && r.status >= 400) {
        refusedWritesChecked++;
        const after = await snapshotOf(c.target).catch((err: Error) => `unreadable: ${err.message}`);
        if (after !== before) failures.push(`#${i} ${c.kind} ${c.method} ${c.path.slice(0, 120)}: refused with ${r.status} but the resource changed`);
      }
      if (c.method === "DELETE" && r.status === 204) {
        const gone = c.path.split("/")[2];
        ctx.users = ctx.users.filter((x) => x !== gone);
        ctx.groups = ctx.groups.filter((x) => x !== gone);
      }
      if (failures.length > 50) break;
    }

    const health = await fetch(`${app.baseUrl}/api/health`);
    const spc = await scimRequest(app.baseUrl, "GET", "/ServiceProviderConfig");
    const integrity = integrityProblems(db);
    const kinds = [...byKind].map(([k, v]) => `${k} ${v.sent} (${v.errors} refused)`).join(", ");
    const sent = [...byKind.values()].reduce((n, v) => n + v.sent, 0);
    console.log(`[scim-fuzz] requests fuzzed: ${sent}, 5xx: ${fiveXx}, refused writes re-read: ${refusedWritesChecked}, integrity problems: ${integrity.length}`);
    console.log(`[scim-fuzz] by kind: ${kinds}`);

    if (integrity.length > 0) console.log(`[scim-fuzz] integrity problems:\n${integrity.join("\n")}`);
    expect(failures).toEqual([]);
    expect(fiveXx).toBe(0);
    expect(health.status).toBe(200);
    expect(spc.status).toBe(200);
    expect(integrity).toEqual([]);
    expect(app.child.exitCode).toBeNull();
    // Every kind of hostility was exercised, and each was refused at least sometimes — except
    // schema variations, which the server tolerates by design (unknown attributes ignored, extra
    // and legacy URNs accepted: SPEC §2): about 1 in 30 is refused, so a run of 400 can see none.
    expect(byKind.size).toBe(14);
    for (const [kind, v] of byKind) if (kind !== "unknown-schema") expect(v.errors, kind).toBeGreaterThan(0);
  });
});

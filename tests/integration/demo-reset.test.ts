import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptArgs, TSX } from "../support/cloudsso-cli";
import { freePort } from "../setup/server";
import { signIn, type ConsoleSession } from "../support/console-session";

/**
 * `npm run demo -- --reset` while `npm run demo` is serving the same data folder: the reset works
 * and the running console shows the reset data; when it cannot work it says so in one line.
 */
const root = path.resolve(__dirname, "../..");
const ADMIN_PASSWORD = "Demo-Reset-Test-1";
const APPS = "/api/idaas/instances/idaas-default/applications";

let dataDir: string;
let env: NodeJS.ProcessEnv;
let baseUrl: string;
let demo: ChildProcess;
let s: ConsoleSession;

function runDemo(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, scriptArgs("scripts/demo.ts", ...args), { cwd: root, env, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "scim-demo-"));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: baseUrl, ADMIN_PASSWORD, DATABASE_URL: undefined };
  // Its own process group, so the test can stop the demo and the server it runs, by id.
  demo = spawn(TSX, scriptArgs("scripts/demo.ts"), { cwd: root, env, stdio: "ignore", detached: true });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (demo.exitCode !== null) throw new Error("npm run demo exited early");
    const healthy = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) throw new Error("npm run demo did not become healthy");
    await new Promise((r) => setTimeout(r, 300));
  }
  s = await signIn(baseUrl, "admin", ADMIN_PASSWORD);
});

afterAll(async () => {
  if (demo?.pid && demo.exitCode === null) {
    const exited = new Promise((r) => demo.once("exit", r));
    process.kill(-demo.pid, "SIGTERM");
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("npm run demo -- --reset while the demo server runs", () => {
  it("resets the data and the running console shows it", async () => {
    const created = await s.call<{ id: string }>("POST", APPS, { templateId: "cloudsso", name: "Before reset" });
    expect(created.status).toBe(201);
    const account = await s.call<{ items: { id: string; username: string }[]; total: number }>(
      "GET",
      "/api/idaas/instances/idaas-default/accounts?pageSize=100",
    );
    expect(account.body.total).toBe(30);
    const first = account.body.items[0];
    expect((await s.call("DELETE", `/api/idaas/instances/idaas-default/accounts/${first.id}`)).status).toBe(200);

    const r = await runDemo("--reset");
    expect(r.stderr).not.toMatch(/WASM_ERROR|SocketTimeout|\n\s+at /);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Demo data reset: 7 organizational units, 30 accounts, 4 groups/);

    // Same server, same session: the application is gone and the deleted account is back.
    expect((await s.call("GET", `${APPS}/${created.body.id}`)).status).toBe(404);
    const apps = await s.call<{ total: number }>("GET", APPS);
    expect(apps.body.total).toBe(0);
    const after = await s.call<{ items: { username: string }[]; total: number }>(
      "GET",
      "/api/idaas/instances/idaas-default/accounts?pageSize=100",
    );
    expect(after.body.total).toBe(30);
    expect(after.body.items.map((a) => a.username)).toContain(first.username);
  });

  it("refuses in one line, without a stack trace, when the migrations cannot be applied", async () => {
    // Forget the first migration: `migrate status` reports it pending and `migrate deploy` cannot
    // re-create tables that exist (nor take its lock while the server runs).
    const sqlite = new Database(path.join(dataDir, "app.db"));
    const [firstMigration] = sqlite.prepare("SELECT * FROM _prisma_migrations ORDER BY migration_name LIMIT 1").all() as Record<string, unknown>[];
    sqlite.prepare("DELETE FROM _prisma_migrations WHERE id = ?").run(firstMigration.id);
    try {
      const r = await runDemo("--reset");
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^Demo reset failed: Could not apply the database migrations to file:.*app\.db\. If a demo server is running on it, stop it \(Ctrl\+C\)/);
    } finally {
      const columns = Object.keys(firstMigration);
      sqlite
        .prepare(`INSERT INTO _prisma_migrations (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`)
        .run(...columns.map((c) => firstMigration[c]));
      sqlite.close();
    }
  });
});

import Database from "better-sqlite3";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import type { AccessConfigurationView, AccountView, CreateAssignmentsResult, ResourceDirectoryView } from "@/lib/cloudsso/access/schemas";
import { startApp, type StartedApp } from "../setup/server";
import { signIn, type ConsoleSession } from "../support/console-session";
import { until } from "../support/until";

/**
 * The access task worker's durability: a 200-assignment batch, the server killed (SIGKILL) in the
 * middle of it and restarted on the same database. Every task ends exactly once: at the kill, the
 * ended tasks are exactly the applied assignments (effect and end commit together); after the
 * restart all 200 end Success on their first completed run, with 200 distinct assignments.
 * ACCESS_TASK_DELAY_MS slows the worker so the kill lands mid-batch.
 */
const env = { ACCESS_TASK_DELAY_MS: "25" };
let app: StartedApp | undefined;

afterAll(async () => {
  await app?.stop();
});

async function must<T>(s: ConsoleSession, method: string, p: string, body?: unknown): Promise<T> {
  const r = await s.call<T>(method, p, body);
  if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

it("resumes a 200-assignment batch after a crash; every task ends once", async () => {
  app = await startApp({ env });
  let s = await signIn(app.baseUrl);
  const root = (await must<ResourceDirectoryView>(s, "GET", "/api/cloudsso/resource-directory")).rootFolderId;
  const accountIds: string[] = [];
  for (let i = 1; i <= 5; i++) accountIds.push((await must<AccountView>(s, "POST", "/api/cloudsso/resource-directory/accounts", { displayName: `Restart ${i}`, folderId: root })).accountId);
  const config = await must<AccessConfigurationView>(s, "POST", "/api/cloudsso/access-configurations", { name: "Restart", systemPolicies: ["ReadOnlyAccess"] });
  const principals: { type: "User"; id: string }[] = [];
  for (let i = 0; i < 40; i++) principals.push({ type: "User", id: (await must<{ UserId: string }>(s, "POST", "/api/cloudsso/users", { userName: `restart.${i}` })).UserId });

  const batch = await must<CreateAssignmentsResult>(s, "POST", "/api/cloudsso/access-assignments", { accountIds, principals, accessConfigurationIds: [config.id] });
  expect(batch.tasks).toHaveLength(200);

  const file = path.join(app.dataDir, "app.db");
  let db = new Database(file, { readonly: true });
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  try {
    await until("some tasks ended", async () => count("SELECT count(*) AS n FROM SsoAccessTask WHERE status != 'InProgress'") >= 20);
    app.child.kill("SIGKILL");
    await new Promise((r) => app!.child.once("exit", r));

    const ended = count("SELECT count(*) AS n FROM SsoAccessTask WHERE status = 'Success'");
    expect(ended, "the kill should land mid-batch").toBeLessThan(200);
    expect(count("SELECT count(*) AS n FROM SsoAccessAssignment")).toBe(ended);

    db.close(); // the restart migrates the database first
    app = await startApp({ dataDir: app.dataDir, env });
    db = new Database(file, { readonly: true });
    s = await signIn(app.baseUrl);
    await until("every task ended", async () => count("SELECT count(*) AS n FROM SsoAccessTask WHERE status = 'InProgress'") === 0, 60_000);

    expect(count("SELECT count(*) AS n FROM SsoAccessTask")).toBe(200);
    expect(count("SELECT count(*) AS n FROM SsoAccessTask WHERE status = 'Success' AND endTime IS NOT NULL AND attempts = 1")).toBe(200);
    expect(count("SELECT count(*) AS n FROM SsoAccessAssignment")).toBe(200);
    expect(count("SELECT count(DISTINCT accountId || principalId) AS n FROM SsoAccessAssignment")).toBe(200);
    expect(count("SELECT count(*) AS n FROM SsoAccessProvisioning WHERE status = 'Provisioned'")).toBe(5);
  } finally {
    db.close();
  }
});

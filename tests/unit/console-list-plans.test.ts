import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { seedAccounts } from "../support/seed-accounts";
import { migratedDatabase } from "../support/migrated-database";

/**
 * The console's big lists (IDaaS Accounts, CloudSSO Users, IDaaS Log > Provisioning > Tasks and a
 * task's entries) stay fast at 100,000 rows because every statement they send is answered from
 * an index: counts without reading rows, username prefix search on the lookup columns, pages in
 * index order (no sort of the table). Checked on the SQL Prisma actually sends, with EXPLAIN QUERY
 * PLAN; no timings.
 */

interface Sent {
  sql: string;
  args: unknown[];
}
const sent: Sent[] = [];
let file = "";

// Record every statement the Prisma adapter prepares (it calls prepare(sql).bind(args)).
const statementProto = Object.getPrototypeOf(new Database(":memory:").prepare("SELECT 1")) as { bind: (...a: unknown[]) => unknown; source: string };
const bind = statementProto.bind;
statementProto.bind = function (this: { source: string }, ...args: unknown[]) {
  sent.push({ sql: this.source, args: Array.isArray(args[0]) ? (args[0] as unknown[]) : args });
  return bind.apply(this, args);
};

type M = {
  db: typeof import("@/lib/db").db;
  accounts: typeof import("@/lib/idaas/accounts");
  groups: typeof import("@/lib/idaas/groups");
  users: typeof import("@/lib/cloudsso/users");
  tasks: typeof import("@/lib/idaas/provisioning/tasks/task-log");
};
let m: M;
const I = "idaas-default";
const ROOT = "ou-root";
const APP = "app-plans";

/** The plan of each recorded statement on `table`, from the calls made inside `run`. */
async function plansOf(table: string, run: () => Promise<unknown>): Promise<{ sql: string; plan: string[] }[]> {
  sent.length = 0;
  await run();
  const check = new Database(file, { readonly: true });
  try {
    return sent
      .filter((s) => /^SELECT/i.test(s.sql) && s.sql.includes(`FROM \`main\`.\`${table}\``))
      .map((s) => ({ sql: s.sql, plan: (check.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.args) as { detail: string }[]).map((r) => r.detail) }));
  } finally {
    check.close();
  }
}

/** No full scan of the table and no sort of its rows: what keeps a page cheap at any size. */
function expectIndexed(plans: { sql: string; plan: string[] }[], table: string) {
  expect(plans.length).toBeGreaterThan(0);
  for (const p of plans) {
    const text = p.plan.join("\n");
    expect(text, p.sql).not.toMatch(new RegExp(`^SCAN ${table}\\b`, "m"));
    expect(text, p.sql).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  }
}

beforeAll(async () => {
  const created = migratedDatabase("list-plans");
  file = created.file;
  created.setup.close();
  const dbm = await import("@/lib/db");
  await dbm.ensurePragmas();
  await (await import("@/lib/idaas/instance")).ensureDefaultInstance();
  await (await import("@/lib/cloudsso/directory")).ensureDefaultDirectory();
  m = {
    db: dbm.db,
    accounts: await import("@/lib/idaas/accounts"),
    groups: await import("@/lib/idaas/groups"),
    users: await import("@/lib/cloudsso/users"),
    tasks: await import("@/lib/idaas/provisioning/tasks/task-log"),
  };
  await m.db.idaasOrgUnit.create({ data: { id: "ou-plans", instanceId: I, parentId: ROOT, name: "Plans" } });
  await seedAccounts(
    m.db,
    I,
    Array.from({ length: 60 }, (_, n) => ({
      id: `acc-plans-${n}`,
      username: `Plan.User${n}`,
      displayName: `Plan User ${n}`,
      email: `mail${n}@plans.example`,
      primaryUnitId: n % 2 ? ROOT : "ou-plans",
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
    })),
  );
  await m.db.idaasGroup.create({ data: { id: "grp-plans", instanceId: I, name: "All", nameLower: "all" } });
  await m.db.idaasGroupMember.createMany({
    data: Array.from({ length: 40 }, (_, n) => ({ groupId: "grp-plans", accountId: `acc-plans-${n}`, createdAt: new Date(Date.UTC(2026, 1, 1, 0, 0, n)) })),
  });
  for (let n = 0; n < 12; n++) await m.users.createUser({ userName: `Sso.User${n}`, firstName: "", lastName: "", displayName: `Display ${n}`, email: "", description: "", status: "Enabled" });
  await m.db.idaasApplication.create({ data: { id: APP, instanceId: I, templateId: "scim2", name: "Plans app" } });
  await m.db.provisioningTask.create({ data: { id: "task-plans", applicationId: APP, applicationName: "Plans app", triggerMethod: "Manual", status: "Successful" } });
  await m.db.provisioningLog.createMany({
    data: Array.from({ length: 30 }, (_, n) => ({
      applicationId: APP,
      taskId: "task-plans",
      objectType: "user",
      objectId: `acc-plans-${n}`,
      objectName: `plan.user${n}`,
      action: "Create",
      result: n % 5 ? "Success" : "Failed",
    })),
  });
  // No ANALYZE: the app never runs it, so the planner works from the schema alone, as here.
});

describe("console lists at scale", () => {
  it("IDaaS Accounts: the page and its count come from indexes; search is a username or email prefix", async () => {
    const root = { page: 2, pageSize: 20, unitId: ROOT, includeSubUnits: true } as const;
    let page!: Awaited<ReturnType<typeof m.accounts.listAccounts>>;
    expectIndexed(await plansOf("IdaasAccount", async () => (page = await m.accounts.listAccounts(I, root))), "IdaasAccount");
    expect(page.total).toBe(60);
    // Newest first: page 2 of 20 holds accounts 39..20.
    expect(page.items.map((a) => a.username)).toEqual(Array.from({ length: 20 }, (_, k) => `Plan.User${39 - k}`));

    let found!: typeof page;
    const searched = await plansOf("IdaasAccount", async () => (found = await m.accounts.listAccounts(I, { ...root, page: 1, search: "PLAN.USER1" })));
    expect(found.items.map((a) => a.username).sort()).toEqual(["Plan.User1", ...Array.from({ length: 10 }, (_, k) => `Plan.User1${k}`)].sort());
    expect(found.total).toBe(11);
    const count = searched.find((p) => /count/i.test(p.sql))!;
    expect(count.plan.join("\n")).toMatch(/usernameLower>\? AND usernameLower<\?/);
    expect(count.plan.join("\n")).toMatch(/emailLower>\? AND emailLower<\?/);
    expect((await m.accounts.listAccounts(I, { ...root, page: 1, search: "mail7@" })).items.map((a) => a.username)).toEqual(["Plan.User7"]);
    // A prefix, not a substring.
    expect((await m.accounts.listAccounts(I, { ...root, page: 1, search: "user1" })).total).toBe(0);
  });

  it("IDaaS group members: the page and its count come from indexes; search is a username or email prefix", async () => {
    let page!: Awaited<ReturnType<typeof m.groups.listGroupMembers>>;
    expectIndexed(await plansOf("IdaasGroupMember", async () => (page = await m.groups.listGroupMembers(I, "grp-plans", { page: 1, pageSize: 3 }))), "IdaasGroupMember");
    expect(page.total).toBe(40);
    expect(page.items.map((i) => i.username)).toEqual(["Plan.User39", "Plan.User38", "Plan.User37"]);
    const found = await m.groups.listGroupMembers(I, "grp-plans", { page: 1, pageSize: 20, search: "plan.user3" });
    expect(found.items.map((i) => i.username).sort()).toEqual(["Plan.User3", ...Array.from({ length: 10 }, (_, k) => `Plan.User3${k}`)].sort());
  });

  it("CloudSSO Users: the page and its count come from indexes; search is a username or display name prefix", async () => {
    let page!: Awaited<ReturnType<typeof m.users.listUsers>>;
    expectIndexed(await plansOf("SsoUser", async () => (page = await m.users.listUsers({ page: 1, pageSize: 5 }))), "SsoUser");
    expect(page.total).toBe(12);
    expect(page.items.map((u) => u.UserName)).toEqual(["Sso.User11", "Sso.User10", "Sso.User9", "Sso.User8", "Sso.User7"]);
    const searched = await plansOf("SsoUser", async () => (page = await m.users.listUsers({ page: 1, pageSize: 20, search: "sso.user1" })));
    expect(page.items.map((u) => u.UserName).sort()).toEqual(["Sso.User1", "Sso.User10", "Sso.User11"]);
    const count = searched.find((p) => /count/i.test(p.sql))!;
    expect(count.plan.join("\n")).toMatch(/userNameLower>\? AND userNameLower<\?/);
    expect((await m.users.listUsers({ page: 1, pageSize: 20, search: "DISPLAY 3" })).items.map((u) => u.UserName)).toEqual(["Sso.User3"]);
  });

  it("Tasks and a task's entries: pages and counts from indexes, Failed entries of a task without reading the others", async () => {
    const tasks = await plansOf("ProvisioningTask", () => m.tasks.listTasks(I, { page: 1, pageSize: 20, from: undefined, to: undefined }));
    expectIndexed(tasks, "ProvisioningTask");
    let logs!: Awaited<ReturnType<typeof m.tasks.listTaskLogs>>;
    const failed = await plansOf("ProvisioningLog", async () => (logs = await m.tasks.listTaskLogs(I, "task-plans", { page: 1, pageSize: 20, result: "Failed", from: undefined, to: undefined })));
    expect(logs.total).toBe(6);
    expectIndexed(failed, "ProvisioningLog");
    expect(failed.map((p) => p.plan.join("\n")).join("\n")).toMatch(/taskId=\? AND result=\?/);
    expectIndexed(await plansOf("ProvisioningLog", () => m.tasks.listTaskLogs(I, "task-plans", { page: 1, pageSize: 20, from: undefined, to: undefined })), "ProvisioningLog");
  });
});

import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { startApp, type StartedApp } from "../setup/server";
import { signIn, type ConsoleSession } from "../support/console-session";

/**
 * Issue 11, items 1 and 2: the first start of a database loads the sample organization and
 * CloudSSO's two manual users and says so once (SAMPLE_DATA=off starts empty); later starts never
 * add it again; the reset API counts what it deletes and needs { confirm: "RESET" }.
 */
const I = "/api/idaas/instances/idaas-default";
const PLAIN = { SAMPLE_DATA: undefined } as const;

interface Counts {
  accounts: number;
  units: number;
  groups: number;
  cloudSsoUsers: string[];
}

async function counts(s: ConsoleSession): Promise<Counts> {
  const [accounts, units, groups, users] = await Promise.all([
    s.call<{ total: number }>("GET", `${I}/accounts?pageSize=1`),
    s.call<{ items: unknown[] }>("GET", `${I}/units`),
    s.call<{ total: number }>("GET", `${I}/groups?pageSize=1`),
    s.call<{ items: { UserName: string; ProvisioningType: string }[] }>("GET", "/api/cloudsso/users?pageSize=100"),
  ]);
  return {
    accounts: accounts.body.total,
    // The root unit always exists.
    units: units.body.items.length - 1,
    groups: groups.body.total,
    cloudSsoUsers: users.body.items.map((u) => u.UserName).sort(),
  };
}

const SAMPLE: Counts = { accounts: 30, units: 7, groups: 4, cloudSsoUsers: ["alice.wang", "ops.admin"] };
const EMPTY: Counts = { accounts: 0, units: 0, groups: 0, cloudSsoUsers: [] };
const LOADED_LINE = /Sample data loaded \(first start\): 7 organizational units, 30 accounts and 4 groups in IDaaS; 2 manual users in CloudSSO\./g;

let app: StartedApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe("first start", () => {
  it("loads the sample data on a plain first start, says so once, and never again on a restart", async () => {
    app = await startApp({ env: PLAIN });
    let s = await signIn(app.baseUrl);
    expect(await counts(s)).toEqual(SAMPLE);
    expect(app.output().match(LOADED_LINE)).toHaveLength(1);

    // The landing page's notice, until dismissed.
    const notice = await s.call<{ notice: { summary: Record<string, number>; loadedAt: string } | null }>("GET", "/api/demo/sample-data-notice");
    expect(notice.body.notice?.summary).toEqual({ units: 7, accounts: 30, groups: 4, cloudSsoUsers: 2 });
    const home = await (await s.request("/")).text();
    expect(home).toContain("Sample data loaded");
    expect(home).toContain("Sync to CloudSSO via SCIM");
    expect((await s.call("DELETE", "/api/demo/sample-data-notice")).status).toBe(200);
    expect((await s.call<{ notice: unknown }>("GET", "/api/demo/sample-data-notice")).body.notice).toBeNull();
    expect(await (await s.request("/")).text()).not.toContain("Sample data loaded");

    // The admin deletes what they do not want; a restart keeps it that way and says nothing.
    const { body } = await s.call<{ items: { id: string }[] }>("GET", `${I}/accounts?pageSize=5`);
    for (const a of body.items) expect((await s.call("DELETE", `${I}/accounts/${a.id}`)).status).toBe(200);
    const dataDir = app.dataDir;
    await app.stop();
    app = await startApp({ dataDir, env: PLAIN });
    s = await signIn(app.baseUrl);
    expect((await counts(s)).accounts).toBe(25);
    expect(app.output()).not.toMatch(LOADED_LINE);
    expect((await s.call<{ notice: unknown }>("GET", "/api/demo/sample-data-notice")).body.notice).toBeNull();
  });

  it("starts empty with SAMPLE_DATA=off, and a later plain start of that database stays empty", async () => {
    app = await startApp({ env: { SAMPLE_DATA: "off" } });
    // The CloudSSO Login URL the Overview shows works before any administrator opened Settings.
    const logon = await fetch(`${app.baseUrl}/signin/cloudsso-directory`);
    expect(logon.status).toBe(200);
    expect(await logon.text()).toContain("Log on to CloudSSO");
    let s = await signIn(app.baseUrl);
    expect(await counts(s)).toEqual(EMPTY);
    expect(app.output()).toContain("First start with SAMPLE_DATA=off: IDaaS and CloudSSO start empty.");
    expect((await s.call<{ notice: unknown }>("GET", "/api/demo/sample-data-notice")).body.notice).toBeNull();
    const home = await (await s.request("/")).text();
    expect(home).toContain("Sync to CloudSSO via SCIM");
    expect(home).not.toContain("Sample data loaded");

    const dataDir = app.dataDir;
    await app.stop();
    app = await startApp({ dataDir, env: PLAIN });
    s = await signIn(app.baseUrl);
    expect(await counts(s)).toEqual(EMPTY);
    expect(app.output()).not.toMatch(LOADED_LINE);
  });

  it("leaves a database that already holds data alone (one started before this version)", async () => {
    app = await startApp({ env: { SAMPLE_DATA: "off" } });
    let s = await signIn(app.baseUrl);
    expect((await s.call("POST", "/api/cloudsso/users", { userName: "kept.user" })).status).toBeLessThan(300);
    const dataDir = app.dataDir;
    await app.stop();
    // Forget that it was ever started, as a database from before the first-start record would be.
    const sqlite = new Database(path.join(dataDir, "app.db"));
    sqlite.prepare("DELETE FROM AppSetting WHERE key LIKE 'sample-data.%'").run();
    sqlite.close();
    app = await startApp({ dataDir, env: PLAIN });
    s = await signIn(app.baseUrl);
    expect(await counts(s)).toEqual({ ...EMPTY, cloudSsoUsers: ["kept.user"] });
    expect(app.output()).not.toMatch(LOADED_LINE);
  });
});

describe("Reset to Sample Data (API)", () => {
  it("counts what it deletes, refuses without RESET, and loads the sample again", async () => {
    app = await startApp({ env: { SAMPLE_DATA: "off" } });
    const s = await signIn(app.baseUrl);
    const unit = await s.call<{ id: string }>("POST", `${I}/units`, { name: "Mine", parentId: "ou-root" });
    expect(unit.status).toBeLessThan(300);
    for (const username of ["a.one", "a.two"]) {
      expect((await s.call("POST", `${I}/accounts`, { username, primaryUnitId: unit.body.id })).status).toBeLessThan(300);
    }
    expect((await s.call("POST", `${I}/groups`, { name: "Mine" })).status).toBeLessThan(300);
    expect((await s.call("POST", `${I}/applications`, { templateId: "cloudsso", name: "To be reset" })).status).toBeLessThan(300);
    expect((await s.call("POST", "/api/cloudsso/users", { userName: "manual.one" })).status).toBeLessThan(300);
    expect((await s.call("POST", "/api/cloudsso/groups", { name: "manual-group" })).status).toBeLessThan(300);
    expect((await s.call("POST", "/api/cloudsso/credentials")).status).toBeLessThan(300);
    expect((await s.call("PUT", "/api/cloudsso/settings", { enabled: true })).status).toBe(200);

    const preview = await s.call("GET", "/api/demo/reset");
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      idaas: { units: 1, accounts: 2, groups: 1, applications: 1 },
      cloudSso: { users: 1, groups: 1, credentials: 1 },
      sample: { units: 7, accounts: 30, groups: 4, cloudSsoUsers: 2 },
    });

    for (const body of [{}, { confirm: "reset" }, { confirm: "RESET " }, { confirm: true }]) {
      const refused = await s.call<{ fieldErrors: Record<string, string> }>("POST", "/api/demo/reset", body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(refused.body.fieldErrors.confirm).toBe("Type RESET to confirm the reset.");
    }
    expect((await s.call("GET", "/api/demo/reset")).body).toEqual(preview.body);

    const reset = await s.call<{ summary: unknown }>("POST", "/api/demo/reset", { confirm: "RESET" });
    expect(reset.status).toBe(200);
    expect(reset.body.summary).toEqual({ units: 7, accounts: 30, groups: 4, cloudSsoUsers: 2 });
    expect(await counts(s)).toEqual(SAMPLE);
    expect((await s.call<{ total: number }>("GET", `${I}/applications`)).body.total).toBe(0);
    expect((await s.call<{ scimEnabled: boolean }>("GET", "/api/cloudsso/settings")).body.scimEnabled).toBe(false);
    expect((await s.call("GET", "/api/demo/reset")).body).toMatchObject({
      idaas: { units: 7, accounts: 30, groups: 4, applications: 0 },
      cloudSso: { users: 2, groups: 0, credentials: 0 },
    });
  });
});

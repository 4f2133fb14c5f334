import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { freePort } from "../tests/setup/server";

/**
 * Issue 11, items 1–3, as a trainer meets them: `npm start` on a new database (no variables but
 * where to keep it and which port) loads the sample data and says so once; the landing page guide
 * "Sync to CloudSSO via SCIM" leads through the seed's Steps 1–3 by its links, each item turning
 * Done from the live state; Reset to Sample Data lists what it deletes and needs RESET typed.
 *
 * The shared e2e server starts with SAMPLE_DATA=off, so these tests run their own server — the
 * real `npm start` path (scripts/start.mjs → migrations → scripts/server.mjs → first start) — on a
 * throwaway DATA_DIR and another port. The reset test wipes only that server's data, and runs last.
 */

const ROOT = path.resolve(__dirname, "..");
const I = "/idaas/instances/idaas-default";
const GUIDE_ITEMS = 12;

let server: ChildProcess;
let dataDir: string;
let base: string;
let output = "";
let password: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "scim-trainer-"));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production" };
  // A plain first start: no sample-data switch, no administrator from the environment (the
  // generated password is read from the start-up output, as a trainer would), no fixed URLs.
  for (const name of ["SAMPLE_DATA", "ADMIN_USERNAME", "ADMIN_PASSWORD", "DATABASE_URL", "PUBLIC_URL", "NEXTAUTH_URL", "NEXTAUTH_SECRET"]) {
    delete env[name];
  }
  // Its own process group, so afterAll stops start.mjs and the server it runs, by id.
  server = spawn(process.execPath, ["scripts/start.mjs"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  server.stdout!.on("data", (d) => (output += d));
  server.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`npm start did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  const generated = /password: (\S+)/.exec(output);
  if (!generated) throw new Error(`No generated administrator password in the start-up output:\n${output}`);
  password = generated[1];
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((r) => server.once("exit", r));
    process.kill(-server.pid, "SIGTERM");
    await exited;
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Signs in from the home page, as a trainer opening the URL would; lands on the guide. */
async function signInAtHome(page: Page) {
  await page.goto(`${base}/`);
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2F$/);
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign In" }).click();
  await page.waitForURL(`${base}/`);
  await expect(page.getByRole("heading", { level: 1, name: "Sync to CloudSSO via SCIM" })).toBeVisible();
}

function item(page: Page, step: 1 | 2 | 3, label: string): Locator {
  const lists = {
    1: "Step 1: Enable SCIM synchronization in CloudSSO",
    2: "Step 2: Configure SCIM provisioning in IDaaS",
    3: "Step 3: Sync accounts to CloudSSO",
  };
  return page.getByRole("list", { name: lists[step] }).getByRole("listitem").filter({ hasText: label });
}

async function expectDone(page: Page, step: 1 | 2 | 3, label: string, done = true) {
  await expect(item(page, step, label)).toContainText(done ? "— Done" : "— Not done");
}

async function confirmDialog(page: Page, button = "OK") {
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: button, exact: true }).click();
  await expect(dialog).toBeHidden();
}

test("a plain first start has the sample data, says so once, and the guide leads through the seed", async ({ page }) => {
  test.setTimeout(180_000);
  expect(output.match(/Sample data loaded \(first start\)/g)).toHaveLength(1);
  await signInAtHome(page);

  // Said once, in the console: the notice stays until dismissed, and is gone for good after.
  const notice = page.getByRole("region", { name: "Sample data loaded" });
  await expect(notice).toContainText("7 organizational units, 30 accounts, 4 groups");
  await expect(notice).toContainText("SAMPLE_DATA=off");
  await page.reload();
  await expect(notice).toBeVisible();
  await notice.getByRole("button", { name: "Dismiss" }).click();
  await expect(notice).toBeHidden();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Sync to CloudSSO via SCIM" })).toBeVisible();
  await expect(notice).toHaveCount(0);

  // The sample is there: IDaaS organization, CloudSSO's two manual users.
  await page.goto(`${base}${I}`);
  await expect(page.getByRole("list", { name: "Directory summary" })).toContainText(/Accounts\s*30\s*29 enabled/);
  await page.goto(`${base}/cloudsso/users`);
  const users = page.getByRole("table", { name: "Users" });
  await expect(users.getByRole("row", { name: /^ops\.admin/ })).toContainText("Manual");
  await expect(users.getByRole("row", { name: /^alice\.wang/ })).toContainText("Manual");

  // Nothing is done yet.
  await page.goto(`${base}/`);
  await expect(page.getByText(`0 of ${GUIDE_ITEMS} done`)).toBeVisible();

  // ── Step 1, from its item's link: CloudSSO Settings ──
  await item(page, 1, "Turn on SCIM-based User Synchronization Configuration").getByRole("link").click();
  await expect(page).toHaveURL(`${base}/cloudsso/settings`);
  const sw = page.getByRole("switch", { name: "SCIM-based User Synchronization Configuration" });
  await sw.click();
  await expect(sw).toHaveAttribute("aria-checked", "true");
  const endpoint = await page.getByLabel("SCIM Endpoint").inputValue();
  expect(endpoint).toBe(`${base}/scim/v2`);
  await page.getByRole("button", { name: "Generate New SCIM Credential" }).click();
  const secretDialog = page.getByRole("dialog", { name: "SCIM Credential Generated" });
  const secret = await secretDialog.getByLabel("SCIM Credential").inputValue();
  await secretDialog.getByRole("button", { name: "OK" }).click();
  await expect(secretDialog).toBeHidden();

  await page.goto(`${base}/`);
  await expectDone(page, 1, "Turn on SCIM-based User Synchronization Configuration");
  await expectDone(page, 1, "Generate New SCIM Credential");
  // The endpoint counts once an identity provider has called it (Test Connectivity, below).
  await expectDone(page, 1, "Copy and save the SCIM Endpoint", false);

  // ── Step 2, from its first item's link: the Marketplace ──
  await item(page, 2, "Add the Alibaba Cloud - CloudSSO application").getByRole("link").click();
  await expect(page).toHaveURL(`${base}${I}/applications/marketplace`);
  await page.getByRole("region", { name: "Alibaba Cloud - CloudSSO" }).getByRole("button", { name: "Add Application" }).click();
  const addPanel = page.getByRole("dialog", { name: "Add Application" });
  await addPanel.getByLabel("Application Name").fill("CloudSSO");
  await addPanel.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page).toHaveURL(/\/applications\/app-[a-z0-9]+/);

  await page.goto(`${base}/`);
  await expectDone(page, 2, "Add the Alibaba Cloud - CloudSSO application");
  await expectDone(page, 2, "Configure Provisioning Scope", false);
  // The next items open the application's Provisioning tab.
  await item(page, 2, "Configure Provisioning Scope").getByRole("link").click();
  await expect(page).toHaveURL(/\/applications\/app-[a-z0-9]+\?tab=provisioning$/);
  const appUrl = page.url().split("?")[0];
  await page.getByRole("button", { name: "Configuration" }).click();
  const scope = page.getByRole("dialog", { name: "Configure Provisioning Scope" });
  await scope.getByLabel("Headquarters", { exact: true }).check();
  await scope.getByLabel("Developers", { exact: true }).check();
  await scope.getByRole("button", { name: "Save" }).click();
  await expect(scope).toBeHidden();
  await page.getByRole("switch", { name: "Provision IDaaS Accounts to Application" }).click();
  await confirmDialog(page, "Enable");
  await page.getByLabel("SCIM Server URL").fill(endpoint);
  await page.getByLabel("Bearer Token Key Mode").fill(secret);
  await page.getByLabel("Accounts", { exact: true }).check();
  await page.getByLabel("Groups", { exact: true }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Provisioning configuration saved.").first()).toBeVisible();
  await page.getByRole("button", { name: "Test Connectivity" }).click();
  await expect(page.getByText(/^Connectivity test succeeded/)).toBeVisible({ timeout: 20_000 });

  await page.goto(`${base}/`);
  for (const label of [
    "Add the Alibaba Cloud - CloudSSO application",
    "Configure Provisioning Scope (Organization and Group)",
    "Turn on Provision IDaaS Accounts to Application",
    "Save the SCIM Server URL and Bearer Token Key Mode",
    "Set at least one Full Scope item",
    "Test Connectivity succeeded",
  ]) {
    await expectDone(page, 2, label);
  }
  await expectDone(page, 1, "Copy and save the SCIM Endpoint");
  await expect(page.getByText(`9 of ${GUIDE_ITEMS} done`)).toBeVisible();

  // ── Step 3: Push Now from its item's link, then the task from the next item's link ──
  await item(page, 3, "Push Now completed successfully").getByRole("link").click();
  await expect(page).toHaveURL(`${appUrl}?tab=provisioning`);
  await page.getByRole("button", { name: "Push Now" }).click();
  await expect(page.getByText("Push completed").first()).toBeVisible({ timeout: 60_000 });

  await page.goto(`${base}/`);
  await expectDone(page, 3, "Push Now completed successfully");
  await expectDone(page, 3, "Users received by SCIM synchronization");
  await item(page, 3, "Review the results in Log > Provisioning > Tasks").getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`${I}/logs/provisioning/tasks/[^/]+$`));
  await expect(page.getByRole("heading", { name: "Basic Information" })).toBeVisible();
  await expect(page.getByText("Successful").first()).toBeVisible();

  await page.goto(`${base}/`);
  await expect(page.getByText(`${GUIDE_ITEMS} of ${GUIDE_ITEMS} done`)).toBeVisible();

  // The sample's manual alice.wang was claimed by the push; ops.admin stays manual.
  for (const [username, type] of [["alice.wang", "SCIM synchronization"], ["ops.admin", "Manual"]]) {
    await page.goto(`${base}/cloudsso/users`);
    await page.getByLabel("Search by username").fill(username);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(users.getByRole("row", { name: new RegExp(`^${username.replace(".", "\\.")}`) })).toContainText(type);
  }

  // The overviews trace the same numbered steps: each its own part, same wording.
  await page.goto(`${base}/idaas`);
  await expectDone(page, 2, "Test Connectivity succeeded");
  await expectDone(page, 3, "Push Now completed successfully");
  await page.goto(`${base}/cloudsso`);
  await expectDone(page, 1, "Generate New SCIM Credential");
  await expectDone(page, 3, "Users received by SCIM synchronization");
  await page.goto(`${base}${I}`);
  await expectDone(page, 2, "Test Connectivity succeeded");
  await expect(page.getByRole("list", { name: "Step 1: Enable SCIM synchronization in CloudSSO" })).toHaveCount(0);
});

/** The dialog's "What will be deleted" table, row by row. */
async function expectDeletionCounts(dialog: Locator, counts: { idaas: Record<string, number>; cloudSso: Record<string, number> }) {
  const table = dialog.getByRole("table", { name: "What will be deleted" });
  const rows: [string, string, number][] = [
    ["IDaaS", "Organizational units", counts.idaas.units],
    ["IDaaS", "Accounts", counts.idaas.accounts],
    ["IDaaS", "Groups", counts.idaas.groups],
    ["IDaaS", "Applications", counts.idaas.applications],
    ["CloudSSO", "Users", counts.cloudSso.users],
    ["CloudSSO", "Groups", counts.cloudSso.groups],
    ["CloudSSO", "SCIM credentials", counts.cloudSso.credentials],
  ];
  for (const [product, what, n] of rows) await expect(table.getByRole("row", { name: `${product} ${what} ${n}`, exact: true })).toBeVisible();
}

// Last in this file: it replaces this server's data (never the shared e2e server's).
test("Reset to Sample Data lists what it deletes, needs RESET typed, and brings the sample back", async ({ page }) => {
  await signInAtHome(page);
  // Changes of its own, so the counts are known whatever ran before: one account deleted, one
  // more application, one CloudSSO group and credential.
  const accounts = await page.request.get(`${base}/api${I}/accounts?pageSize=1`);
  const [deleted] = ((await accounts.json()) as { items: { id: string; username: string }[] }).items;
  expect((await page.request.delete(`${base}/api${I}/accounts/${deleted.id}`)).status()).toBe(200);
  expect((await page.request.post(`${base}/api${I}/applications`, { data: { templateId: "cloudsso", name: "Reset me" } })).status()).toBe(201);
  expect((await page.request.post(`${base}/api/cloudsso/groups`, { data: { name: "reset-me" } })).status()).toBe(201);
  const before = (await (await page.request.get(`${base}/api/demo/reset`)).json()) as {
    idaas: Record<string, number>;
    cloudSso: Record<string, number>;
  };
  expect(before.idaas).toMatchObject({ units: 7, accounts: 29, groups: 4 });
  expect(before.idaas.applications).toBeGreaterThanOrEqual(1);
  expect(before.cloudSso.users).toBeGreaterThanOrEqual(2);
  expect(before.cloudSso.groups).toBeGreaterThanOrEqual(1);

  await page.goto(`${base}/`);
  await page.getByRole("button", { name: "Reset to Sample Data" }).click();
  const dialog = page.getByRole("dialog", { name: "Reset to Sample Data" });
  await expectDeletionCounts(dialog, before);
  await expect(dialog).toContainText("Then it loads the sample data: 7 organizational units, 30 accounts and 4 groups in IDaaS, and 2 manual users in CloudSSO.");
  const ok = dialog.getByRole("button", { name: "OK", exact: true });
  const confirmation = dialog.getByLabel("Type RESET to confirm");
  await expect(ok).toBeDisabled();
  for (const typed of ["reset", "RESE", "RESET!", " RESET", "Reset"]) {
    await confirmation.fill(typed);
    await expect(ok, typed).toBeDisabled();
  }
  // Enter does nothing either while the word is wrong.
  await confirmation.press("Enter");
  await expect(dialog).toBeVisible();

  // Cancel keeps everything.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(((await (await page.request.get(`${base}/api/demo/reset`)).json()) as { idaas: unknown }).idaas).toEqual(before.idaas);

  await page.getByRole("button", { name: "Reset to Sample Data" }).click();
  await expect(confirmation).toHaveValue("");
  await confirmation.fill("RESET");
  await expect(ok).toBeEnabled();
  await ok.click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.getByText("Sample data loaded: 7 organizational units, 30 accounts, 4 groups in IDaaS; 2 manual users in CloudSSO.")).toBeVisible();

  // The sample is back: the guide starts over, the deleted account is back, nothing else remains.
  await expect(page.getByText(`0 of ${GUIDE_ITEMS} done`)).toBeVisible();
  await page.goto(`${base}${I}`);
  const summary = page.getByRole("list", { name: "Directory summary" });
  await expect(summary).toContainText(/Accounts\s*30\s*29 enabled/);
  await expect(summary).toContainText(/Applications\s*0/);
  const back = await page.request.get(`${base}/api${I}/accounts?pageSize=100`);
  expect(((await back.json()) as { items: { username: string }[] }).items.map((a) => a.username)).toContain(deleted.username);
  await page.goto(`${base}/cloudsso/users`);
  const users = page.getByRole("table", { name: "Users" });
  await expect(users.getByRole("row", { name: /^alice\.wang/ })).toContainText("Manual");
  await expect(users.getByRole("row", { name: /^ops\.admin/ })).toContainText("Manual");
  await expect(users.getByRole("row")).toHaveCount(3); // header + 2
  await page.goto(`${base}/cloudsso`);
  await expectDone(page, 1, "Turn on SCIM-based User Synchronization Configuration", false);

  // Opened again, the dialog counts the sample itself.
  await page.goto(`${base}/idaas`);
  await page.getByRole("button", { name: "Reset to Sample Data" }).click();
  await expectDeletionCounts(dialog, {
    idaas: { units: 7, accounts: 30, groups: 4, applications: 0 },
    cloudSso: { users: 2, groups: 0, credentials: 0 },
  });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
});

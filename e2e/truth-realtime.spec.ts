import { expect, test, type Locator, type Page } from "@playwright/test";
import { confirmDialog, signIn } from "./support/console";
import { api, provisionedApp } from "./support/provisioned-app";

/**
 * Issue 9, real-time half, clicked as an admin would and checked in both consoles:
 * 1 nothing lost while the application is disabled; 2 failures visible while retried (Retry Now,
 * retry of a Failed entry); 7 log entries name objects and say what was done; 8 every way of
 * leaving or entering the scope acts in real time; 11 the Applications list shows health.
 */
const CONSOLE = "/idaas/instances/idaas-default";

/** The CloudSSO Users row for a username, re-read until `check` holds. */
async function expectCloudSsoUser(page: Page, username: string, check: (row: Locator) => Promise<void>, timeout = 8_000) {
  await expect(async () => {
    await page.goto("/cloudsso/users");
    await page.getByLabel("Search by username").fill(username);
    await page.getByRole("button", { name: "Search" }).click();
    await check(page.getByRole("table", { name: "Users" }).getByRole("row", { name: new RegExp(`\\b${username}\\b`) }));
  }).toPass({ timeout, intervals: [250, 500, 1000] });
}

async function openRealtimeLog(page: Page, search: string) {
  await page.goto(`${CONSOLE}/logs/provisioning`);
  await page.getByRole("tab", { name: "Real-time Log Entries" }).click();
  await page.getByLabel("Search by object, action or error").fill(search);
  await page.getByRole("button", { name: "Search" }).click();
  return page.getByRole("table", { name: "Real-time log entries" });
}

async function applicationsRow(page: Page, appName: string) {
  await page.goto(`${CONSOLE}/applications`);
  await page.getByLabel("Search by application name or ID").fill(appName);
  await page.getByRole("button", { name: "Search" }).click();
  return page.getByRole("table", { name: "Applications" }).getByRole("row", { name: new RegExp(appName) });
}

async function accountActions(page: Page, unitName: string, username: string) {
  await page.goto(`${CONSOLE}/accounts`);
  await page.getByRole("tree", { name: "Organizations" }).getByRole("treeitem", { name: unitName }).click();
  return page.getByRole("group", { name: `Actions for ${username}` });
}

async function setCloudSsoScim(page: Page, on: boolean) {
  await page.goto("/cloudsso/settings");
  await page.getByRole("tab", { name: "User Settings" }).click();
  const sw = page.getByRole("switch", { name: "SCIM-based User Synchronization Configuration" });
  if ((await sw.getAttribute("aria-checked")) === String(on)) return;
  await sw.click();
  if (!on) await confirmDialog(page);
  await expect(sw).toHaveAttribute("aria-checked", String(on));
}

test.describe.configure({ timeout: 150_000 });

test("1 · changes made while the application is disabled are kept, shown as Deferred, and delivered when it is enabled", async ({ page }) => {
  await signIn(page, "/idaas");
  const s = await provisionedApp(page);
  const [alice] = s.people;

  // Disable the application in the Applications list.
  let row = await applicationsRow(page, s.appName);
  await expect(row).toContainText("Healthy");
  await row.getByRole("button", { name: "Disable" }).click();
  await confirmDialog(page);
  await expect(row).toContainText("Disabled");

  // Edit an account in scope, as the admin does in Accounts and Orgs.
  const actions = await accountActions(page, `RT ${s.sfx}`, alice.username);
  await actions.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit Account" });
  await dialog.getByLabel("Display Name").fill(`Kept ${s.sfx}`);
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();

  // The change is kept and says so; Push Now is unavailable with the reason; CloudSSO unchanged.
  row = await applicationsRow(page, s.appName);
  await expect(row).toContainText(/1 change kept — application disabled/);
  const log = await openRealtimeLog(page, alice.username);
  const entry = log.getByRole("row", { name: new RegExp(alice.username) }).first();
  await expect(entry).toContainText("Deferred");
  await expect(entry).toContainText("Deferred — application disabled");
  await expect(entry).toContainText("Update");
  await page.goto(`${CONSOLE}/applications/${s.appId}`);
  await page.getByRole("tab", { name: "Provisioning" }).click();
  await expect(page.getByRole("button", { name: "Push Now" })).toBeDisabled();
  await expect(page.getByText("The application is disabled.", { exact: false }).first()).toBeVisible();
  await expectCloudSsoUser(page, alice.username, async (r) => expect(r).toContainText("RT User 0"));

  // Enable it again: the kept change reaches CloudSSO and the entry says what happened.
  row = await applicationsRow(page, s.appName);
  await row.getByRole("button", { name: "Enable" }).click();
  await confirmDialog(page);
  await expectCloudSsoUser(page, alice.username, async (r) => expect(r).toContainText(`Kept ${s.sfx}`));
  const after = (await openRealtimeLog(page, alice.username)).getByRole("row", { name: new RegExp(alice.username) }).first();
  await expect(after).toContainText("Successful");
  await expect(after).toContainText(/Deferred \(application disabled\) and delivered/);
  await expect(await applicationsRow(page, s.appName)).toContainText("Healthy");
});

test("2 · 11 · a failing target is visible while retried: Retrying entry, banner with Retry Now, Failing in the Applications list; a Failed entry can be retried", async ({ page }) => {
  await signIn(page, "/idaas");
  const s = await provisionedApp(page);
  const [alice] = s.people;

  await setCloudSsoScim(page, false);
  try {
    const actions = await accountActions(page, `RT ${s.sfx}`, alice.username);
    await actions.getByRole("button", { name: "Disable" }).click();
    await confirmDialog(page);

    // Visible at once, with the attempt, the HTTP status and CloudSSO's reason.
    const log = await openRealtimeLog(page, alice.username);
    const entry = log.getByRole("row", { name: new RegExp(alice.username) }).first();
    await expect(entry).toContainText("Retrying", { timeout: 8_000 });
    await expect(entry).toContainText(/Attempt \d+ of \d+/);
    await expect(entry).toContainText("Next attempt");
    await expect(entry).toContainText("403");
    await expect(entry).toContainText("Disable");

    await page.goto(`${CONSOLE}/applications/${s.appId}`);
    await page.getByRole("tab", { name: "Provisioning" }).click();
    const banner = page.getByRole("alert").filter({ hasText: "last error: 403" });
    await expect(banner).toContainText(/1 change waiting — last error: 403, .*SCIM/);
    // Retry Now tries again at once (the attempt count starts over) and says so.
    await banner.getByRole("button", { name: "Retry Now" }).click();
    await expect(page.getByText("Retrying 1 change now.")).toBeVisible();

    await page.goto(CONSOLE);
    await expect(page.getByRole("alert", { name: `Provisioning to ${s.appName}` })).toContainText("last error: 403");
    await expect(await applicationsRow(page, s.appName)).toContainText(/Failing since \d{4}-\d{2}-\d{2}/);
  } finally {
    await setCloudSsoScim(page, true);
  }

  // Fixed on the CloudSSO side: the next attempt (or Retry Now, if the banner is still up) delivers.
  await page.goto(`${CONSOLE}/applications/${s.appId}`);
  await page.getByRole("tab", { name: "Provisioning" }).click();
  const retryNow = page.getByRole("button", { name: "Retry Now" });
  if (await retryNow.isVisible()) await retryNow.click();
  await expectCloudSsoUser(page, alice.username, async (r) => expect(r).toContainText("Disabled"), 30_000);
  const settled = (await openRealtimeLog(page, alice.username)).getByRole("row", { name: new RegExp(alice.username) }).first();
  await expect(settled).toContainText("Successful");
  await expect(await applicationsRow(page, s.appName)).toContainText("Healthy");

  // A final failure (CloudSSO refuses a duplicate email with 409) is Failed; Retry re-sends it.
  const email = `rt${s.sfx}clash@example.com`;
  const manual = await api<{ UserId: string }>(page, "POST", "/api/cloudsso/users", { userName: `manual${s.sfx}`, displayName: "Manual", email });
  const clash = `rt${s.sfx}clash`;
  await api(page, "POST", "/accounts", { username: clash, email, primaryUnitId: s.unit });
  const failedRow = (await openRealtimeLog(page, clash)).getByRole("row", { name: new RegExp(clash) }).first();
  await expect(failedRow).toContainText("Failed", { timeout: 8_000 });
  await expect(failedRow).toContainText("409");
  await expect(failedRow).toContainText("already used by another user");
  await expect(await applicationsRow(page, s.appName)).toContainText("Failing since");
  await api(page, "DELETE", `/api/cloudsso/users/${manual.UserId}`);
  const again = await openRealtimeLog(page, clash);
  await again.getByRole("button", { name: `Retry ${clash}` }).click();
  await expect(again.getByRole("row", { name: new RegExp(clash) }).first()).toContainText("Successful", { timeout: 8_000 });
  await expectCloudSsoUser(page, clash, async (r) => expect(r).toContainText("SCIM synchronization"));
});

test("7 · log entries name objects by username and group name and say what was done", async ({ page }) => {
  await signIn(page, "/idaas");
  const s = await provisionedApp(page);
  const bob = s.people[1];

  let actions = await accountActions(page, `RT ${s.sfx}`, bob.username);
  await actions.getByRole("button", { name: "Disable" }).click();
  await confirmDialog(page);
  await expectCloudSsoUser(page, bob.username, async (r) => expect(r).toContainText("Disabled"));
  actions = await accountActions(page, `RT ${s.sfx}`, bob.username);
  await actions.getByRole("button", { name: "Enable" }).click();
  await confirmDialog(page);
  await expectCloudSsoUser(page, bob.username, async (r) => expect(r).toContainText("Enabled"));

  const log = await openRealtimeLog(page, bob.username);
  await expect(log.getByRole("row", { name: /Disable/ }).filter({ hasText: bob.username })).toContainText("Successful");
  await expect(log.getByRole("row", { name: /Enable/ }).filter({ hasText: bob.username }).first()).toContainText("Successful");
  await expect(log).not.toContainText(bob.id);

  // An account outside the unit scope added to the scoped group: its user is created on the way,
  // with an entry of its own.
  const newcomer = `rt${s.sfx}side`;
  const side = await api(page, "POST", "/accounts", { username: newcomer, primaryUnitId: s.outside });
  await page.goto(`${CONSOLE}/groups/${s.group.id}`);
  await page.getByRole("button", { name: "Add Members" }).click();
  const picker = page.getByRole("dialog");
  await picker.getByLabel("Search accounts").fill(newcomer);
  await picker.getByRole("button", { name: "Search" }).click();
  await picker.getByRole("checkbox", { name: new RegExp(newcomer) }).check();
  await picker.getByRole("button", { name: "OK" }).click();
  await expectCloudSsoUser(page, newcomer, async (r) => expect(r).toContainText("SCIM synchronization"));
  const sideLog = await openRealtimeLog(page, newcomer);
  await expect(sideLog.getByRole("row", { name: new RegExp(`${s.group.name} / ${newcomer}`) }).first()).toContainText("Add Member");
  const created = sideLog.getByRole("row").filter({ hasText: "Create" }).filter({ hasText: newcomer });
  await expect(created.first()).toContainText("Successful");
  await expect(sideLog).not.toContainText(side.id);
});

test("8 · leaving the scope disables in real time, entering it re-enables — group removal, scope dialog, group deletion", async ({ page }) => {
  await signIn(page, "/idaas");
  const s = await provisionedApp(page);
  const v = s.viaGroup;
  await expectCloudSsoUser(page, v.username, async (r) => expect(r).toContainText("Enabled"));

  // Removed from the only scoped group that brought it into scope.
  await page.goto(`${CONSOLE}/groups/${s.group.id}`);
  await page.getByRole("button", { name: `Remove ${v.username}` }).click();
  await confirmDialog(page);
  await expectCloudSsoUser(page, v.username, async (r) => expect(r).toContainText("Disabled"));

  // Added back: re-enabled.
  await api(page, "POST", `/groups/${s.group.id}/members`, { accountIds: [v.id] });
  await expectCloudSsoUser(page, v.username, async (r) => expect(r).toContainText("Enabled"));

  // The scope narrowed in the dialog (group unticked), then widened again.
  const scopeTo = async (groupTicked: boolean) => {
    await page.goto(`${CONSOLE}/applications/${s.appId}`);
    await page.getByRole("tab", { name: "Provisioning" }).click();
    await page.getByRole("button", { name: "Configuration" }).click();
    const scope = page.getByRole("dialog", { name: "Configure Provisioning Scope" });
    const box = scope.getByLabel(s.group.name, { exact: true });
    if (groupTicked) await box.check();
    else await box.uncheck();
    await scope.getByRole("button", { name: "Save" }).click();
    await expect(scope).toBeHidden();
  };
  await scopeTo(false);
  await expectCloudSsoUser(page, v.username, async (r) => expect(r).toContainText("Disabled"));
  await scopeTo(true);
  await expectCloudSsoUser(page, v.username, async (r) => expect(r).toContainText("Enabled"));

  // The group deleted: its members that only it brought into scope are disabled.
  await page.goto(`${CONSOLE}/groups`);
  await page.getByLabel("Search by group name").fill(s.group.name);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("table", { name: "Groups" }).getByRole("row", { name: new RegExp(s.group.name) }).getByRole("button", { name: "Delete" }).click();
  await confirmDialog(page);
  await expectCloudSsoUser(page, v.username, async (r) => expect(r).toContainText("Disabled"));
  // Members in scope through their unit stay enabled.
  await expectCloudSsoUser(page, s.people[0].username, async (r) => expect(r).toContainText("Enabled"));
});

import { expect, test, type Page } from "@playwright/test";
import { confirmDialog, signIn } from "./support/console";
import { api, provisionedApp } from "./support/provisioned-app";

/**
 * Issue 13, continuing the seed journey past its last sentence ("assign them to accounts and
 * permission sets in the CloudSSO console"): after Push Now, create the access configuration
 * ReadOnly with ReadOnlyAccess, assign the SCIM-synchronized group to two member accounts through
 * the Configure Access Assignments wizard, watch the tasks succeed, find AliyunReservedSSO-ReadOnly
 * on each account and the effective permission on a member's Permissions tab; then a policy change
 * makes both accounts Re-provisioning Required until Re-provision. Off the happy path: an invalid
 * inline policy shows its field message and saves nothing; a double click on Start Configuration
 * starts one set of tasks.
 */

const nav = (page: Page) => page.getByRole("navigation", { name: "CloudSSO" });

interface TaskRow {
  taskType: string;
  status: string;
  accountId: string;
  principalName: string | null;
}

async function addMemberAccount(page: Page, displayName: string) {
  await page.getByRole("button", { name: "Add Member Account" }).click();
  const dialog = page.getByRole("dialog", { name: "Add Member Account" });
  await dialog.getByLabel("Display Name").fill(displayName);
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("table", { name: "Member accounts" }).getByRole("link", { name: displayName, exact: true })).toBeVisible();
}

test("access configuration ReadOnly assigned to the synchronized group on two accounts, provisioned, re-provisioned", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, "/cloudsso");
  const setup = await provisionedApp(page);
  const member = setup.people[0].username;
  const group = setup.group.name;
  const accounts = [`Prod ${setup.sfx}`, `Staging ${setup.sfx}`];

  // ── Member accounts: the e2e server starts without sample data, so add two through the admin page ──
  await page.goto("/cloudsso");
  await nav(page).getByRole("link", { name: "Multi-account Permission Configuration" }).click();
  await expect(page.getByRole("heading", { name: "Multi-account Permission Configuration" })).toBeVisible();
  await page.getByRole("link", { name: "Manage Member Accounts" }).click();
  for (const name of accounts) await addMemberAccount(page, name);

  // ── Create Access Configuration: an invalid inline policy first (field message, nothing saved) ──
  await nav(page).getByRole("link", { name: "Access Configuration", exact: true }).click();
  await page.getByRole("button", { name: "Create Access Configuration" }).click();
  const create = page.getByRole("dialog", { name: "Create Access Configuration" });
  await create.getByLabel("Access Configuration Name").fill("ReadOnly");
  await expect(create.getByLabel("Session Duration")).toHaveValue("3600");
  await create.getByLabel("Description").fill("Read-only access to every service");
  await create.getByLabel("Search system policies").fill("ReadOnly");
  await create.getByRole("checkbox", { name: /^ReadOnlyAccess/ }).check();
  await create.getByLabel("Create Inline Policy").check();
  await create.getByLabel("Policy Document").fill(JSON.stringify({ Version: "1", Statement: [{ Effect: "Maybe", Action: "ecs:*", Resource: "*" }] }));
  await create.getByRole("button", { name: "OK" }).click();
  await expect(create.getByText('Statement[0].Effect must be "Allow" or "Deny".')).toBeVisible();
  await expect(create).toBeVisible();
  const none = await api<{ total: number }>(page, "GET", "/api/cloudsso/access-configurations?search=ReadOnly");
  expect(none.total).toBe(0);

  // Without the inline policy it saves: ReadOnly with the system policy ReadOnlyAccess.
  await create.getByLabel("Create Inline Policy").uncheck();
  await create.getByRole("button", { name: "OK" }).click();
  await expect(create).toBeHidden();
  await expect(page.getByRole("heading", { name: "ReadOnly", exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "System policies" }).getByRole("row", { name: /ReadOnlyAccess/ })).toBeVisible();

  // ── Configure Access Assignments: both accounts, the SCIM-synchronized group, ReadOnly ──
  await nav(page).getByRole("link", { name: "Multi-account Permission Configuration" }).click();
  const tree = page.getByRole("list", { name: "Resource Directory" });
  for (const name of accounts) await tree.getByRole("checkbox", { name, exact: true }).check();
  await page.getByRole("button", { name: "Configure Access Assignments" }).click();
  const wizard = page.getByRole("dialog", { name: "Configure Access Assignments" });
  await wizard.getByRole("tab", { name: "Groups" }).click();
  await wizard.getByLabel("Search groups by name").fill(group);
  await wizard.getByRole("button", { name: "Search" }).click();
  await wizard.getByRole("checkbox", { name: group }).check();
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("list", { name: "Access configurations" }).getByRole("checkbox", { name: /^ReadOnly\b/ }).check();
  await wizard.getByRole("button", { name: "Next" }).click();
  await expect(wizard.getByRole("region", { name: "Review" })).toContainText("2 access assignments");
  // A double click starts one set of tasks.
  await wizard.getByRole("button", { name: "Start Configuration" }).dblclick();
  await expect(wizard.getByTestId("batch-summary")).toHaveText("Completed: 2 succeeded, 0 failed.", { timeout: 30_000 });
  const progress = wizard.getByRole("table", { name: "Configuration tasks" });
  for (const name of accounts) await expect(progress.getByRole("row", { name: new RegExp(`Success.*${group}.*${name}.*ReadOnly`) })).toBeVisible();
  await wizard.getByRole("button", { name: "Finish" }).click();
  await expect(wizard).toBeHidden();

  const tasks = await api<{ items: TaskRow[] }>(page, "GET", "/api/cloudsso/tasks?pageSize=100");
  const created = tasks.items.filter((t) => t.taskType === "CreateAccessAssignment" && t.principalName === group);
  expect(created).toHaveLength(2);
  expect(created.every((t) => t.status === "Success")).toBe(true);

  // ── The Tasks page lists them ──
  await nav(page).getByRole("link", { name: "Tasks", exact: true }).click();
  const taskTable = page.getByRole("table", { name: "Tasks" });
  for (const name of accounts) await expect(taskTable.getByRole("row", { name: new RegExp(`CreateAccessAssignment.*Success.*${group}.*${name}`) })).toBeVisible();

  // ── Each account: the assignment and the provisioned role ──
  for (const name of accounts) {
    await nav(page).getByRole("link", { name: "Multi-account Permission Configuration" }).click();
    await tree.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
    await expect(page.getByRole("region", { name: "Basic Information" })).toContainText(name);
    await expect(page.getByRole("table", { name: "Access assignments" }).getByRole("row", { name: new RegExp(`${group}.*Group.*ReadOnly`) })).toBeVisible();
    await page.getByRole("tab", { name: "Provisioned Access Configurations" }).click();
    const provisioned = page.getByRole("table", { name: "Provisioned access configurations" }).getByRole("row", { name: /AliyunReservedSSO-ReadOnly/ });
    await expect(provisioned).toContainText("ReadOnlyAccess");
    await expect(provisioned).toContainText("Provisioned");
    await expect(page.getByRole("region", { name: "RAM Roles and Policies" })).toContainText("AliyunReservedSSO-ReadOnly");
  }

  // ── A member's effective permission, through the group ──
  await nav(page).getByRole("link", { name: "Users" }).click();
  await page.getByLabel("Search by username").fill(member);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("table", { name: "Users" }).getByRole("link", { name: member, exact: true }).click();
  await page.getByRole("tab", { name: "Permissions" }).click();
  const permissions = page.getByRole("table", { name: "Permissions" });
  for (const name of accounts) await expect(permissions.getByRole("row", { name: new RegExp(`${name}.*ReadOnly.*Group: ${group}.*Provisioned`) })).toBeVisible();

  // The group's Access Assignments tab shows both accounts.
  await page.getByRole("link", { name: group }).first().click();
  await page.getByRole("tab", { name: "Access Assignments" }).click();
  await expect(page.getByRole("table", { name: "Access assignments" }).getByRole("row", { name: /ReadOnly/ })).toHaveCount(2);

  // ── A policy change: Re-provisioning Required on both accounts, Re-provision, Provisioned ──
  await nav(page).getByRole("link", { name: "Access Configuration", exact: true }).click();
  await page.getByRole("table", { name: "Access configurations" }).getByRole("link", { name: "ReadOnly", exact: true }).click();
  await page.getByRole("button", { name: "Add System Policy" }).click();
  const add = page.getByRole("dialog", { name: "Add System Policy" });
  await add.getByLabel("Search system policies").fill("AliyunOSSReadOnlyAccess");
  await add.getByRole("checkbox", { name: /^AliyunOSSReadOnlyAccess/ }).check();
  await add.getByRole("button", { name: "OK" }).click();
  await expect(add).toBeHidden();
  await expect(page.getByText("2 accounts need re-provisioning")).toBeVisible();
  await page.getByRole("tab", { name: "Provisioning" }).click();
  const rows = page.getByRole("table", { name: "Provisioned accounts" });
  for (const name of accounts) await expect(rows.getByRole("row", { name: new RegExp(`${name}.*Re-provisioning Required`) })).toBeVisible();
  await rows.getByRole("checkbox", { name: "Select all accounts" }).check();
  await page.getByRole("button", { name: "Re-provision Selected" }).click();
  await expect(page.getByTestId("batch-summary")).toHaveText("Completed: 2 succeeded, 0 failed.", { timeout: 30_000 });
  for (const name of accounts) {
    const row = rows.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText("Provisioned");
    await expect(row).not.toContainText("Re-provisioning Required");
    await expect(row).toContainText("AliyunOSSReadOnlyAccess");
  }
  await expect(page.getByText("2 accounts need re-provisioning")).toBeHidden();

  // ── The overview's step is done ──
  await nav(page).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("list", { name: "Step 4: Assign access in CloudSSO" }).getByRole("listitem")).toContainText("Assign access — Done");
});

test("removing the last access assignment de-provisions it; a stale tab's Remove gets a clear error; De-provision asks to Remove Permission first", async ({ page }) => {
  await signIn(page, "/cloudsso");
  const sfx = `${Date.now().toString(36)}`;
  const account = await api<{ accountId: string; displayName: string }>(page, "POST", "/api/cloudsso/resource-directory/accounts", {
    displayName: `Sandbox ${sfx}`,
    folderId: (await api<{ rootFolderId: string }>(page, "GET", "/api/cloudsso/resource-directory")).rootFolderId,
  });
  const user = await api<{ UserId: string; UserName: string }>(page, "POST", "/api/cloudsso/users", { userName: `acc${sfx}` });
  const config = await api<{ id: string; name: string }>(page, "POST", "/api/cloudsso/access-configurations", {
    name: `Ops-${sfx}`,
    systemPolicies: ["AliyunECSFullAccess"],
  });
  await api(page, "POST", "/api/cloudsso/access-assignments", {
    accountIds: [account.accountId],
    principals: [{ type: "User", id: user.UserId }],
    accessConfigurationIds: [config.id],
  });
  await expect(async () => {
    const t = await api<{ items: TaskRow[] }>(page, "GET", `/api/cloudsso/tasks?accountId=${account.accountId}`);
    expect(t.items.length).toBeGreaterThan(0);
    expect(t.items.every((i) => i.status === "Success")).toBe(true);
  }).toPass({ timeout: 30_000 });

  // Two tabs on the same account page. The second opens Remove and waits; the first removes the assignment.
  await page.goto(`/cloudsso/multi-account/accounts/${account.accountId}`);
  const stale = await page.context().newPage();
  await stale.goto(`/cloudsso/multi-account/accounts/${account.accountId}`);
  await stale.getByRole("table", { name: "Access assignments" }).getByRole("row", { name: new RegExp(user.UserName) }).getByRole("button", { name: "Remove" }).click();
  const staleDialog = stale.getByRole("dialog", { name: "Remove Access Assignment" });
  await expect(staleDialog).toBeVisible();

  await page.bringToFront();
  const row = page.getByRole("table", { name: "Access assignments" }).getByRole("row", { name: new RegExp(user.UserName) });
  await row.getByRole("button", { name: "Remove" }).click();
  await page.getByRole("dialog", { name: "Remove Access Assignment" }).getByLabel(/De-provision/).check();
  await confirmDialog(page);
  await expect(page.getByTestId("batch-summary")).toContainText("Completed", { timeout: 30_000 });
  await expect(page.getByRole("table", { name: "Access assignments" }).getByRole("row", { name: new RegExp(user.UserName) })).toHaveCount(0);
  await page.getByRole("tab", { name: "Provisioned Access Configurations" }).click();
  await expect(page.getByText("No access configuration is provisioned in this account yet.")).toBeVisible();

  // The stale tab's OK gets a clear error, not a silent no-op, and its dialog stays open.
  await stale.bringToFront();
  await staleDialog.getByRole("button", { name: "OK" }).click();
  await expect(stale.getByText(/no longer exist|do(es)? not exist/)).toBeVisible();
  await expect(staleDialog).toBeVisible();
  await stale.close();

  // De-provision from the access configuration while an assignment remains: "Remove Permission" first.
  await api(page, "POST", "/api/cloudsso/access-assignments", {
    accountIds: [account.accountId],
    principals: [{ type: "User", id: user.UserId }],
    accessConfigurationIds: [config.id],
  });
  await page.goto(`/cloudsso/access-configurations/${config.id}`);
  await page.getByRole("tab", { name: "Provisioning" }).click();
  const provisioned = page.getByRole("table", { name: "Provisioned accounts" }).getByRole("row", { name: new RegExp(account.displayName) });
  await expect(provisioned).toContainText("Provisioned", { timeout: 30_000 });
  await provisioned.getByRole("button", { name: "De-provision" }).click();
  const removePermission = page.getByRole("dialog", { name: "Remove Permission" });
  await expect(removePermission).toContainText(`${user.UserName} (User)`);
  await confirmDialog(page);
  await expect(page.getByTestId("batch-summary")).toHaveText("Completed: 1 succeeded, 0 failed.", { timeout: 30_000 });
  await expect(page.getByText("Not provisioned on any account yet.", { exact: false })).toBeVisible();
});

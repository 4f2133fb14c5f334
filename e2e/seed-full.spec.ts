import { expect, test, type Page } from "@playwright/test";
import { cloudSsoEnableScimAndGenerateCredential, confirmDialog, signIn } from "./support/console";

/**
 * The whole seed document "Sync to CloudSSO via SCIM": Steps 1–3 by their labels, Push Now to
 * success, the result in CloudSSO and in Log > Provisioning > Tasks; then real-time changes
 * (edit, disable, leave scope, delete, add member) each visible in CloudSSO within 5 s.
 */
const I = "/api/idaas/instances/idaas-default";

async function api(page: Page, method: "POST" | "PATCH" | "DELETE", path: string, data?: unknown) {
  const res = await page.request.fetch(`${I}${path}`, { method, data });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return res.status() === 204 ? null : ((await res.json()) as { id: string });
}

/** The CloudSSO Users row for a username, re-read until `check` holds (real time: ≤ 5 s). */
async function expectCloudSsoUser(page: Page, username: string, check: (row: ReturnType<Page["getByRole"]>) => Promise<void>, timeout = 5_000) {
  await expect(async () => {
    await page.goto(`/cloudsso/users`);
    await page.getByLabel("Search by username").fill(username);
    await page.getByRole("button", { name: "Search" }).click();
    await check(page.getByRole("table", { name: "Users" }).getByRole("row", { name: new RegExp(`\\b${username}\\b`) }));
  }).toPass({ timeout, intervals: [200, 300, 500] });
}

test("seed Steps 1–3, Push Now, task log, and real-time changes reaching CloudSSO", async ({ page }) => {
  test.setTimeout(180_000);
  const sfx = Date.now().toString(36);
  await signIn(page, "/cloudsso");

  // The organization to provision: a scoped unit with a sub-unit, an out-of-scope unit, a group.
  const eng = (await api(page, "POST", "/units", { name: `Engineering ${sfx}`, parentId: "ou-root" }))!.id;
  const platform = (await api(page, "POST", "/units", { name: `Platform ${sfx}`, parentId: eng }))!.id;
  const outside = (await api(page, "POST", "/units", { name: `Contractors ${sfx}`, parentId: "ou-root" }))!.id;
  const people: { id: string; username: string }[] = [];
  for (let i = 0; i < 6; i++) {
    const username = `seed${sfx}u${i}`;
    const a = await api(page, "POST", "/accounts", {
      username,
      displayName: `Seed User ${i}`,
      email: `${username}@example.com`,
      primaryUnitId: i % 2 ? platform : eng,
    });
    people.push({ id: a!.id, username });
  }
  const outsider = `seed${sfx}ext`;
  const outsiderId = (await api(page, "POST", "/accounts", { username: outsider, primaryUnitId: outside }))!.id;
  const groupName = `Developers-${sfx}`;
  const group = (await api(page, "POST", "/groups", { name: groupName }))!.id;
  await api(page, "POST", `/groups/${group}/members`, { accountIds: [people[0].id, people[1].id] });

  // ── Step 1: CloudSSO Settings: SCIM on, copy the endpoint, generate a credential ──
  const { endpoint, secret } = await cloudSsoEnableScimAndGenerateCredential(page);

  // ── Step 2: add the CloudSSO application and configure provisioning ──
  await page.getByRole("navigation", { name: "Products" }).getByRole("link", { name: "IDaaS" }).click();
  await page.getByRole("navigation", { name: "IDaaS" }).getByRole("link", { name: "EIAM" }).click();
  await page.getByRole("row", { name: /EIAM Instance/ }).getByRole("link", { name: "Console" }).click();
  await page.getByRole("navigation", { name: "EIAM Instance" }).getByRole("link", { name: "Applications" }).click();
  await page.getByRole("button", { name: "Add Application" }).click();
  await page.getByRole("region", { name: "Alibaba Cloud - CloudSSO" }).getByRole("button", { name: "Add Application" }).click();
  const addPanel = page.getByRole("dialog", { name: "Add Application" });
  await addPanel.getByLabel("Application Name").fill(`CloudSSO ${sfx}`);
  await addPanel.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page).toHaveURL(/\/applications\/app-[a-z0-9]+/);

  await page.getByRole("tab", { name: "Provisioning" }).click();
  await page.getByRole("button", { name: "Configuration" }).click();
  const scope = page.getByRole("dialog", { name: "Configure Provisioning Scope" });
  await scope.getByLabel(`Engineering ${sfx}`, { exact: true }).check();
  await scope.getByLabel(groupName, { exact: true }).check();
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

  // ── Step 3: Push Now ──
  await page.getByRole("button", { name: "Push Now" }).click();
  await expect(page.getByText("Push completed").first()).toBeVisible({ timeout: 60_000 });

  // Accounts and the group with its members are in CloudSSO as "SCIM synchronization".
  for (const p of people) {
    await expectCloudSsoUser(page, p.username, async (row) => {
      await expect(row).toContainText("SCIM synchronization");
      await expect(row).toContainText("Enabled");
    });
  }
  await page.goto("/cloudsso/users");
  await page.getByLabel("Search by username").fill(outsider);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await page.goto("/cloudsso/groups");
  await page.getByLabel("Search by group name").fill(groupName);
  await page.getByRole("button", { name: "Search" }).click();
  const groupRow = page.getByRole("table", { name: "Groups" }).getByRole("row", { name: new RegExp(groupName) });
  await expect(groupRow).toContainText("SCIM synchronization");
  await groupRow.getByRole("link", { name: groupName }).click();
  await page.getByRole("tab", { name: "Users" }).click();
  const members = page.getByRole("table", { name: "Group members" });
  await expect(members).toContainText(people[0].username);
  await expect(members).toContainText(people[1].username);

  // The task is Successful in Log > Provisioning > Tasks, with its counters.
  await page.goto("/idaas/instances/idaas-default/logs/provisioning");
  await expect(page.getByRole("tab", { name: "Tasks" })).toHaveAttribute("aria-selected", "true");
  const taskRow = page.getByRole("table", { name: "Tasks" }).getByRole("row", { name: new RegExp(`CloudSSO ${sfx}`) }).first();
  await expect(taskRow).toContainText("Successful");
  await expect(taskRow).toContainText("Manual");
  await taskRow.getByRole("link", { name: "View Details" }).click();
  await expect(page.getByTestId("counter-users-created")).toContainText(/Created\s*6\s*6\s*0\s*0$/);
  await expect(page.getByTestId("counter-groups-created")).toContainText(/Created\s*1\s*1\s*0\s*0$/);
  await expect(page.getByTestId("counter-members-created")).toContainText(/Created\s*2\s*2\s*0\s*0$/);
  await page.getByLabel("Search by object, action or error").fill(people[2].username);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("table", { name: "Task log entries" }).getByRole("row")).toHaveCount(2);

  // ── Real time: each change shows in CloudSSO within 5 s ──
  await api(page, "PATCH", `/accounts/${people[2].id}`, {
    username: people[2].username,
    displayName: `Renamed ${sfx}`,
    email: `${people[2].username}@example.com`,
    primaryUnitId: eng,
  });
  await expectCloudSsoUser(page, people[2].username, async (row) => expect(row).toContainText(`Renamed ${sfx}`));

  await api(page, "POST", `/accounts/${people[3].id}/status`, { status: "Disabled" });
  await expectCloudSsoUser(page, people[3].username, async (row) => expect(row).toContainText("Disabled"));

  await api(page, "POST", `/accounts/${people[4].id}/move`, { primaryUnitId: outside });
  await expectCloudSsoUser(page, people[4].username, async (row) => expect(row).toContainText("Disabled"));

  await api(page, "DELETE", `/accounts/${people[5].id}`);
  await expect(async () => {
    await page.goto("/cloudsso/users");
    await page.getByLabel("Search by username").fill(people[5].username);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByTestId("empty-state")).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 5_000, intervals: [200, 300, 500] });

  // Adding the out-of-scope account to the scoped group brings it into scope: created, then a member.
  await api(page, "POST", `/groups/${group}/members`, { accountIds: [outsiderId] });
  await expect(async () => {
    await page.goto("/cloudsso/groups");
    await page.getByLabel("Search by group name").fill(groupName);
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("table", { name: "Groups" }).getByRole("link", { name: groupName }).click();
    await page.getByRole("tab", { name: "Users" }).click();
    await expect(page.getByRole("table", { name: "Group members" })).toContainText(outsider, { timeout: 500 });
  }).toPass({ timeout: 5_000, intervals: [200, 300, 500] });

  // Real-time pushes are searchable log entries.
  await page.goto("/idaas/instances/idaas-default/logs/provisioning");
  await page.getByRole("tab", { name: "Real-time Log Entries" }).click();
  await page.getByLabel("Search by object, action or error").fill(people[4].username);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("table", { name: "Real-time log entries" })).toContainText("Disable");
});

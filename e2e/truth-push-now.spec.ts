import { expect, test, type Page } from "@playwright/test";
import { addCloudSsoApplication, cloudSsoEnableScimAndGenerateCredential, confirmDialog, signIn } from "./support/console";
import { slowProxy } from "./support/slow-proxy";

/**
 * Push Now tells the truth (issue 9, items 5, 6 and the task-log half of 7): scope counts live
 * in the Configuration dialog and the summary; nothing in scope is a Failed task that says so;
 * progress moves while a push runs; the result names its counts next to the button with View
 * Details; a double click or a second tab never starts a second push; the task's counters,
 * Status Description and log entries say the same thing by name.
 */
const I = "/api/idaas/instances/idaas-default";
const NOTHING =
  "Nothing to push: the provisioning scope holds no accounts. Verify that the Organization and Group selected in the provisioning scope contain the expected users.";

async function api(page: Page, method: "POST", path: string, data?: unknown) {
  const res = await page.request.fetch(`${I}${path}`, { method, data });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as { id: string };
}

async function accounts(page: Page, prefix: string, unitId: string, n: number, extra: Record<string, unknown> = {}) {
  const ids: string[] = [];
  // A few at a time: quick enough for 300, gentle on the shared server.
  for (let i = 0; i < n; i += 10) {
    const batch = Array.from({ length: Math.min(10, n - i) }, (_, j) =>
      api(page, "POST", "/accounts", { username: `${prefix}${i + j}`, primaryUnitId: unitId, ...extra }).then((a) => a.id),
    );
    ids.push(...(await Promise.all(batch)));
  }
  return ids;
}

/**
 * Step 2 of the seed, clicked: add the CloudSSO application and save its connection. Operation
 * boxes given in `unsubscribe` are cleared first (so real-time pushes leave the work to Push Now).
 */
async function addApplication(page: Page, name: string, conn: { endpoint: string; secret: string }, opts: { unsubscribe?: string[] } = {}) {
  const appUrl = await addCloudSsoApplication(page, name);
  const provisionSwitch = page.getByRole("switch", { name: "Provision IDaaS Accounts to Application" });
  await provisionSwitch.click();
  await confirmDialog(page, "Enable");
  await expect(provisionSwitch).toHaveAttribute("aria-checked", "true");
  await page.getByLabel("SCIM Server URL").fill(conn.endpoint);
  await page.getByLabel("Bearer Token Key Mode").fill(conn.secret);
  for (const op of opts.unsubscribe ?? []) await page.getByLabel(op, { exact: true }).uncheck();
  await page.getByLabel("Accounts", { exact: true }).check();
  await page.getByLabel("Groups", { exact: true }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Provisioning configuration saved.").first()).toBeVisible();
  return appUrl;
}

async function saveScope(page: Page, labels: string[]) {
  await page.getByRole("button", { name: "Configuration" }).click();
  const scope = page.getByRole("dialog", { name: "Configure Provisioning Scope" });
  for (const l of labels) await scope.getByLabel(l, { exact: true }).check();
  await scope.getByRole("button", { name: "Save" }).click();
  await expect(scope).toBeHidden();
}

/** The CloudSSO Users row of a username (the console a CloudSSO admin reads). */
async function cloudSsoUserRow(page: Page, username: string) {
  await page.goto("/cloudsso/users");
  await page.getByLabel("Search by username").fill(username);
  await page.getByRole("button", { name: "Search" }).click();
  return page.getByRole("table", { name: "Users" }).getByRole("row", { name: new RegExp(`\\b${username}\\b`) });
}

test("item 5: an empty scope shows 0 accounts and Push Now says there is nothing to push; the task is Failed with the same words", async ({ page }) => {
  test.setTimeout(120_000);
  const sfx = Date.now().toString(36);
  await signIn(page, "/cloudsso");
  await api(page, "POST", "/units", { name: `Empty ${sfx}`, parentId: "ou-root" });
  const filled = (await api(page, "POST", "/units", { name: `Filled ${sfx}`, parentId: "ou-root" })).id;
  const sub = (await api(page, "POST", "/units", { name: `Filled sub ${sfx}`, parentId: filled })).id;
  const outside = (await api(page, "POST", "/units", { name: `Outside ${sfx}`, parentId: "ou-root" })).id;
  const [f0] = await accounts(page, `es${sfx}f`, filled, 2);
  await accounts(page, `es${sfx}s`, sub, 1);
  await accounts(page, `es${sfx}x`, outside, 1, { extraUnitIds: [filled] });
  const [o0] = await accounts(page, `es${sfx}o`, outside, 1);
  const groupName = `Empty-check-${sfx}`;
  const group = (await api(page, "POST", "/groups", { name: groupName })).id;
  await api(page, "POST", `/groups/${group}/members`, { accountIds: [f0, o0] });

  const conn = await cloudSsoEnableScimAndGenerateCredential(page);
  const appName = `Empty scope ${sfx}`;
  await addApplication(page, appName, conn);
  await expect(page.getByTestId("scope-summary")).toContainText("No organization or group selected.");
  await expect(page.getByTestId("scope-summary")).toContainText("Covers 0 accounts and 0 groups");

  // Live counts while ticking: sub-unit, extra-unit and group members included, each once.
  await page.getByRole("button", { name: "Configuration" }).click();
  const scope = page.getByRole("dialog", { name: "Configure Provisioning Scope" });
  const coverage = scope.getByTestId("scope-coverage");
  await expect(coverage).toHaveText("Covers 0 accounts and 0 groups");
  await scope.getByLabel(`Filled ${sfx}`, { exact: true }).check();
  await expect(coverage).toHaveText("Covers 4 accounts and 0 groups");
  await scope.getByLabel(groupName, { exact: true }).check();
  await expect(coverage).toHaveText("Covers 5 accounts and 1 group");
  await scope.getByLabel(`Filled ${sfx}`, { exact: true }).uncheck();
  await scope.getByLabel(groupName, { exact: true }).uncheck();
  await scope.getByLabel(`Empty ${sfx}`, { exact: true }).check();
  await expect(coverage).toHaveText("Covers 0 accounts and 0 groups");
  await scope.getByRole("button", { name: "Save" }).click();
  await expect(scope).toBeHidden();
  await expect(page.getByTestId("scope-summary")).toContainText(`Empty ${sfx}`);
  await expect(page.getByTestId("scope-summary")).toContainText("Covers 0 accounts and 0 groups");

  await page.getByRole("button", { name: "Push Now" }).click();
  const result = page.getByRole("alert").filter({ hasText: "Nothing to push" });
  await expect(result).toContainText(NOTHING, { timeout: 30_000 });
  await expect(page.getByText("Push completed")).toHaveCount(0);
  await expect(result).toBeInViewport();

  // The task says the same, and is not Successful.
  await result.getByRole("link", { name: "View Details" }).click();
  await expect(page.getByRole("heading", { name: "Task Details" })).toBeVisible();
  const info = page.getByRole("region", { name: "Task information" });
  await expect(info).toContainText("Failed");
  await expect(info).toContainText(NOTHING);
  await page.goto("/idaas/instances/idaas-default/logs/provisioning");
  const row = page.getByRole("table", { name: "Tasks" }).getByRole("row", { name: new RegExp(appName) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Failed");
  await expect(row).toContainText(NOTHING);
  await expect(row).not.toContainText("Successful");

  // Nothing reached CloudSSO.
  await page.goto("/cloudsso/users");
  await page.getByLabel("Search by username").fill(`es${sfx}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("empty-state")).toBeVisible();
});

test("item 6: progress moves while a push runs; double click and a second tab start one task; the result has counts and View Details beside the button", async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  const sfx = Date.now().toString(36);
  await signIn(page, "/cloudsso");
  const bulk = (await api(page, "POST", "/units", { name: `Bulk ${sfx}`, parentId: "ou-root" })).id;
  const N = 300;
  await accounts(page, `bk${sfx}u`, bulk, N);

  const conn = await cloudSsoEnableScimAndGenerateCredential(page);
  // CloudSSO behind a proxy that answers each request 80 ms late: the push lasts seconds on any
  // machine, so its progress can be watched.
  const slow = await slowProxy(new URL(conn.endpoint).origin, 80);
  const appName = `Progress ${sfx}`;
  // No real-time subscription for accounts: the first push is all Push Now's work.
  const appUrl = await addApplication(page, appName, { ...conn, endpoint: `${slow.origin}/scim/v2` }, { unsubscribe: ["Create Account", "Update Account"] });
  await saveScope(page, [`Bulk ${sfx}`]);
  await expect(page.getByTestId("scope-summary")).toContainText(`Covers ${N} accounts and 0 groups`);

  // A second tab opened before the push: its page still shows the push as not started.
  const stale = await context.newPage();
  await stale.goto(`${appUrl}?tab=provisioning`);
  await expect(stale.getByRole("button", { name: "Push Now" })).toBeEnabled();

  const pushNow = page.getByRole("button", { name: "Push Now" });
  await expect(pushNow).toBeInViewport();
  await pushNow.dblclick();

  await stale.getByRole("button", { name: "Push Now" }).click();
  const already = stale.getByRole("alert").filter({ hasText: "A push is already running" });
  await expect(already).toBeVisible();
  await expect(stale.getByText("Push completed")).toHaveCount(0);
  const runningHref = await already.getByRole("link", { name: "View Details" }).getAttribute("href");
  expect(runningHref).toMatch(/\/logs\/provisioning\/tasks\/task-/);

  // Progress text changes while the push runs (not 0 then done), counts included.
  const progress = page.getByTestId("push-now-progress");
  const seen = new Set<string>();
  const done = page.getByRole("status").filter({ hasText: "Push completed" });
  while (!(await done.isVisible())) {
    const text = await progress.textContent({ timeout: 100 }).catch(() => null);
    if (text?.startsWith("Pushing")) seen.add(text);
    await page.waitForTimeout(100);
  }
  const pushing = [...seen].map((t) => /^Pushing (\d+) \/ (\d+): (\d+) created, (\d+) updated, (\d+) unchanged, (\d+) failed/.exec(t));
  expect(pushing.every(Boolean), [...seen].join(" | ")).toBe(true);
  expect(seen.size, [...seen].join(" | ")).toBeGreaterThanOrEqual(2);
  expect(pushing.some((m) => Number(m![1]) > 0 && Number(m![1]) < N), [...seen].join(" | ")).toBe(true);
  expect(pushing.every((m) => Number(m![2]) >= N)).toBe(true);

  await expect(done).toContainText(`Push completed. Users: ${N} created, 0 updated, 0 unchanged, 0 failed.`);
  await expect(done).toBeInViewport();
  const detailsLink = done.getByRole("link", { name: "View Details" });
  await expect(detailsLink).toBeInViewport();
  expect(await detailsLink.getAttribute("href")).toBe(runningHref);

  // The second tab followed the running push to its end: the notice is gone, the outcome shown.
  await expect(stale.getByRole("status").filter({ hasText: "Push completed" })).toBeVisible({ timeout: 15_000 });
  await expect(stale.getByText("A push is already running")).toHaveCount(0);
  await stale.getByRole("link", { name: "View Details" }).click();
  await expect(stale.getByRole("heading", { name: "Task Details" })).toBeVisible();
  await stale.close();

  await detailsLink.click();
  await expect(page.getByRole("region", { name: "Task information" })).toContainText("Successful");
  await expect(page.getByTestId("counter-users-created")).toContainText(new RegExp(`Created\\s*${N}\\s*${N}\\s*0\\s*0$`));

  // Exactly one task for the double click and the second tab together.
  await page.goto("/idaas/instances/idaas-default/logs/provisioning");
  await expect(page.getByRole("table", { name: "Tasks" }).getByRole("row", { name: new RegExp(appName) })).toHaveCount(1);

  // And the accounts are in CloudSSO.
  for (const i of [0, N - 1]) {
    const row = await cloudSsoUserRow(page, `bk${sfx}u${i}`);
    await expect(row).toContainText("SCIM synchronization");
  }
  await slow.close();
});

test("item 7: the Push Now message, the Status Description and the task counters say the same numbers; log entries name objects; disabled means no Push Now", async ({ page }) => {
  test.setTimeout(120_000);
  const sfx = Date.now().toString(36);
  await signIn(page, "/cloudsso");
  const team = (await api(page, "POST", "/units", { name: `Named ${sfx}`, parentId: "ou-root" })).id;
  const outside = (await api(page, "POST", "/units", { name: `Named outside ${sfx}`, parentId: "ou-root" })).id;
  const inside = await accounts(page, `nm${sfx}u`, team, 3);
  const [guest] = await accounts(page, `nm${sfx}g`, outside, 1);
  const groupName = `Named-${sfx}`;
  const group = (await api(page, "POST", "/groups", { name: groupName })).id;
  await api(page, "POST", `/groups/${group}/members`, { accountIds: [inside[0], guest] });

  const conn = await cloudSsoEnableScimAndGenerateCredential(page);
  await addApplication(page, `Named ${sfx}`, conn, {
    unsubscribe: ["Create Account", "Update Account", "Create Group", "Add Group Member"],
  });
  await saveScope(page, [`Named ${sfx}`, groupName]);
  await expect(page.getByTestId("scope-summary")).toContainText("Covers 4 accounts and 1 group");

  await page.getByRole("button", { name: "Push Now" }).click();
  const done = page.getByRole("status").filter({ hasText: "Push completed" });
  await expect(done).toBeVisible({ timeout: 60_000 });
  const message = (await done.textContent())!.replace(/View Details$/, "").trim();
  const description = message.replace(/^Push completed\. /, "");
  expect(description).toMatch(/^Users: \d+ created/);

  await done.getByRole("link", { name: "View Details" }).click();
  const info = page.getByRole("region", { name: "Task information" });
  await expect(info).toContainText(description);
  // Each number in the description is a cell of the counters table.
  const num = (re: RegExp) => Number(re.exec(description)![1]);
  const users = /Users: (\d+) created, (\d+) updated, (\d+) unchanged, (\d+) failed/.exec(description)!;
  const cells = async (testId: string) => (await page.getByTestId(testId).locator("td").allTextContents()).slice(1).map(Number);
  expect((await cells("counter-users-created"))[1]).toBe(Number(users[1]));
  expect((await cells("counter-users-updated"))[1]).toBe(Number(users[2]));
  expect((await cells("counter-users-unchanged"))[0]).toBe(Number(users[3]));
  expect(Number(users[1]) + Number(users[2]) + Number(users[3])).toBe(4);
  expect((await cells("counter-groups-created"))[1]).toBe(num(/Groups: (\d+) created/));
  expect((await cells("counter-members-created"))[1]).toBe(num(/Group members: (\d+) created/));

  // Log entries: usernames and the group name, never an internal id.
  const entries = page.getByRole("table", { name: "Task log entries" });
  for (const username of [...inside.map((_, i) => `nm${sfx}u${i}`), `nm${sfx}g0`]) await expect(entries).toContainText(username);
  await expect(entries).toContainText(`${groupName} / nm${sfx}u0`);
  for (const id of [...inside, guest, group]) await expect(entries).not.toContainText(id);

  // CloudSSO has them, the guest included (brought in by the group).
  for (const username of [`nm${sfx}u1`, `nm${sfx}g0`]) {
    const row = await cloudSsoUserRow(page, username);
    await expect(row).toContainText("SCIM synchronization");
  }

  // Disabled in the Applications list: Push Now is unavailable, the reason next to it.
  await page.goto("/idaas/instances/idaas-default/applications");
  const appRow = page.getByRole("row", { name: new RegExp(`Named ${sfx}`) });
  await appRow.getByRole("button", { name: "Disable" }).click();
  await confirmDialog(page);
  await expect(appRow.getByText("Disabled")).toBeVisible();
  await appRow.getByRole("link", { name: `Details of Named ${sfx}` }).click();
  await page.getByRole("tab", { name: "Provisioning" }).click();
  const reason = "The application is disabled. Enable it on the General tab or in the Applications list.";
  await expect(page.getByRole("button", { name: "Push Now" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Push Now" })).toHaveAccessibleDescription(reason);
  await expect(page.getByText(reason, { exact: true })).toBeInViewport();
});

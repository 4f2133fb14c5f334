import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/console";
import { api, provisionedApp } from "./support/provisioned-app";

/**
 * Issue 11 item 4 (Accounts and Orgs opens at Root Organization with its descendants' accounts,
 * tree counts include descendants) and item 8 (account and group details show each application's
 * provisioning state of that object), clicked as an admin would.
 */
const CONSOLE = "/idaas/instances/idaas-default";

async function openAccountsAndOrgs(page: Page) {
  await page.goto(CONSOLE);
  await page.getByRole("navigation", { name: "EIAM Instance" }).getByRole("link", { name: "Accounts and Orgs" }).click();
  return page.getByRole("tree", { name: "Organizations" });
}

async function search(page: Page, text: string) {
  await page.getByLabel("Search by username or email").fill(text);
  await page.getByRole("button", { name: "Search" }).click();
}

/** Opens an account's details from Accounts and Orgs (Root Organization, sub-units included). */
async function openAccount(page: Page, username: string) {
  await openAccountsAndOrgs(page);
  await search(page, username);
  await page.getByRole("table", { name: "Accounts" }).getByRole("link", { name: username, exact: true }).click();
  await expect(page.getByRole("heading", { name: username })).toBeVisible();
}

const stateRow = (page: Page, appName: string) =>
  page.getByRole("table", { name: "Provisioning state by application" }).getByRole("row", { name: new RegExp(appName) });

test.describe.configure({ timeout: 150_000 });

test("4 · Accounts and Orgs opens at Root Organization with sub-unit accounts listed; counts include descendants; unticking Include sub-units narrows", async ({ page }) => {
  await signIn(page, "/idaas");
  const sfx = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const parentName = `OS parent ${sfx}`;
  const parent = await api(page, "POST", "/units", { name: parentName, parentId: "ou-root" });
  const child = await api(page, "POST", "/units", { name: `OS child ${sfx}`, parentId: parent.id });
  await api(page, "POST", "/accounts", { username: `os${sfx}top`, primaryUnitId: parent.id });
  await api(page, "POST", "/accounts", { username: `os${sfx}deep`, primaryUnitId: child.id });

  const tree = await openAccountsAndOrgs(page);
  await expect(tree.getByRole("treeitem", { name: "Root Organization" })).toHaveAttribute("aria-selected", "true");
  const include = page.getByRole("checkbox", { name: "Include sub-units" });
  await expect(include).toBeChecked();
  const accounts = page.getByRole("table", { name: "Accounts" });
  // The root lists accounts of units below it without selecting anything.
  await search(page, `os${sfx}`);
  await expect(accounts.getByRole("link", { name: `os${sfx}deep` })).toBeVisible();
  await expect(accounts.getByRole("link", { name: `os${sfx}top` })).toBeVisible();

  // The parent's count includes its sub-unit's account.
  await expect(page.getByTitle(`2 accounts in ${parentName}, sub-units included`)).toHaveText("2");

  await tree.getByRole("treeitem", { name: parentName }).click();
  await expect(include).toBeChecked();
  await expect(accounts.getByRole("link", { name: `os${sfx}deep` })).toBeVisible();
  await include.uncheck();
  await expect(accounts.getByRole("link", { name: `os${sfx}top` })).toBeVisible();
  await expect(accounts.getByRole("link", { name: `os${sfx}deep` })).toBeHidden();
});

test("8 · account and group details show each application's provisioning state: Synchronized, Failed: 409 …, Out of scope", async ({ page }) => {
  await signIn(page, "/idaas");
  const s = await provisionedApp(page);
  const [alice] = s.people;

  // Provisioned by Push Now: Synchronized, with how long ago; the breadcrumb leads back.
  await openAccount(page, alice.username);
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByRole("link", { name: "Accounts and Orgs" })).toBeVisible();
  await expect(crumbs).toContainText(alice.username);
  const section = page.getByRole("region", { name: "Provisioning" });
  await expect(section).toBeVisible();
  await expect(stateRow(page, s.appName)).toContainText(/Synchronized (just now|\d+ min ago)/);

  // CloudSSO refuses a duplicate email with 409: the account's details say so, with the reason.
  const email = `os${s.sfx}clash@example.com`;
  const manual = await api<{ UserId: string }>(page, "POST", "/api/cloudsso/users", { userName: `manual${s.sfx}`, displayName: "Manual", email });
  try {
    const clash = `os${s.sfx}clash`;
    await api(page, "POST", "/accounts", { username: clash, email, primaryUnitId: s.unit });
    await openAccount(page, clash);
    // The state refreshes on its own (every 3 s) until the delivery has failed.
    await expect(stateRow(page, s.appName)).toContainText("Failed: 409 uniqueness", { timeout: 20_000 });
    await expect(stateRow(page, s.appName)).toContainText("already used by another user");
  } finally {
    await api(page, "DELETE", `/api/cloudsso/users/${manual.UserId}`);
  }

  // An account outside the scope is never sent.
  const outsider = `os${s.sfx}out`;
  await api(page, "POST", "/accounts", { username: outsider, primaryUnitId: s.outside });
  await openAccount(page, outsider);
  await expect(stateRow(page, s.appName)).toContainText("Out of scope");

  // The scoped group's details: pushed, so Synchronized.
  await page.goto(`${CONSOLE}/groups/${s.group.id}`);
  await expect(page.getByRole("heading", { name: s.group.name })).toBeVisible();
  await expect(stateRow(page, s.appName)).toContainText(/Synchronized (just now|\d+ min ago)/);
  // Its members lead to their account details.
  await page.getByRole("table", { name: "Group members" }).getByRole("link", { name: alice.username }).click();
  await expect(page.getByRole("heading", { name: alice.username })).toBeVisible();
});

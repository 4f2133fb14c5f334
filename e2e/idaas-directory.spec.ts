import { expect, test, type Page } from "@playwright/test";
import { confirmDialog, signIn } from "./support/console";

/**
 * IDaaS directory journey: EIAM instance list → Console → Accounts and Orgs (unit, account with
 * an inline server error) → Groups (create, add a member).
 */

const stamp = Date.now().toString(36);
const unitName = `Sales-${stamp}`;
const username = `alice.${stamp}`;
const groupName = `Sales Team ${stamp}`;

async function openInstanceConsole(page: Page) {
  await page.goto("/idaas");
  await page.getByRole("navigation", { name: "IDaaS" }).getByRole("link", { name: "EIAM" }).click();
  await expect(page.getByRole("heading", { name: "EIAM", exact: true })).toBeVisible();
  const table = page.getByRole("table", { name: "EIAM instances" });
  await table.getByRole("link", { name: "Console" }).first().click();
  await expect(page.getByRole("heading", { name: "Overview", exact: true })).toBeVisible();
}

test("directory: units, accounts with inline errors, groups and members", async ({ page }) => {
  await signIn(page, "/idaas");
  await openInstanceConsole(page);
  const nav = page.getByRole("navigation", { name: "EIAM Instance" });
  const orgActions = page.getByRole("toolbar", { name: "Organization actions" });

  // Accounts and Orgs: create a unit under the root.
  await nav.getByRole("link", { name: "Accounts and Orgs" }).click();
  const tree = page.getByRole("tree", { name: "Organizations" });
  await expect(tree.getByRole("treeitem", { name: "Root Organization" })).toHaveAttribute("aria-selected", "true");
  await orgActions.getByRole("button", { name: "Create Unit" }).click();
  let dialog = page.getByRole("dialog", { name: "Create Organizational Unit" });
  await dialog.getByLabel("Organizational Unit Name").fill(unitName);
  await confirmDialog(page);
  const unitItem = tree.getByRole("treeitem", { name: unitName });
  await expect(unitItem).toHaveAttribute("aria-selected", "true");

  // The root cannot be deleted or moved: those actions are unavailable while it is selected.
  await tree.getByRole("treeitem", { name: "Root Organization" }).click();
  await expect(orgActions.getByRole("button", { name: "Delete" })).toBeDisabled();
  await expect(orgActions.getByRole("button", { name: "Move" })).toBeDisabled();
  await unitItem.click();

  // Create Account: a client-side error first, then the server's uniqueness error inline.
  await expect(page.getByText("No accounts in this organizational unit.")).toBeVisible();
  await page.getByRole("button", { name: "Create Account" }).click();
  dialog = page.getByRole("dialog", { name: "Create Account" });
  await dialog.getByLabel("Username").fill("bad name!");
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Username may contain only letters");
  await expect(dialog.getByLabel("Username")).toHaveAttribute("aria-invalid", "true");

  await dialog.getByLabel("Username").fill(username);
  await dialog.getByLabel("Display Name").fill("Alice <b>Liddell</b>");
  await dialog.getByLabel("Email").fill(`${username}@example.com`);
  await expect(dialog.getByLabel("Primary Organizational Unit")).toHaveValue(/ou-/);
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();
  const accounts = page.getByRole("table", { name: "Accounts" });
  await expect(accounts.getByText(username, { exact: true })).toBeVisible();
  // Markup in names is shown as text.
  await expect(accounts.getByText("Alice <b>Liddell</b>")).toBeVisible();

  // Same username in another case: the server refuses it and the form shows it on the field.
  await page.getByRole("button", { name: "Create Account" }).click();
  dialog = page.getByRole("dialog", { name: "Create Account" });
  await dialog.getByLabel("Username").fill(username.toUpperCase());
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("This username is already in use.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  // A unit holding an account cannot be deleted; the refusal says why.
  await orgActions.getByRole("button", { name: "Delete" }).click();
  await confirmDialog(page);
  await expect(page.getByText(/cannot be deleted because it contains 1 account/)).toBeVisible();
  await expect(unitItem).toBeVisible();

  // Disable the account.
  await accounts.getByRole("group", { name: `Actions for ${username}` }).getByRole("button", { name: "Disable" }).click();
  await confirmDialog(page);
  await expect(accounts.getByText("Disabled")).toBeVisible();

  // Groups: create one and add the account as a member.
  await nav.getByRole("link", { name: "Groups" }).click();
  await page.getByRole("button", { name: "Create Group" }).click();
  dialog = page.getByRole("dialog", { name: "Create Group" });
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Group Name is required.");
  await dialog.getByLabel("Group Name").fill(groupName);
  await dialog.getByLabel("Description").fill("Everyone in sales");
  await confirmDialog(page);
  const groups = page.getByRole("table", { name: "Groups" });
  await groups.getByRole("link", { name: groupName }).click();
  await expect(page.getByRole("heading", { name: groupName })).toBeVisible();
  await expect(page.getByText("This group has no members.")).toBeVisible();

  await page.getByRole("button", { name: "Add Members" }).click();
  dialog = page.getByRole("dialog", { name: "Add Members" });
  await dialog.getByLabel("Search accounts").fill(username);
  await dialog.getByRole("button", { name: "Search" }).click();
  await dialog.getByRole("checkbox", { name: new RegExp(username.replace(/\./g, "\\.")) }).check();
  await confirmDialog(page);
  const members = page.getByRole("table", { name: "Group members" });
  await expect(members.getByRole("cell", { name: username, exact: true })).toBeVisible();

  // Remove the member again.
  await members.getByRole("button", { name: `Remove ${username}` }).click();
  await confirmDialog(page);
  await expect(page.getByText("This group has no members.")).toBeVisible();
});

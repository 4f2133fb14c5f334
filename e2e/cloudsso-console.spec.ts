import { expect, test } from "@playwright/test";
import { confirmDialog, signIn } from "./support/console";

// Journeys share one server and run in file-name order: this one must be the first to touch
// CloudSSO (SCIM off, no credentials, no users), so keep other CloudSSO specs' names after it.

test("unauthenticated visitors are sent to sign-in and console APIs answer 401", async ({ page, request }) => {
  await page.goto("/cloudsso/settings");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fcloudsso%2Fsettings/);
  const res = await request.get("/api/cloudsso/credentials");
  expect(res.status()).toBe(401);
  expect(await res.json()).toMatchObject({ error: expect.stringContaining("Sign in") });
});

test("CloudSSO settings, credentials, users and groups", async ({ page, context }) => {
  await signIn(page, "/cloudsso");

  // Settings → User Settings → SCIM switch on.
  await page.getByRole("navigation", { name: "CloudSSO" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("tab", { name: "User Settings" }).click();
  const sw = page.getByRole("switch", { name: "SCIM-based User Synchronization Configuration" });
  await expect(sw).toHaveAttribute("aria-checked", "false");
  await sw.click();
  await expect(sw).toHaveAttribute("aria-checked", "true");

  // Copy the endpoint and read it back from the clipboard.
  const endpoint = page.getByLabel("SCIM Endpoint");
  await expect(endpoint).toHaveValue(/\/scim\/v2$/);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy" }).first().click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await endpoint.inputValue());

  // First credential: the secret is in the dialog, once.
  const generate = page.getByRole("button", { name: "Generate New SCIM Credential" });
  await generate.click();
  let dialog = page.getByRole("dialog", { name: "SCIM Credential Generated" });
  await expect(dialog).toContainText("displayed only once");
  const secret1 = await dialog.getByLabel("SCIM Credential").inputValue();
  expect(secret1.length).toBeGreaterThanOrEqual(43);
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();
  // Never shown again: not on the page, not in the credentials API.
  await expect(page.locator("body")).not.toContainText(secret1);
  const listed = await page.request.get("/api/cloudsso/credentials");
  expect(await listed.text()).not.toContain(secret1);

  // The secret authenticates against the SCIM endpoint (discovery needs no auth; Users does).
  const table = page.getByRole("table", { name: "SCIM credentials" });
  await expect(table.getByRole("row")).toHaveCount(2);

  // Second credential, then the button is disabled with the reason.
  await generate.click();
  dialog = page.getByRole("dialog", { name: "SCIM Credential Generated" });
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(generate).toBeDisabled();
  await expect(page.getByText("You can create at most 2 SCIM credentials")).toBeVisible();

  // Disable one (confirmed), then delete it (confirmed).
  await table.getByRole("button", { name: "Disable" }).first().click();
  await expect(page.getByRole("dialog", { name: "Disable SCIM Credential" })).toBeVisible();
  await confirmDialog(page);
  await expect(table.getByText("Disabled", { exact: true })).toBeVisible();
  await table.getByRole("button", { name: "Enable" }).click();
  await confirmDialog(page);
  await expect(table.getByText("Disabled", { exact: true })).toHaveCount(0);
  await table.getByRole("button", { name: "Delete" }).first().click();
  await confirmDialog(page);
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(generate).toBeEnabled();

  // Turning the switch off asks for confirmation; Cancel keeps it on.
  await sw.click();
  await expect(page.getByRole("dialog", { name: "Turn Off SCIM Synchronization" })).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(sw).toHaveAttribute("aria-checked", "true");

  // Users: a bad username is rejected inline, then a valid manual user is created.
  await page.getByRole("navigation", { name: "CloudSSO" }).getByRole("link", { name: "Users" }).click();
  await page.getByRole("button", { name: "Create User" }).click();
  let form = page.getByRole("dialog", { name: "Create User" });
  await form.getByLabel("Username").fill("bad name!");
  await form.getByRole("button", { name: "OK" }).click();
  await expect(form.getByText("Username may contain only letters, digits and @ _ . -")).toBeVisible();
  await form.getByLabel("Username").fill("alice.manual");
  await form.getByLabel("Display Name").fill("Alice <b>Manual</b>");
  await form.getByLabel("Email").fill("alice.manual@example.com");
  await form.getByRole("button", { name: "OK" }).click();
  await expect(form).toBeHidden();
  const users = page.getByRole("table", { name: "Users" });
  const row = users.getByRole("row", { name: /alice\.manual/ });
  await expect(row).toContainText("Manual");
  await expect(row).toContainText("Alice <b>Manual</b>"); // markup shown as text

  // Duplicate username → inline message from the server, nothing written.
  await page.getByRole("button", { name: "Create User" }).click();
  form = page.getByRole("dialog", { name: "Create User" });
  await form.getByLabel("Username").fill("ALICE.manual");
  await form.getByRole("button", { name: "OK" }).click();
  await expect(form.getByText("A user with this username already exists.")).toBeVisible();
  await form.getByRole("button", { name: "Cancel" }).click();
  await expect(users.getByRole("row")).toHaveCount(2);

  // Groups: create one and add the user.
  await page.getByRole("navigation", { name: "CloudSSO" }).getByRole("link", { name: "Groups" }).click();
  await page.getByRole("button", { name: "Create Group" }).click();
  form = page.getByRole("dialog", { name: "Create Group" });
  await form.getByLabel("Group Name").fill("engineering");
  await form.getByRole("button", { name: "OK" }).click();
  await expect(form).toBeHidden();
  await page.getByRole("link", { name: "engineering" }).click();
  await page.getByRole("tab", { name: "Users" }).click();
  await page.getByRole("button", { name: "Add Users" }).click();
  const add = page.getByRole("dialog", { name: "Add Users" });
  await add.getByRole("checkbox", { name: /alice\.manual/ }).check();
  await add.getByRole("button", { name: "OK" }).click();
  await expect(page.getByRole("table", { name: "Group members" }).getByRole("row", { name: /alice\.manual/ })).toBeVisible();

  // The user's Joined Groups tab shows it too.
  await page.getByRole("table", { name: "Group members" }).getByRole("link", { name: "alice.manual" }).click();
  await page.getByRole("tab", { name: "Joined Groups" }).click();
  await expect(page.getByRole("table", { name: "Joined groups" })).toContainText("engineering");
});

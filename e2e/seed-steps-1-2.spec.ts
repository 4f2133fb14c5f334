import { expect, test, type Page } from "@playwright/test";
import { cloudSsoEnableScimAndGenerateCredential, confirmDialog, signIn } from "./support/console";

/**
 * The seed document "Sync to CloudSSO via SCIM", Steps 1–2, clicked by its labels, then its
 * troubleshooting paths: a wrong token, SCIM turned off in CloudSSO, a new credential fixing it,
 * and Push Now unavailable while Full Scope is empty.
 */

const FULL_SCOPE_REASON = "At least one item must be configured under Full Scope before Push Now can be used.";

async function saveProvisioning(page: Page) {
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Provisioning configuration saved.").first()).toBeVisible();
}

async function testConnectivity(page: Page) {
  await page.getByRole("button", { name: "Test Connectivity" }).click();
  const result = page.getByText(/^(Connectivity test succeeded|Connectivity test failed)/);
  await expect(result).toBeVisible({ timeout: 20_000 });
  return result;
}

test("seed Steps 1–2, Test Connectivity and the troubleshooting paths", async ({ page }) => {
  const suffix = Date.now().toString(36);
  const unitName = `Engineering ${suffix}`;
  const subUnitName = `Platform ${suffix}`;
  const groupName = `Developers ${suffix}`;

  await signIn(page, "/cloudsso");

  // Directory content for the scope (the directory pages are another journey's subject).
  const unit = await page.request.post("/api/idaas/instances/idaas-default/units", { data: { name: unitName, parentId: "ou-root" } });
  expect(unit.status()).toBe(201);
  const unitId = ((await unit.json()) as { id: string }).id;
  expect(
    (await page.request.post("/api/idaas/instances/idaas-default/units", { data: { name: subUnitName, parentId: unitId } })).status(),
  ).toBe(201);
  expect((await page.request.post("/api/idaas/instances/idaas-default/groups", { data: { name: groupName } })).status()).toBe(201);

  // ── Step 1: Enable SCIM synchronization in CloudSSO ──
  await page.getByRole("navigation", { name: "CloudSSO" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("tab", { name: "User Settings" }).click();
  const scimSwitch = page.getByRole("switch", { name: "SCIM-based User Synchronization Configuration" });
  // Journeys share one server: start this one from SCIM off and room for a credential.
  if ((await scimSwitch.getAttribute("aria-checked")) === "true") {
    await scimSwitch.click();
    await confirmDialog(page);
  }
  await expect(scimSwitch).toHaveAttribute("aria-checked", "false");
  const generate = page.getByRole("button", { name: "Generate New SCIM Credential" });
  await expect(page.getByRole("table", { name: "SCIM credentials" })).not.toHaveAttribute("aria-busy", "true");
  while (await generate.isDisabled()) {
    await page.getByRole("table", { name: "SCIM credentials" }).getByRole("button", { name: "Delete" }).first().click();
    await confirmDialog(page);
  }
  await scimSwitch.click();
  await expect(scimSwitch).toHaveAttribute("aria-checked", "true");
  const endpoint = await page.getByLabel("SCIM Endpoint").inputValue();
  expect(endpoint).toMatch(/\/scim\/v2$/);
  await generate.click();
  const secretDialog = page.getByRole("dialog", { name: "SCIM Credential Generated" });
  const secret = await secretDialog.getByLabel("SCIM Credential").inputValue();
  expect(secret.length).toBeGreaterThan(20);
  await secretDialog.getByRole("button", { name: "OK" }).click();

  // ── Step 2: Add the CloudSSO application ──
  await page.getByRole("navigation", { name: "Products" }).getByRole("link", { name: "IDaaS" }).click();
  await page.getByRole("navigation", { name: "IDaaS" }).getByRole("link", { name: "EIAM" }).click();
  await page.getByRole("row", { name: /EIAM Instance/ }).getByRole("link", { name: "Console" }).click();
  await page.getByRole("navigation", { name: "EIAM Instance" }).getByRole("link", { name: "Applications" }).click();
  await page.getByRole("button", { name: "Add Application" }).click();
  await expect(page.getByRole("heading", { name: "Marketplace" })).toBeVisible();
  await expect(page.getByRole("region", { name: "SCIM 2.0" })).toBeVisible();
  await page.getByRole("region", { name: "Alibaba Cloud - CloudSSO" }).getByRole("button", { name: "Add Application" }).click();
  const addPanel = page.getByRole("dialog", { name: "Add Application" });
  await addPanel.getByLabel("Application Name").fill("");
  await addPanel.getByRole("button", { name: "Add", exact: true }).click();
  await expect(addPanel.getByText("Application Name is required.")).toBeVisible();
  await addPanel.getByLabel("Application Name").fill("CloudSSO");
  await addPanel.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page).toHaveURL(/\/applications\/app-[a-z0-9]+/);
  const appUrl = page.url().split("?")[0];
  await expect(page.getByRole("heading", { name: "CloudSSO" })).toBeVisible();

  // ── Configure the provisioning scope ──
  await page.getByRole("tab", { name: "Provisioning" }).click();
  await page.getByRole("button", { name: "Configuration" }).click();
  const scope = page.getByRole("dialog", { name: "Configure Provisioning Scope" });
  await scope.getByLabel(unitName, { exact: true }).check();
  // A node includes its descendants.
  await expect(scope.getByLabel(subUnitName, { exact: true })).toBeChecked();
  await expect(scope.getByLabel(subUnitName, { exact: true })).toBeDisabled();
  await scope.getByLabel(groupName, { exact: true }).check();
  await scope.getByRole("button", { name: "Save" }).click();
  await expect(scope).toBeHidden();
  await expect(page.getByTestId("scope-summary")).toContainText(unitName);
  await expect(page.getByTestId("scope-summary")).toContainText(groupName);

  const provisionSwitch = page.getByRole("switch", { name: "Provision IDaaS Accounts to Application" });
  await provisionSwitch.click();
  await confirmDialog(page, "Enable");
  await expect(provisionSwitch).toHaveAttribute("aria-checked", "true");

  // ── Connect to the SCIM endpoint ──
  await page.getByLabel("SCIM Server URL").fill(endpoint);
  await page.getByLabel("Bearer Token Key Mode").fill(secret);
  for (const op of ["Create Account", "Update Account", "Delete Account", "Create Group", "Add Group Member"]) {
    await expect(page.getByLabel(op, { exact: true })).toBeChecked();
  }
  await page.getByLabel("Accounts", { exact: true }).check();
  await page.getByLabel("Groups", { exact: true }).check();
  await expect(page.getByRole("table", { name: "Account field mapping" })).toBeVisible();
  await saveProvisioning(page);
  // The token is kept but never shown again: the field is empty, a mask says one is saved.
  await expect(page.getByLabel("Bearer Token Key Mode")).toHaveValue("");
  await expect(page.getByText(/Saved token: •+/)).toBeVisible();
  await expect(page.locator("body")).not.toContainText(secret);
  await expect(page.getByRole("button", { name: "Push Now" })).toBeEnabled();

  let result = await testConnectivity(page);
  await expect(result).toContainText("Connectivity test succeeded");

  // ── Troubleshooting: a wrong token ──
  await page.getByLabel("Bearer Token Key Mode").fill("not-the-generated-credential");
  await saveProvisioning(page);
  result = await testConnectivity(page);
  await expect(result).toContainText("Connectivity test failed");
  await expect(result).toContainText("Bearer Token");
  await expect(result).toContainText("401");

  // Put the right token back.
  await page.getByLabel("Bearer Token Key Mode").fill(secret);
  await saveProvisioning(page);
  await expect(await testConnectivity(page)).toContainText("Connectivity test succeeded");

  // ── Troubleshooting: SCIM turned off in CloudSSO ──
  await page.getByRole("navigation", { name: "Products" }).getByRole("link", { name: "CloudSSO" }).click();
  await page.getByRole("navigation", { name: "CloudSSO" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("switch", { name: "SCIM-based User Synchronization Configuration" }).click();
  await confirmDialog(page);
  await expect(page.getByRole("switch", { name: "SCIM-based User Synchronization Configuration" })).toHaveAttribute("aria-checked", "false");
  await page.goto(`${appUrl}?tab=provisioning`);
  result = await testConnectivity(page);
  await expect(result).toContainText("Connectivity test failed");
  await expect(result).toContainText("403");
  await expect(result).toContainText("SCIM-based User Synchronization Configuration");

  // ── A new credential (the old secret was "lost"): turn SCIM on, generate, paste → success ──
  const fresh = await cloudSsoEnableScimAndGenerateCredential(page);
  expect(fresh.secret).not.toBe(secret);
  await page.goto(`${appUrl}?tab=provisioning`);
  await page.getByLabel("Bearer Token Key Mode").fill(fresh.secret);
  await saveProvisioning(page);
  await expect(await testConnectivity(page)).toContainText("Connectivity test succeeded");

  // ── Troubleshooting: Push Now is not available with an empty Full Scope ──
  await page.getByLabel("Accounts", { exact: true }).uncheck();
  await page.getByLabel("Groups", { exact: true }).uncheck();
  await saveProvisioning(page);
  const pushNow = page.getByRole("button", { name: "Push Now" });
  await expect(pushNow).toBeDisabled();
  await expect(page.getByText(FULL_SCOPE_REASON)).toBeVisible();
  await expect(pushNow).toHaveAccessibleDescription(FULL_SCOPE_REASON);
});

test("applications list: disable, enable and delete with confirmations", async ({ page }) => {
  await signIn(page, "/idaas/instances/idaas-default/applications");
  await page.getByRole("button", { name: "Add Application" }).click();
  await page.getByRole("region", { name: "SCIM 2.0" }).getByRole("button", { name: "Add Application" }).click();
  const name = `Generic ${Date.now().toString(36)}`;
  const panel = page.getByRole("dialog", { name: "Add Application" });
  await panel.getByLabel("Application Name").fill(name);
  await panel.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByRole("tab", { name: "General" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByText("SCIM 2.0", { exact: true })).toBeVisible();

  await page.getByRole("navigation", { name: "EIAM Instance" }).getByRole("link", { name: "Applications" }).click();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await row.getByRole("button", { name: "Disable" }).click();
  await confirmDialog(page);
  await expect(row.getByText("Disabled")).toBeVisible();
  await row.getByRole("button", { name: "Enable" }).click();
  await confirmDialog(page);
  await expect(row.getByText("Enabled")).toBeVisible();
  await row.getByRole("button", { name: "Delete" }).click();
  await confirmDialog(page);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
});

import { expect, test, type Locator, type Page } from "@playwright/test";
import { addCloudSsoApplication, cloudSsoEnableScimAndGenerateCredential, confirmDialog, signIn } from "./support/console";

/**
 * Issue 9, items 3, 4 and 9: Test Connectivity tests what the form shows, typed input survives
 * other changes on the page, and both setup checklists show the state as it is now.
 */

const SCIM_SWITCH = "SCIM-based User Synchronization Configuration";

async function save(page: Page) {
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Provisioning configuration saved.").first()).toBeVisible();
}

/** Clicks Test Connectivity and returns the result paragraph. */
async function testConnectivity(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "Test Connectivity" }).click();
  const result = page.getByText(/^(Connectivity test succeeded|Connectivity test failed)/);
  await expect(result).toBeVisible({ timeout: 20_000 });
  return result;
}

async function setCloudSsoScim(page: Page, on: boolean) {
  await page.goto("/cloudsso/settings");
  await page.getByRole("tab", { name: "User Settings" }).click();
  const sw = page.getByRole("switch", { name: SCIM_SWITCH });
  if ((await sw.getAttribute("aria-checked")) !== String(on)) {
    await sw.click();
    if (!on) await confirmDialog(page);
  }
  await expect(sw).toHaveAttribute("aria-checked", String(on));
}

/** Disables (or enables) every SCIM credential in CloudSSO Settings, one confirmation each. */
async function setCredentialsEnabled(page: Page, enabled: boolean) {
  await page.goto("/cloudsso/settings");
  await page.getByRole("tab", { name: "User Settings" }).click();
  const table = page.getByRole("table", { name: "SCIM credentials" });
  await expect(table.getByRole("row")).not.toHaveCount(0);
  const action = table.getByRole("button", { name: enabled ? "Enable" : "Disable", exact: true });
  while ((await action.count()) > 0) {
    const before = await action.count();
    await action.first().click();
    await confirmDialog(page);
    await expect(action).toHaveCount(before - 1);
  }
}

function checklistItem(page: Page, list: string, label: string): Locator {
  return page.getByRole("list", { name: list }).getByRole("listitem").filter({ hasText: label });
}

// Both overviews list the guide's steps under the same titles (components/setup-checklist.tsx).
const IDAAS_CHECKLIST = "Step 2: Configure SCIM provisioning in IDaaS";
const CLOUDSSO_CHECKLIST = "Step 1: Enable SCIM synchronization in CloudSSO";

test("Test Connectivity tests the typed URL and token without saving them, and says what it tested", async ({ page }) => {
  const sfx = Date.now().toString(36);
  await signIn(page, "/cloudsso");
  const { endpoint, secret } = await cloudSsoEnableScimAndGenerateCredential(page);
  // A second credential that is never saved in IDaaS: only a test with the typed token can use it.
  const typed = await cloudSsoEnableScimAndGenerateCredential(page);
  const credentialRows = page.getByRole("table", { name: "SCIM credentials" }).getByRole("row");
  const typedCredentialId = (await credentialRows.last().getByRole("cell").first().textContent())!.trim();

  const appUrl = await addCloudSsoApplication(page, `CloudSSO truth ${sfx}`);
  const url = page.getByLabel("SCIM Server URL");
  const token = page.getByLabel("Bearer Token Key Mode");
  const testButton = page.getByRole("button", { name: "Test Connectivity" });

  // Nothing saved: the button needs what the form shows, not a saved configuration.
  await expect(testButton).toBeDisabled();
  await url.fill(endpoint);
  await token.fill(secret);
  await expect(testButton).toBeEnabled();
  let result = await testConnectivity(page);
  await expect(result).toHaveText(
    `Connectivity test succeeded: ${endpoint} with the token you typed; the SCIM server accepted the Bearer Token. These values are not saved yet: click Save to use them.`,
  );
  await page.reload();
  await page.getByRole("tab", { name: "Provisioning" }).click();
  await expect(url).toHaveValue("");

  // Saved, then tested with the saved token.
  await url.fill(endpoint);
  await token.fill(secret);
  await save(page);
  result = await testConnectivity(page);
  await expect(result).toContainText(`Connectivity test succeeded: ${endpoint} with the saved token (••••`);
  await expect(result).not.toContainText("not saved");

  // The reproduction: an invalid URL fails to save, and Test Connectivity does not
  // report the old saved values as a success.
  await url.fill("scim/v2");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("SCIM Server URL must be a valid URL, e.g. https://example.com/scim/v2.")).toBeVisible();
  result = await testConnectivity(page);
  await expect(result).toHaveText(
    'Connectivity test failed: The SCIM Server URL "scim/v2" is invalid: SCIM Server URL must be a valid URL, e.g. https://example.com/scim/v2. Nothing was tested.',
  );
  await expect(page.getByText("SCIM Server URL must be a valid URL, e.g. https://example.com/scim/v2.").first()).toBeVisible();
  await expect(page.getByText(/Connectivity test succeeded/)).toHaveCount(0);

  // A typed URL where nothing listens: the failure names that URL, and nothing was saved.
  const deadUrl = "http://127.0.0.1:9/scim/v2";
  await url.fill(deadUrl);
  result = await testConnectivity(page);
  await expect(result).toContainText(`Connectivity test failed: ${deadUrl} with the saved token`);
  await expect(result).toContainText("127.0.0.1:9");

  // The typed token of the second credential, unsaved: CloudSSO sees that credential.
  await url.fill(endpoint);
  await token.fill(typed.secret);
  result = await testConnectivity(page);
  await expect(result).toContainText(`Connectivity test succeeded: ${endpoint} with the token you typed`);
  await expect(result).toContainText("These values are not saved yet");

  // A wrong typed token: 401, named as the typed one.
  await token.fill("not-a-cloudsso-credential");
  result = await testConnectivity(page);
  await expect(result).toContainText(`Connectivity test failed: ${endpoint} with the token you typed: The Bearer Token was rejected (HTTP 401)`);

  // CloudSSO's SCIM Request Log: the unsaved credential was used by the test.
  await page.goto("/cloudsso/scim-requests");
  await expect(page.getByRole("table", { name: "SCIM requests" })).toContainText(typedCredentialId);

  // Nothing typed was saved: the page shows the saved URL, and the saved token still works.
  await page.goto(`${appUrl}?tab=provisioning`);
  await expect(url).toHaveValue(endpoint);
  await expect(token).toHaveValue("");
  result = await testConnectivity(page);
  await expect(result).toContainText(`Connectivity test succeeded: ${endpoint} with the saved token`);
});

test("typed input survives the provisioning switch and the scope dialog; Save takes the saved values", async ({ page }) => {
  const sfx = Date.now().toString(36);
  await signIn(page, "/idaas");
  const unitName = `Truth unit ${sfx}`;
  expect(
    (await page.request.post("/api/idaas/instances/idaas-default/units", { data: { name: unitName, parentId: "ou-root" } })).status(),
  ).toBe(201);
  const appUrl = await addCloudSsoApplication(page, `CloudSSO typing ${sfx}`);
  const url = page.getByLabel("SCIM Server URL");
  const token = page.getByLabel("Bearer Token Key Mode");
  const typedUrl = `https://sso.example.com/${sfx}/scim/v2`;

  // The reproduction: turn the switch on, then type at once while it saves and refetches.
  const provisionSwitch = page.getByRole("switch", { name: "Provision IDaaS Accounts to Application" });
  await provisionSwitch.click();
  await confirmDialog(page, "Enable");
  await url.fill(typedUrl);
  await expect(provisionSwitch).toHaveAttribute("aria-checked", "true");
  await expect(page.getByText("Account provisioning enabled.").first()).toBeVisible();
  await expect(url).toHaveValue(typedUrl);

  // Typed token and a Full Scope tick survive a scope change and turning the switch off.
  await token.fill("typed-token-value-1234");
  await page.getByLabel("Accounts", { exact: true }).check();
  await page.getByRole("button", { name: "Configuration" }).click();
  const scope = page.getByRole("dialog", { name: "Configure Provisioning Scope" });
  await scope.getByLabel(unitName, { exact: true }).check();
  await scope.getByRole("button", { name: "Save" }).click();
  await expect(scope).toBeHidden();
  await expect(page.getByTestId("scope-summary")).toContainText(unitName);
  await provisionSwitch.click();
  await confirmDialog(page);
  await expect(provisionSwitch).toHaveAttribute("aria-checked", "false");
  await expect(url).toHaveValue(typedUrl);
  await expect(token).toHaveValue("typed-token-value-1234");
  await expect(page.getByLabel("Accounts", { exact: true })).toBeChecked();

  // Save: the form shows the saved values (the token becomes its mask), also after a reload.
  await save(page);
  await expect(token).toHaveValue("");
  await expect(page.getByText("Saved token: ••••••••••••1234.", { exact: false })).toBeVisible();
  await page.goto(`${appUrl}?tab=provisioning`);
  await expect(url).toHaveValue(typedUrl);
  await expect(page.getByLabel("Accounts", { exact: true })).toBeChecked();
  await expect(page.getByTestId("scope-summary")).toContainText(unitName);
});

test("both setup checklists show the current state, not a past success", async ({ page }) => {
  const sfx = Date.now().toString(36);
  await signIn(page, "/cloudsso");
  const { endpoint, secret } = await cloudSsoEnableScimAndGenerateCredential(page);
  const appUrl = await addCloudSsoApplication(page, `CloudSSO checklist ${sfx}`);
  await page.getByLabel("SCIM Server URL").fill(endpoint);
  await page.getByLabel("Bearer Token Key Mode").fill(secret);
  await save(page);
  await expect(await testConnectivity(page)).toContainText("Connectivity test succeeded");

  const idaasConnectivity = () => checklistItem(page, IDAAS_CHECKLIST, "Test Connectivity succeeded");
  const cloudSsoSwitch = () => checklistItem(page, CLOUDSSO_CHECKLIST, "Turn on SCIM-based User Synchronization Configuration");
  const cloudSsoCredential = () => checklistItem(page, CLOUDSSO_CHECKLIST, "Generate New SCIM Credential (enabled, not expired)");

  await page.goto("/idaas");
  await expect(checklistItem(page, IDAAS_CHECKLIST, "Add the Alibaba Cloud - CloudSSO application")).toContainText(`CloudSSO checklist ${sfx}`);
  await expect(idaasConnectivity()).toContainText("— Done");
  await expect(idaasConnectivity()).toContainText(/Last test succeeded at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  await page.goto("/cloudsso");
  await expect(cloudSsoSwitch()).toContainText("— Done");
  await expect(cloudSsoCredential()).toContainText("— Done");

  try {
    // SCIM turned off in CloudSSO, then a failing Test Connectivity of the saved configuration.
    await setCloudSsoScim(page, false);
    await page.goto(`${appUrl}?tab=provisioning`);
    const result = await testConnectivity(page);
    await expect(result).toContainText("Connectivity test failed");
    await expect(result).toContainText("403");

    await page.goto("/idaas");
    await expect(idaasConnectivity()).toContainText("— Not done");
    await expect(idaasConnectivity()).toContainText(/Last test failed at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC: SCIM synchronization is disabled on the target \(HTTP 403\)/);
    await page.goto("/cloudsso");
    await expect(cloudSsoSwitch()).toContainText("— Not done");
    await expect(cloudSsoSwitch()).toContainText("The switch is off now");

    // Every credential disabled: having generated one once is not enough.
    await setCredentialsEnabled(page, false);
    await page.goto("/cloudsso");
    await expect(cloudSsoCredential()).toContainText("— Not done");
    await expect(cloudSsoCredential()).toContainText("but none is enabled and unexpired");

    // Set right again: credentials enabled, SCIM on, a new successful test → done again.
    await setCredentialsEnabled(page, true);
    await setCloudSsoScim(page, true);
    await page.goto(`${appUrl}?tab=provisioning`);
    await expect(await testConnectivity(page)).toContainText("Connectivity test succeeded");
    await page.goto("/idaas");
    await expect(idaasConnectivity()).toContainText("— Done");
    await page.goto("/cloudsso");
    await expect(cloudSsoSwitch()).toContainText("— Done");
    await expect(cloudSsoCredential()).toContainText("— Done");
  } finally {
    // The journeys share one server: leave SCIM and the credentials on for the next one.
    await setCredentialsEnabled(page, true);
    await setCloudSsoScim(page, true);
  }
});

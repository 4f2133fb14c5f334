import { expect, type Page } from "@playwright/test";

export const ADMIN = {
  username: process.env.E2E_ADMIN_USERNAME ?? "admin",
  password: process.env.E2E_ADMIN_PASSWORD ?? "Test-Admin-Pass-1",
};

/** Sign in through the login form, as a person would. */
export async function signIn(page: Page, next = "/idaas") {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(next)}`);
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign In" }).click();
  await page.waitForURL((url) => url.pathname.startsWith(next));
}

/** Confirm the open dialog with its primary button (OK unless named otherwise). */
export async function confirmDialog(page: Page, button = "OK") {
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: button, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/**
 * CloudSSO Step 1 of the seed: turn SCIM on (if off), read the endpoint, generate a credential
 * and read its secret from the shown-once dialog. Deletes old credentials first if at the limit.
 */
export async function cloudSsoEnableScimAndGenerateCredential(page: Page): Promise<{ endpoint: string; secret: string }> {
  await page.goto("/cloudsso");
  await page.getByRole("navigation", { name: "CloudSSO" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("tab", { name: "User Settings" }).click();
  const sw = page.getByRole("switch", { name: "SCIM-based User Synchronization Configuration" });
  if ((await sw.getAttribute("aria-checked")) !== "true") await sw.click();
  await expect(sw).toHaveAttribute("aria-checked", "true");
  const endpoint = await page.getByLabel("SCIM Endpoint").inputValue();
  const generate = page.getByRole("button", { name: "Generate New SCIM Credential" });
  // Read the limit only once the credentials have loaded (earlier specs on the shared server leave some).
  const credentials = page.getByRole("table", { name: "SCIM credentials" });
  await expect(credentials).not.toHaveAttribute("aria-busy", "true");
  while (await generate.isDisabled()) {
    const rows = await credentials.getByRole("row").count();
    await credentials.getByRole("button", { name: "Delete" }).first().click();
    await confirmDialog(page);
    await expect(credentials.getByRole("row")).toHaveCount(rows - 1);
  }
  await generate.click();
  const dialog = page.getByRole("dialog", { name: "SCIM Credential Generated" });
  await expect(dialog).toBeVisible();
  const secret = await dialog.getByLabel("SCIM Credential").inputValue();
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();
  return { endpoint, secret };
}

/**
 * Step 2 of the seed, first clicks: Applications › Add Application › Alibaba Cloud - CloudSSO ›
 * Application Name › Add, then the Provisioning tab. Returns the application's page URL.
 */
export async function addCloudSsoApplication(page: Page, name: string): Promise<string> {
  await page.goto("/idaas/instances/idaas-default/applications");
  await page.getByRole("button", { name: "Add Application" }).click();
  await page.getByRole("region", { name: "Alibaba Cloud - CloudSSO" }).getByRole("button", { name: "Add Application" }).click();
  const panel = page.getByRole("dialog", { name: "Add Application" });
  await panel.getByLabel("Application Name").fill(name);
  await panel.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page).toHaveURL(/\/applications\/app-[a-z0-9]+/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const appUrl = page.url().split("?")[0];
  await page.getByRole("tab", { name: "Provisioning" }).click();
  await expect(page.getByLabel("SCIM Server URL")).toBeVisible();
  return appUrl;
}

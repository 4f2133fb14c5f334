import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { addCloudSsoApplication, confirmDialog, signIn } from "./support/console";

/**
 * Issue 14, the IDaaS half by labels: the admin fills the SSO tab of the CloudSSO application,
 * downloads the IdP metadata and resets an account's password; in a fresh browser the user signs in
 * to the IDaaS user portal, clicks the tile and the signed SAML response is posted to the ACS URL
 * (a stand-in service provider here; the cross-console journey uses CloudSSO's); the admin disables
 * the account and the user's next click is refused. The Sign-in Log shows it all.
 */
const ACS = "https://sp.example.test/saml/acs/e2e";
const ENTITY = "https://sp.example.test/saml/sp/e2e";
const PASSWORD = "Portal-E2E-Pass-1";

test("IDaaS SSO tab, user portal tile → signed response at the ACS, disabled account refused", async ({ page, browser, baseURL }) => {
  const suffix = Date.now().toString(36);
  const username = `portal.user.${suffix}`;
  await signIn(page, "/idaas");
  const created = await page.request.post("/api/idaas/instances/idaas-default/accounts", {
    data: { username, displayName: "Portal User", primaryUnitId: "ou-root" },
  });
  expect(created.status()).toBe(201);
  const accountId = ((await created.json()) as { id: string }).id;

  // SSO tab: Authorize All Users, CloudSSO ACS URL and Entity ID, Application Username.
  const appUrl = await addCloudSsoApplication(page, `CloudSSO SSO ${suffix}`);
  await page.getByRole("tab", { name: "SSO" }).click();
  await expect(page.getByRole("radio", { name: "All Users" })).toBeChecked();
  await page.getByRole("radio", { name: "Manually" }).check();
  await expect(page.getByRole("button", { name: "Add Organization" })).toBeVisible();
  await page.getByRole("radio", { name: "All Users" }).check();
  await page.getByLabel("CloudSSO ACS URL").fill("not a url");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter an http:// or https:// URL.")).toBeVisible();
  await page.getByLabel("CloudSSO ACS URL").fill(ACS);
  await page.getByLabel("CloudSSO Entity ID").fill(ENTITY);
  await expect(page.getByLabel("Application Username")).toHaveValue("username");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("SSO settings saved.")).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download IdP Metadata" }).click();
  const metadata = fs.readFileSync((await (await downloading).path())!, "utf8");
  expect(metadata).toContain("IDPSSODescriptor");
  expect(metadata).toContain(`${appUrl.replace("/idaas/instances/idaas-default/applications/", "/saml/idp/")}/metadata`);

  // Reset Password on the account's page.
  await page.goto(`/idaas/instances/idaas-default/accounts/${accountId}`);
  await page.getByRole("button", { name: "Reset Password" }).click();
  const dialog = page.getByRole("dialog", { name: "Reset Password" });
  await dialog.getByLabel("New Password").fill(PASSWORD);
  await confirmDialog(page);
  await expect(page.getByText(/Password reset\./)).toBeVisible();

  // The user, in a browser of their own: sign in, click the tile.
  const user = await browser.newContext({ baseURL });
  const portal = await user.newPage();
  const posted: string[] = [];
  await portal.route("https://sp.example.test/**", async (route) => {
    posted.push(route.request().postData() ?? "");
    await route.fulfill({ status: 200, contentType: "text/html", body: "<h1>Service provider received the response</h1>" });
  });
  await portal.goto("/portal/idaas-default");
  await portal.getByLabel("Username").fill(username);
  await portal.getByLabel("Password").fill("wrong-password");
  await portal.getByRole("button", { name: "Sign In" }).click();
  await expect(portal.getByRole("alert").filter({ hasText: "Invalid username or password." })).toBeVisible();
  await portal.getByLabel("Password").fill(PASSWORD);
  await portal.getByRole("button", { name: "Sign In" }).click();
  await expect(portal.getByRole("heading", { name: "Applications" })).toBeVisible();
  await portal.getByRole("link", { name: new RegExp(`CloudSSO SSO ${suffix}`) }).click();
  await expect(portal.getByRole("heading", { name: "Service provider received the response" })).toBeVisible();
  expect(posted).toHaveLength(1);
  const samlResponse = Buffer.from(new URLSearchParams(posted[0]).get("SAMLResponse") ?? "", "base64").toString("utf8");
  expect(samlResponse).toContain(`Destination="${ACS}"`);
  expect(samlResponse).toContain(`<saml:Audience>${ENTITY}</saml:Audience>`);
  expect(samlResponse).toContain(`>${username}</saml:NameID>`);
  expect(samlResponse).toContain("SignatureValue");

  // The admin disables the account: the user's next click in the portal is refused.
  await portal.goto("/portal/idaas-default");
  await expect(portal.getByRole("heading", { name: "Applications" })).toBeVisible();
  const disabled = await page.request.post(`/api/idaas/instances/idaas-default/accounts/${accountId}/status`, { data: { status: "Disabled" } });
  expect(disabled.status()).toBe(200);
  await portal.getByRole("link", { name: new RegExp(`CloudSSO SSO ${suffix}`) }).click();
  await expect(portal.getByRole("alert").filter({ hasText: "The account is disabled." })).toBeVisible();
  await expect(portal.getByRole("button", { name: "Sign In" })).toBeVisible();
  expect(posted).toHaveLength(1);
  await user.close();

  // Log › Sign-in Log.
  await page.getByRole("navigation", { name: "EIAM Instance" }).getByRole("link", { name: "Sign-in Log" }).click();
  const log = page.getByRole("table", { name: "Sign-in log" });
  await expect(log.getByRole("row").filter({ hasText: "Session Refused" }).filter({ hasText: username })).toContainText("The account is disabled.");
  await expect(log.getByRole("row").filter({ hasText: "Application SSO" }).filter({ hasText: username })).toContainText("Success");
  await expect(log.getByRole("row").filter({ hasText: "Portal Sign-in" }).filter({ hasText: "Invalid username or password." })).toHaveCount(1);
});

import { expect, test, type Locator, type Page } from "@playwright/test";
import { cloudSsoEnableScimAndGenerateCredential, signIn } from "./support/console";

/**
 * Issue 11 items 5–7, the two-window demo: an IdP (a second page, over HTTP with the SCIM
 * credential) writes while the admin watches CloudSSO. The admin's page is never reloaded.
 */

/** A row's cell under the column with this header. */
async function cellOf(table: Locator, row: Locator, header: string): Promise<Locator> {
  const headers = (await table.getByRole("columnheader").allTextContents()).map((h) => h.trim());
  const i = headers.indexOf(header);
  expect(i, `column ${header} in ${headers.join(", ")}`).toBeGreaterThanOrEqual(0);
  return row.getByRole("cell").nth(i);
}

/** The newest credential: the one just generated. */
async function newestCredentialId(page: Page): Promise<string> {
  const list = (await (await page.request.get("/api/cloudsso/credentials")).json()) as { items: { CredentialId: string; CreateTime: string }[] };
  return [...list.items].sort((a, b) => b.CreateTime.localeCompare(a.CreateTime))[0].CredentialId;
}

test("live CloudSSO views: SCIM changes appear highlighted with Last Synchronized; the request log shows the whole exchange; credentials show Last Used", async ({ page, context }) => {
  const sfx = Date.now().toString(36);
  await signIn(page, "/cloudsso");
  const { endpoint, secret } = await cloudSsoEnableScimAndGenerateCredential(page);
  const credentialId = await newestCredentialId(page);

  // Never used yet.
  const credentials = page.getByRole("table", { name: "SCIM credentials" });
  const credentialRow = credentials.getByRole("row").filter({ hasText: credentialId });
  await expect(await cellOf(credentials, credentialRow, "Last Used")).toHaveText("Never");

  // A user created in the console: no Last Synchronized.
  const manualName = `live.manual.${sfx}`;
  expect((await page.request.post("/api/cloudsso/users", { data: { userName: manualName, displayName: "Manual Live" } })).status()).toBe(201);

  // The admin watches the Users page.
  await page.getByRole("navigation", { name: "CloudSSO" }).getByRole("link", { name: "Users" }).click();
  const users = page.getByRole("table", { name: "Users" });
  await expect(users).toBeVisible();
  const manualRow = users.getByRole("row").filter({ hasText: manualName });
  await expect(manualRow).toBeVisible();
  await expect(await cellOf(users, manualRow, "Last Synchronized")).toHaveText("-");

  // The IdP's window: a SCIM POST with the credential.
  const idp = await context.newPage();
  const userName = `live.scim.${sfx}`;
  const password = `Live-Password-${sfx}-secret`;
  const scim = (method: string, path: string, data?: unknown) =>
    idp.request.fetch(`${endpoint}${path}`, {
      method,
      headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/scim+json" },
      data: data === undefined ? undefined : JSON.stringify(data),
    });
  const created = await scim("POST", "/Users", {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    userName,
    displayName: "Live Before",
    password,
    emails: [{ value: `${userName}@example.com`, primary: true }],
    active: true,
  });
  expect(created.status()).toBe(201);
  const scimUser = (await created.json()) as { id: string };

  // Within ~6 s, without reload: the row is there, highlighted, with Last Synchronized.
  const row = users.getByRole("row").filter({ hasText: userName });
  await expect(row).toBeVisible({ timeout: 6_500 });
  await expect(row).toHaveAttribute("data-changed", "true");
  await expect(row).toContainText("Changed");
  await expect(await cellOf(users, row, "Last Synchronized")).toHaveText(/\d{4}.*\d{2}:\d{2}/);

  // A SCIM PATCH shows up the same way.
  const patched = await scim("PATCH", `/Users/${scimUser.id}`, {
    schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    Operations: [{ op: "replace", path: "displayName", value: "Live After" }],
  });
  expect(patched.status()).toBe(200);
  await expect(row).toContainText("Live After", { timeout: 6_500 });

  // The user's detail page follows too.
  await row.getByRole("link", { name: userName }).click();
  await expect(page.getByText("Last Synchronized")).toBeVisible();
  await scim("PATCH", `/Users/${scimUser.id}`, {
    schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    Operations: [{ op: "replace", path: "name.givenName", value: `Given${sfx}` }],
  });
  await expect(page.getByText(`Given${sfx}`)).toBeVisible({ timeout: 6_500 });

  // Groups: a SCIM group appears highlighted with Last Synchronized.
  await page.getByRole("navigation", { name: "CloudSSO" }).getByRole("link", { name: "Groups" }).click();
  const groups = page.getByRole("table", { name: "Groups" });
  await expect(groups).toBeVisible();
  const groupName = `Live group ${sfx}`;
  expect((await scim("POST", "/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: groupName, members: [{ value: scimUser.id }] })).status()).toBe(201);
  const groupRow = groups.getByRole("row").filter({ hasText: groupName });
  await expect(groupRow).toBeVisible({ timeout: 6_500 });
  await expect(groupRow).toHaveAttribute("data-changed", "true");
  await expect(await cellOf(groups, groupRow, "Last Synchronized")).toHaveText(/\d{2}:\d{2}/);

  // SCIM Request Log: filter to this credential's POSTs on /Users and open the exchange.
  await page.getByRole("navigation", { name: "CloudSSO" }).getByRole("link", { name: "SCIM Request Log" }).click();
  await page.getByLabel("Method").selectOption("POST");
  await page.getByLabel("Path").fill("/Users");
  await page.getByLabel("Credential").fill(credentialId);
  const log = page.getByRole("table", { name: "SCIM requests" });
  await expect(log.getByRole("row")).toHaveCount(2); // header + the one POST /Users
  await expect(log).toContainText("/scim/v2/Users");
  await expect(log).toContainText("201");
  await log.getByRole("button", { name: "View Request" }).click();
  const dialog = page.getByRole("dialog", { name: "SCIM Request" });
  const requestHeaders = dialog.getByRole("region", { name: "Request Headers" });
  await expect(requestHeaders).toContainText(`Bearer ****${secret.slice(-4)}`);
  await expect(requestHeaders).toContainText("application/scim+json");
  await expect(dialog.getByRole("region", { name: "Request Body" })).toContainText(userName);
  await expect(dialog.getByRole("region", { name: "Request Body" })).toContainText("[REDACTED]");
  await expect(dialog.getByRole("region", { name: "Response", exact: true })).toContainText("201");
  await expect(dialog.getByRole("region", { name: "Response Headers" })).toContainText("etag");
  await expect(dialog.getByRole("region", { name: "Response Body" })).toContainText(scimUser.id);
  // Never the secret, never the password.
  await expect(dialog).not.toContainText(secret);
  await expect(dialog).not.toContainText(password);
  await dialog.getByRole("button", { name: "OK" }).click();

  // Another credential filters everything out.
  await page.getByLabel("Credential").fill(`nope-${sfx}`);
  await expect(page.getByTestId("empty-state")).toBeVisible();

  // Settings: the credential now shows when it was last used.
  await page.getByRole("navigation", { name: "CloudSSO" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("tab", { name: "User Settings" }).click();
  await expect(await cellOf(credentials, credentialRow, "Last Used")).toHaveText(/\d{2}:\d{2}/);

  // Overview follows while SCIM is on: the synchronized count moves without reload.
  await page.getByRole("navigation", { name: "CloudSSO" }).getByRole("link", { name: "Overview" }).click();
  const stat = page.getByRole("region", { name: "Statistics" }).getByRole("link", { name: /Synchronized by SCIM/ });
  const before = Number((await stat.textContent())!.replace(/\D/g, ""));
  expect((await scim("POST", "/Users", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: `live.more.${sfx}` })).status()).toBe(201);
  await expect(stat).toContainText(String(before + 1), { timeout: 7_000 });
  await idp.close();
});

import { expect, test, type Page } from "@playwright/test";
import { confirmDialog, signIn } from "./support/console";
import { provisionedApp } from "./support/provisioned-app";

/**
 * Issue 14, both roles in one journey. The admin: the seed flow (a pushed CloudSSO application),
 * issue 13's assignment of the SCIM-synchronized group to an account through the Configure Access
 * Assignments wizard, then SSO by labels — the IdP metadata downloaded from the IDaaS SSO tab and
 * uploaded into CloudSSO's Configure IdP, SSO Logon switched on, CloudSSO's ACS URL and Entity ID
 * pasted back into the SSO tab — and Reset Password for a member. The user, in a browser of their
 * own: IDaaS user portal › the CloudSSO tile › CloudSSO user portal › Show Details › Log On, the role
 * session. The admin disables the account in IDaaS: within 5 s the user's next click in the
 * CloudSSO portal is refused, and signing in again fails in the IDaaS portal and through Redirect.
 */
const PASSWORD = "Journey-Pass-2026!";
const REFUSED = "Your session has ended, or your user can no longer sign in. Log on again.";

const cloudSsoNav = (page: Page) => page.getByRole("navigation", { name: "CloudSSO" });

test("SSO journey: admin wires IDaaS and CloudSSO by labels; the user signs in, logs on as the role; disabled in IDaaS, refused", async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(240_000);
  await signIn(page, "/cloudsso");

  // ── The seed flow: SCIM on, the CloudSSO application configured and pushed (group + members) ──
  const setup = await provisionedApp(page);
  const member = setup.people[0];
  const group = setup.group.name;
  const accountName = `Journey ${setup.sfx}`;
  const configName = `Dev-${setup.sfx}`;

  // ── Part 1 (issue 13): a member account, an access configuration, the wizard ──
  await page.goto("/cloudsso");
  await cloudSsoNav(page).getByRole("link", { name: "Multi-account Permission Configuration" }).click();
  await page.getByRole("link", { name: "Manage Member Accounts" }).click();
  await page.getByRole("button", { name: "Add Member Account" }).click();
  const addAccount = page.getByRole("dialog", { name: "Add Member Account" });
  await addAccount.getByLabel("Display Name").fill(accountName);
  await addAccount.getByRole("button", { name: "OK" }).click();
  await expect(addAccount).toBeHidden();

  await cloudSsoNav(page).getByRole("link", { name: "Access Configuration", exact: true }).click();
  await page.getByRole("button", { name: "Create Access Configuration" }).click();
  const create = page.getByRole("dialog", { name: "Create Access Configuration" });
  await create.getByLabel("Access Configuration Name").fill(configName);
  await create.getByLabel("Session Duration").fill("7200");
  await create.getByLabel("Search system policies").fill("ReadOnly");
  await create.getByRole("checkbox", { name: /^ReadOnlyAccess/ }).check();
  await create.getByRole("button", { name: "OK" }).click();
  await expect(create).toBeHidden();
  await expect(page.getByRole("heading", { name: configName, exact: true })).toBeVisible();

  await cloudSsoNav(page).getByRole("link", { name: "Multi-account Permission Configuration" }).click();
  await page.getByRole("list", { name: "Resource Directory" }).getByRole("checkbox", { name: accountName, exact: true }).check();
  await page.getByRole("button", { name: "Configure Access Assignments" }).click();
  const wizard = page.getByRole("dialog", { name: "Configure Access Assignments" });
  await wizard.getByRole("tab", { name: "Groups" }).click();
  await wizard.getByLabel("Search groups by name").fill(group);
  await wizard.getByRole("button", { name: "Search" }).click();
  await wizard.getByRole("checkbox", { name: group }).check();
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("list", { name: "Access configurations" }).getByRole("checkbox", { name: new RegExp(`^${configName}\\b`) }).check();
  await wizard.getByRole("button", { name: "Next" }).click();
  await expect(wizard.getByRole("region", { name: "Review" })).toContainText("1 access assignment");
  await wizard.getByRole("button", { name: "Start Configuration" }).click();
  await expect(wizard.getByTestId("batch-summary")).toHaveText("Completed: 1 succeeded, 0 failed.", { timeout: 30_000 });
  await wizard.getByRole("button", { name: "Finish" }).click();
  await expect(wizard).toBeHidden();

  // ── SSO, step 1: the IDaaS application's SSO tab › Download IdP Metadata ──
  const appPage = `/idaas/instances/idaas-default/applications/${setup.appId}`;
  await page.goto(appPage);
  await expect(page.getByRole("heading", { name: setup.appName })).toBeVisible();
  await page.getByRole("tab", { name: "SSO" }).click();
  await expect(page.getByRole("radio", { name: "All Users" })).toBeChecked();
  await expect(page.getByLabel("Application Username")).toHaveValue("username");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download IdP Metadata" }).click();
  const metadataFile = testInfo.outputPath("idaas-idp-metadata.xml");
  await (await downloading).saveAs(metadataFile);

  // ── Step 2: CloudSSO › Settings › SSO Logon › Configure IdP › Upload Metadata File › OK; the switch ──
  await page.goto("/cloudsso");
  await cloudSsoNav(page).getByRole("link", { name: "Settings" }).click();
  const ssoLogon = page.getByRole("region", { name: "SSO Logon" });
  await ssoLogon.getByRole("button", { name: "Configure IdP" }).click();
  const configure = page.getByRole("dialog", { name: "Configure IdP" });
  await expect(configure.getByRole("radio", { name: "Upload Metadata File" })).toBeChecked();
  await configure.getByRole("button", { name: "Metadata File", exact: true }).setInputFiles(metadataFile);
  await configure.getByRole("button", { name: "OK" }).click();
  await expect(configure).toBeHidden();
  await expect(ssoLogon.getByRole("definition").filter({ hasText: `/saml/idp/${setup.appId}/metadata` })).toBeVisible();

  const sw = ssoLogon.getByRole("switch", { name: "SSO Logon" });
  await expect(sw).toBeEnabled();
  await sw.click();
  await expect(page.getByRole("dialog", { name: "Enable SSO Logon" })).toBeVisible();
  await confirmDialog(page);
  await expect(sw).toHaveAttribute("aria-checked", "true");

  // Copy the ACS URL and Entity ID (read from the page), and the Login URL for later.
  const acsUrl = await ssoLogon.getByLabel("ACS URL").inputValue();
  const entityId = await ssoLogon.getByLabel("Entity ID", { exact: true }).inputValue();
  const loginUrl = await page.getByLabel("Login URL").inputValue();
  expect(acsUrl).toContain("/saml/acs/");
  expect(entityId).toContain("/saml/sp/");
  expect(loginUrl).toContain("/signin/");

  // ── Step 3: paste them into the IDaaS SSO tab › Save ──
  await page.goto(appPage);
  await page.getByRole("tab", { name: "SSO" }).click();
  await page.getByLabel("CloudSSO ACS URL").fill(acsUrl);
  await page.getByLabel("CloudSSO Entity ID").fill(entityId);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("SSO settings saved.")).toBeVisible();

  // ── Reset Password for the member (account page) ──
  await page.goto(`/idaas/instances/idaas-default/accounts/${member.id}`);
  await expect(page.getByRole("heading", { name: member.username })).toBeVisible();
  await page.getByRole("button", { name: "Reset Password" }).click();
  await page.getByRole("dialog", { name: "Reset Password" }).getByLabel("New Password").fill(PASSWORD);
  await confirmDialog(page);
  await expect(page.getByText(/Password reset\./)).toBeVisible();

  // ── The user, in a fresh browser: IDaaS user portal › the CloudSSO tile ──
  const userContext = await browser.newContext({ baseURL });
  const user = await userContext.newPage();
  await user.goto("/portal/idaas-default");
  await user.getByLabel("Username").fill(member.username);
  await user.getByLabel("Password").fill(PASSWORD);
  await user.getByRole("button", { name: "Sign In" }).click();
  await expect(user.getByRole("heading", { name: "Applications" })).toBeVisible();
  await user.getByRole("list", { name: "Applications" }).getByRole("link", { name: new RegExp(setup.appName) }).click();

  // Lands in the CloudSSO user portal as the same username.
  await expect(user).toHaveURL(loginUrl);
  await expect(user.getByRole("tab", { name: "Log on as RAM Role" })).toHaveAttribute("aria-selected", "true");
  await expect(user.getByText(/Signed in through SSO/)).toBeVisible();
  const accounts = user.getByRole("table", { name: "Accounts" });
  await expect(accounts.getByRole("row", { name: new RegExp(accountName) })).toBeVisible();

  // Show Details › Log On › the role session.
  await accounts.getByRole("link", { name: `Show Details of ${accountName}` }).click();
  const configs = user.getByRole("table", { name: "Access configurations" });
  const configRow = configs.getByRole("row", { name: new RegExp(configName) });
  await expect(configRow).toContainText("ReadOnlyAccess");
  await expect(configRow).toContainText(`Group ${group}`);
  await configRow.getByRole("link", { name: `Log On as ${configName}` }).click();
  await expect(user.getByRole("heading", { name: "Role session" })).toBeVisible();
  const session = user.getByRole("definition");
  const roleName = `AliyunReservedSSO-${configName}`;
  await expect(user.getByLabel("Signed-in identity")).toContainText(`${roleName}/${member.username}`);
  await expect(session.filter({ hasText: accountName })).toBeVisible();
  await expect(session.filter({ hasText: roleName }).first()).toBeVisible();
  await expect(session.filter({ hasText: "ReadOnlyAccess" })).toBeVisible();
  await expect(session.filter({ hasText: /the shorter of the Session Duration and the portal session/ })).toBeVisible();
  await user.getByRole("link", { name: "Back to the CloudSSO user portal" }).click();
  await expect(accounts.getByRole("link", { name: `Show Details of ${accountName}` })).toBeVisible();

  // ── The admin disables the account in IDaaS (Accounts and Orgs › Disable) ──
  await page.goto("/idaas/instances/idaas-default/accounts");
  await page.getByLabel("Search by username or email").fill(member.username);
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByRole("table", { name: "Accounts" }).getByRole("group", { name: `Actions for ${member.username}` });
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("dialog", { name: "Disable Account" })).toBeVisible();
  await confirmDialog(page);

  // Within 5 s the user's next click in the CloudSSO portal is refused.
  await expect(async () => {
    const showDetails = user.getByRole("link", { name: `Show Details of ${accountName}` });
    if (await showDetails.isVisible()) await showDetails.click();
    await expect(user.getByRole("alert").filter({ hasText: REFUSED })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 5_000, intervals: [100, 200, 300] });
  await expect(user.getByRole("heading", { name: "Log on to CloudSSO" })).toBeVisible();
  await expect(user.getByRole("table", { name: "Accounts" })).toHaveCount(0);

  // A new sign-in fails: in the IDaaS user portal…
  await user.goto("/portal/idaas-default");
  await expect(user.getByRole("alert").filter({ hasText: "The account is disabled." })).toBeVisible();
  await user.getByLabel("Username").fill(member.username);
  await user.getByLabel("Password").fill(PASSWORD);
  await user.getByRole("button", { name: "Sign In" }).click();
  await expect(user.getByRole("alert").filter({ hasText: "The account is disabled." })).toBeVisible();
  await expect(user.getByRole("heading", { name: "Applications" })).toHaveCount(0);

  // …and through the CloudSSO Login URL › Redirect (SP-initiated): the IdP asks for a sign-in, which fails.
  await user.goto(loginUrl);
  await user.getByRole("button", { name: "Redirect" }).click();
  await expect(user.getByRole("heading", { name: "Sign in to IDaaS" })).toBeVisible();
  await user.getByLabel("Username").fill(member.username);
  await user.getByLabel("Password").fill(PASSWORD);
  await user.getByRole("button", { name: "Sign In" }).click();
  await expect(user.getByRole("alert").filter({ hasText: "The account is disabled." })).toBeVisible();
  await user.goto(loginUrl);
  await expect(user.getByRole("heading", { name: "Log on to CloudSSO" })).toBeVisible();
  await expect(user.getByRole("tab", { name: "Log on as RAM Role" })).toHaveCount(0);
  await userContext.close();

  // The admin sees why in CloudSSO: SCIM disabled the user there.
  await page.goto("/cloudsso/users");
  await page.getByLabel("Search by username").fill(member.username);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("table", { name: "Users" }).getByRole("row", { name: new RegExp(`\\b${member.username}\\b`) })).toContainText("Disabled");
});

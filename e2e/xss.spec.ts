import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/console";

/**
 * HTML and script in names are shown as text, never run: objects named with markup are created in
 * both consoles (through the console API and, for names the console forms refuse, through SCIM),
 * then every list, detail page and confirmation dialog that shows them is visited. A payload that
 * ran would set window.__xss or leave an <img src="x"> element in the page.
 */
const stamp = Date.now().toString(36);
const IMG = `<img src=x onerror=window.__xss=1> ${stamp}`;
const SCRIPT = `<script>window.__xss=1</script> ${stamp}`;
const I = "idaas-default";

async function expectInert(page: Page, ...texts: string[]) {
  for (const t of texts) await expect(page.getByText(t, { exact: false }).first()).toBeVisible();
  // An onerror handler fires once the broken image has failed to load; give it that moment.
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.locator("script").evaluateAll((els) => els.filter((e) => e.textContent?.includes("window.__xss")).length)).toBe(0);
}

/** Opens the row's Delete confirmation, checks it shows the name as text, and cancels. */
async function checkDeleteDialog(page: Page, rowText: string) {
  const row = page.getByRole("row").filter({ hasText: rowText }).first();
  await row.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(rowText);
  await expectInert(page, rowText);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
}

test("markup in CloudSSO and IDaaS names is displayed as text in every table, page and dialog", async ({ page }) => {
  await signIn(page, "/cloudsso");
  const api = page.request;
  const ok = async (res: Awaited<ReturnType<typeof api.post>>): Promise<Record<string, string>> => {
    expect(res.status(), await res.text()).toBeLessThan(300);
    return (await res.json()) as Record<string, string>;
  };

  // CloudSSO: a manual user with markup in its display name and description; SCIM objects whose
  // names the console forms would refuse (group names, user display names from an IdP).
  const user = await ok(await api.post("/api/cloudsso/users", { data: { userName: `xss.user.${stamp}`, displayName: IMG, description: SCRIPT } }));
  const group = await ok(await api.post("/api/cloudsso/groups", { data: { name: `xss-group-${stamp}`, description: IMG } }));
  await ok(await api.put("/api/cloudsso/settings", { data: { enabled: true } }));
  const credentials = (await (await api.get("/api/cloudsso/credentials")).json()) as { items: { CredentialId: string }[] };
  // Keep room for this test's credential without touching other journeys' state more than needed.
  if (credentials.items.length >= 2) await ok(await api.delete(`/api/cloudsso/credentials/${credentials.items[0].CredentialId}`));
  const cred = await ok(await api.post("/api/cloudsso/credentials"));
  const scim = { Authorization: `Bearer ${cred.CredentialSecret}`, "Content-Type": "application/scim+json" };
  const scimUser = await ok(
    await api.post("/scim/v2/Users", { headers: scim, data: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: `xss.scim.${stamp}`, displayName: SCRIPT } }),
  );
  const scimGroup = await ok(
    await api.post("/scim/v2/Groups", {
      headers: scim,
      data: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: IMG, members: [{ value: scimUser.id }] },
    }),
  );

  // IDaaS: a unit, an account in it, a group with that member, an application.
  const ia = `/api/idaas/instances/${I}`;
  const unit = await ok(await api.post(`${ia}/units`, { data: { name: IMG, parentId: "ou-root" } }));
  const account = await ok(await api.post(`${ia}/accounts`, { data: { username: `xss.account.${stamp}`, displayName: SCRIPT, primaryUnitId: unit.id } }));
  const igroup = await ok(await api.post(`${ia}/groups`, { data: { name: IMG, description: SCRIPT } }));
  await ok(await api.post(`${ia}/groups/${igroup.id}/members`, { data: { accountIds: [account.id] } }));
  const app = await ok(await api.post(`${ia}/applications`, { data: { templateId: "cloudsso", name: SCRIPT } }));

  // CloudSSO tables and detail pages.
  await page.goto("/cloudsso/users");
  await expectInert(page, IMG, SCRIPT);
  await checkDeleteDialog(page, `xss.user.${stamp}`);
  await page.goto(`/cloudsso/users/${user.UserId}`);
  await expectInert(page, IMG, SCRIPT);
  await page.goto(`/cloudsso/users/${scimUser.id}`);
  await expectInert(page, SCRIPT);
  await page.getByRole("tab", { name: "Joined Groups" }).click();
  await expectInert(page, IMG);
  await page.goto("/cloudsso/groups");
  await expectInert(page, IMG);
  await page.goto(`/cloudsso/groups/${group.GroupId}`);
  await expectInert(page, IMG);
  await page.goto(`/cloudsso/groups/${scimGroup.id}`);
  await expectInert(page, IMG);
  await page.getByRole("tab", { name: "Users" }).click();
  await expectInert(page, SCRIPT);
  await page.goto("/cloudsso/scim-requests");
  await expectInert(page, "/scim/v2/Groups");

  // With SCIM off the synchronized group becomes editable: its delete dialog names it.
  await ok(await api.put("/api/cloudsso/settings", { data: { enabled: false } }));
  await page.goto("/cloudsso/groups");
  await checkDeleteDialog(page, IMG);

  // IDaaS pages.
  await page.goto(`/idaas/instances/${I}/accounts`);
  await page.getByRole("tree", { name: "Organizations" }).getByRole("treeitem", { name: IMG }).click();
  await expectInert(page, IMG, SCRIPT);
  await page.goto(`/idaas/instances/${I}/groups`);
  await expectInert(page, IMG);
  await checkDeleteDialog(page, IMG);
  await page.goto(`/idaas/instances/${I}/groups/${igroup.id}`);
  await expectInert(page, IMG, SCRIPT);
  await page.goto(`/idaas/instances/${I}/applications`);
  await expectInert(page, SCRIPT);
  await checkDeleteDialog(page, SCRIPT);
  await page.goto(`/idaas/instances/${I}/applications/${app.id}`);
  await expectInert(page, SCRIPT);

  // Leave the shared server as other journeys expect it: this test's credential gone.
  await ok(await api.delete(`/api/cloudsso/credentials/${cred.CredentialId}`));
});

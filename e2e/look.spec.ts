import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { addCloudSsoApplication, cloudSsoEnableScimAndGenerateCredential, confirmDialog, signIn } from "./support/console";

/**
 * Look, density and accessibility (issue 11, items 9, 10, 11, 14, 15): every page of both consoles
 * photographed at 1440×900 and 1024×768 (attached to the report, never committed) with no table
 * cell on a second line and no column cut off; breadcrumbs complete and never under a toast; a
 * mouse click leaves no focus rectangle while the keyboard shows the blue ring; each action a user
 * is told to click has one unambiguous name.
 */
const I = "/api/idaas/instances/idaas-default";
const INSTANCE = "/idaas/instances/idaas-default";
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
];

async function api(page: Page, path: string, data: unknown) {
  const res = await page.request.fetch(`${I}${path}`, { method: "POST", data });
  expect(res.status(), `POST ${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as { id: string };
}

/** A directory with long names, an application that pushed it, so every table has rows. */
async function setUp(page: Page, sfx: string) {
  const unit = (await api(page, "/units", { name: `Look ${sfx}`, parentId: "ou-root" })).id;
  const sub = (await api(page, "/units", { name: `Look ${sfx} QA`, parentId: unit })).id;
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const a = await api(page, "/accounts", {
      username: `look${sfx}u${i}`,
      displayName: `A rather long display name for a look test account number ${i}`,
      email: `look.${sfx}.user.${i}@a-long-example-domain-name.example.com`,
      primaryUnitId: i === 2 ? sub : unit,
    });
    ids.push(a.id);
  }
  // A group named like the unit: the scope dialog must still tell them apart.
  const group = (await api(page, "/groups", { name: `Look ${sfx}`, description: "A group whose description is long enough to need cutting in a narrow column of the table" })).id;
  await api(page, `/groups/${group}/members`, { accountIds: ids });

  const conn = await cloudSsoEnableScimAndGenerateCredential(page);
  const appUrl = await addCloudSsoApplication(page, `Look ${sfx}`);
  const sw = page.getByRole("switch", { name: "Provision IDaaS Accounts to Application" });
  await sw.click();
  await confirmDialog(page, "Enable");
  await page.getByLabel("SCIM Server URL").fill(conn.endpoint);
  await page.getByLabel("Bearer Token Key Mode").fill(conn.secret);
  await page.getByLabel("Accounts", { exact: true }).check();
  await page.getByLabel("Groups", { exact: true }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Provisioning configuration saved.").first()).toBeVisible();
  await page.getByRole("button", { name: "Configuration" }).click();
  const scope = page.getByRole("dialog", { name: "Configure Provisioning Scope" });
  await scope.getByRole("group", { name: "Organization" }).getByRole("checkbox", { name: `Look ${sfx}`, exact: true }).check();
  await scope.getByRole("group", { name: "Group" }).getByRole("checkbox", { name: `Look ${sfx}`, exact: true }).check();
  await scope.getByRole("button", { name: "Save" }).click();
  await expect(scope).toBeHidden();
  await page.getByRole("button", { name: "Push Now" }).click();
  await expect(page.getByText("Push completed").first()).toBeVisible({ timeout: 60_000 });
  return appUrl;
}

/** The first link of a list page whose address starts with `prefix` (a detail page). */
async function firstDetail(page: Page, list: string, prefix: string) {
  await page.goto(list);
  const link = page.locator(`table a[href^="${prefix}"]`).first();
  await expect(link).toBeVisible();
  return (await link.getAttribute("href"))!;
}

/** Waits until no table is loading, then screenshots the full page into the test's report. */
async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  await expect(page.locator('table[aria-busy="true"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="table-skeleton"]')).toHaveCount(0);
}

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/**
 * Table cells whose text wraps onto a second line: a cell's content is taller than the same
 * content forced onto one line (a deliberate stack such as "ID over name" stays as it is, so only
 * wrapping counts). Also header cells beyond the right edge with nothing to scroll them into view.
 */
async function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    const contentHeight = (td: Element) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return range.getBoundingClientRect().height;
    };
    const cells = Array.from(document.querySelectorAll("table td"));
    const natural = cells.map(contentHeight);
    const oneLine = document.createElement("style");
    oneLine.textContent = "td, td * { white-space: nowrap !important; flex-wrap: nowrap !important; }";
    document.head.append(oneLine);
    const forced = cells.map(contentHeight);
    oneLine.remove();
    cells.forEach((td, i) => {
      if (natural[i] <= forced[i] + 1) return;
      const table = td.closest("table")!;
      const col = table.querySelectorAll("thead th")[(td as HTMLTableCellElement).cellIndex]?.textContent?.trim();
      problems.push(`${table.getAttribute("aria-label") ?? "table"} › ${col}: "${td.textContent?.trim().slice(0, 80)}" wraps (${natural[i]} px, one line ${forced[i]} px)`);
    });
    for (const table of Array.from(document.querySelectorAll("table"))) {
      const name = table.getAttribute("aria-label") ?? "table";
      for (const th of Array.from(table.querySelectorAll("th"))) {
        const right = th.getBoundingClientRect().right;
        let scroller: HTMLElement | null = th.parentElement;
        while (scroller && !["auto", "scroll"].includes(getComputedStyle(scroller).overflowX)) scroller = scroller.parentElement;
        const clippedBy = scroller ? scroller.getBoundingClientRect().right + scroller.scrollWidth - scroller.clientWidth : window.innerWidth;
        if (right > clippedBy + 1 && right > document.documentElement.scrollWidth + 1) {
          problems.push(`${name} › column "${th.textContent?.trim()}" is cut off at ${Math.round(right)} px`);
        }
      }
    }
    return problems;
  });
}

test("items 9, 15: every page of both consoles at 1440×900 and 1024×768 — screenshots, one line per table cell, no column cut off, favicon", async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const sfx = Date.now().toString(36);
  await signIn(page, "/idaas");
  const appUrl = new URL(await setUp(page, sfx)).pathname;

  const ssoUser = await firstDetail(page, "/cloudsso/users", "/cloudsso/users/");
  const ssoGroup = await firstDetail(page, "/cloudsso/groups", "/cloudsso/groups/");
  const idaasGroup = await firstDetail(page, `${INSTANCE}/groups`, `${INSTANCE}/groups/`);
  const task = await firstDetail(page, `${INSTANCE}/logs/provisioning`, `${INSTANCE}/logs/provisioning/tasks/`);
  const pages: Record<string, string> = {
    "cloudsso-overview": "/cloudsso",
    "cloudsso-users": "/cloudsso/users",
    "cloudsso-user": ssoUser,
    "cloudsso-groups": "/cloudsso/groups",
    "cloudsso-group": ssoGroup,
    "cloudsso-settings": "/cloudsso/settings",
    "cloudsso-scim-requests": "/cloudsso/scim-requests",
    // Issues 13 and 14: multi-account permissions, access configurations, tasks, sign-in log.
    "cloudsso-multi-account": "/cloudsso/multi-account",
    "cloudsso-member-accounts": "/cloudsso/multi-account/accounts",
    "cloudsso-access-configurations": "/cloudsso/access-configurations",
    "cloudsso-tasks": "/cloudsso/tasks",
    "cloudsso-sign-in-log": "/cloudsso/sign-in-log",
    "idaas-overview": "/idaas",
    "idaas-eiam": "/idaas/eiam",
    "instance-overview": INSTANCE,
    "accounts-and-orgs": `${INSTANCE}/accounts`,
    "groups": `${INSTANCE}/groups`,
    "group": idaasGroup,
    "applications": `${INSTANCE}/applications`,
    "marketplace": `${INSTANCE}/applications/marketplace`,
    "application-general": appUrl,
    "application-provisioning": `${appUrl}?tab=provisioning`,
    "application-sso": `${appUrl}?tab=sso`,
    "provisioning-tasks": `${INSTANCE}/logs/provisioning`,
    "provisioning-realtime": `${INSTANCE}/logs/provisioning?tab=realtime`,
    "task-details": task,
    "sign-in-log": `${INSTANCE}/logs/sign-in`,
  };

  const problems: string[] = [];
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    for (const [name, url] of Object.entries(pages)) {
      await page.goto(url);
      await settle(page);
      await shoot(page, testInfo, `${name}-${viewport.width}x${viewport.height}`);
      for (const p of await layoutProblems(page)) problems.push(`${viewport.width}px ${name}: ${p}`);
    }
  }
  expect(problems, problems.join("\n")).toEqual([]);

  // At 1440 px the Tasks and Applications tables show their Actions without scrolling.
  await page.setViewportSize(VIEWPORTS[0]);
  for (const [url, name] of [
    [`${INSTANCE}/logs/provisioning`, "Tasks"],
    [`${INSTANCE}/applications`, "Applications"],
  ]) {
    await page.goto(url);
    const table = page.getByRole("table", { name });
    await expect(table.getByRole("columnheader", { name: "Actions" })).toBeVisible();
    await expect(table.getByRole("row")).not.toHaveCount(1);
    const overflow = await table.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth);
    expect(overflow, `${name}: the table needs ${overflow} px of sideways scrolling at 1440 px`).toBeLessThanOrEqual(0);
  }

  // Item 15: the favicon is the console's mark, served from public/.
  await expect(page.locator('head link[rel="icon"]')).toHaveAttribute("href", /\/favicon\.svg/);
  const icon = await page.request.get("/favicon.svg");
  expect(icon.status()).toBe(200);
  expect(await icon.text()).toContain("#ff6a00");
  expect((await page.request.get("/logo.svg")).status()).toBe(200);

  // Item 9: the Tasks' Status Description is one line, the whole text on hover.
  await page.goto(`${INSTANCE}/logs/provisioning`);
  const description = page.getByRole("table", { name: "Tasks" }).getByRole("row", { name: new RegExp(`Look ${sfx}`) }).locator("td").nth(7).locator("[title]");
  await expect(description).toHaveAttribute("title", /Users: \d+ created/);
});

test("item 10: breadcrumbs are complete on Applications, Marketplace, application details and Task Details, and no toast covers them", async ({ page }) => {
  const sfx = Date.now().toString(36);
  await signIn(page, "/idaas");
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("listitem");
  const trail = ["IDaaS", "EIAM", "EIAM Instance", "Application Management", "Applications"];
  const expected = (rest: string[]) => [...trail, ...rest];

  await page.goto(`${INSTANCE}/applications`);
  await expect(crumbs).toHaveText(expected([]));
  await page.getByRole("button", { name: "Add Application" }).click();
  await expect(crumbs).toHaveText(expected(["Marketplace"]));
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Applications" })).toHaveAttribute(
    "href",
    `${INSTANCE}/applications`,
  );

  // Adding an application toasts on the details page: the toast is clear of the breadcrumbs.
  await page.getByRole("button", { name: "Add Application Alibaba Cloud - CloudSSO", exact: true }).click();
  const panel = page.getByRole("dialog", { name: "Add Application" });
  await panel.getByLabel("Application Name").fill(`Crumbs ${sfx}`);
  await panel.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Crumbs ${sfx}` })).toBeVisible();
  await expect(crumbs).toHaveText(expected([`Crumbs ${sfx}`]));
  const toast = page.getByText(`Application "Crumbs ${sfx}" added.`);
  await expect(toast).toBeVisible();
  const nav = (await page.getByRole("navigation", { name: "Breadcrumb" }).boundingBox())!;
  const heading = (await page.getByRole("heading", { name: `Crumbs ${sfx}` }).boundingBox())!;
  const box = (await toast.boundingBox())!;
  for (const b of [nav, heading]) {
    const overlaps = box.x < b.x + b.width && b.x < box.x + box.width && box.y < b.y + b.height && b.y < box.y + box.height;
    expect(overlaps, "the toast covers the page header").toBe(false);
  }

  // Task Details: Log › Provisioning › Task Details under the instance.
  const res = await page.request.get(`${I}/provisioning/tasks?page=1&pageSize=1`);
  const tasks = res.ok() ? ((await res.json()) as { items: { id: string }[] }).items : [];
  test.skip(tasks.length === 0, "no task on this server yet (the screenshot test makes one)");
  await page.goto(`${INSTANCE}/logs/provisioning/tasks/${tasks[0].id}`);
  await expect(crumbs).toHaveText([...trail.slice(0, 3), "Log", "Provisioning", "Task Details"]);
});

test("item 11: a mouse click leaves no focus rectangle; keyboard focus shows the console-blue ring", async ({ page }) => {
  await signIn(page, "/idaas");
  await page.goto(`${INSTANCE}/logs/provisioning`);
  const outline = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return {
        tag: el.tagName,
        text: el.textContent?.trim().slice(0, 40),
        style: s.outlineStyle,
        width: s.outlineWidth,
        color: s.outlineColor,
        border: s.borderColor,
        shadow: s.boxShadow,
      };
    });

  for (const target of [page.getByRole("button", { name: "Refresh" }), page.getByRole("tab", { name: "Real-time Log Entries" })]) {
    await target.click();
    await expect(target).toBeFocused();
    const clicked = await outline();
    expect(clicked.style === "none" || clicked.width === "0px", `${clicked.text} after a click: ${JSON.stringify(clicked)}`).toBe(true);
  }

  // Keyboard: every stop along the way shows a 2 px ring in #0064c8 (links, tabs, buttons, selects).
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Tab");
    const focused = await outline();
    if (focused.tag === "BODY") break;
    if (["INPUT", "SELECT", "TEXTAREA"].includes(focused.tag)) {
      // Form fields: the blue border and a soft blue ring.
      expect(focused, `Tab stop ${i + 1}: ${focused.tag}`).toMatchObject({ border: "rgb(0, 100, 200)", shadow: expect.stringContaining("rgba(0, 100, 200") });
      continue;
    }
    expect(focused, `Tab stop ${i + 1}: ${focused.text}`).toMatchObject({ style: "solid", width: "2px", color: "rgb(0, 100, 200)" });
  }
});

test("item 14: each action has one unambiguous name — Add Application per template, the user menu by user, scope checkboxes by unit or group", async ({ page }) => {
  const sfx = Date.now().toString(36);
  await signIn(page, "/idaas");
  await page.goto(`${INSTANCE}/applications/marketplace`);
  for (const template of ["Alibaba Cloud - CloudSSO", "SCIM 2.0"]) {
    await expect(page.getByRole("button", { name: `Add Application ${template}`, exact: true })).toHaveCount(1);
    // The region-scoped lookup the seed tests use still finds exactly that one button.
    await expect(page.getByRole("region", { name: template }).getByRole("button", { name: "Add Application" })).toHaveCount(1);
  }
  await expect(page.getByRole("button", { name: "admin", exact: true })).toHaveCount(1);
  await page.getByRole("button", { name: "admin", exact: true }).click();
  await expect(page.getByRole("menuitem", { name: "Sign Out" })).toHaveCount(1);
  await page.keyboard.press("Escape");

  // A unit, its sub-unit and a group that share words: each checkbox is found by its exact name, once.
  const unit = (await api(page, "/units", { name: `Scope ${sfx}`, parentId: "ou-root" })).id;
  await api(page, "/units", { name: `Scope ${sfx} QA`, parentId: unit });
  await api(page, "/groups", { name: `Scope ${sfx}` });
  await addCloudSsoApplication(page, `Names ${sfx}`);
  await page.getByRole("button", { name: "Configuration" }).click();
  const scope = page.getByRole("dialog", { name: "Configure Provisioning Scope" });
  const org = scope.getByRole("group", { name: "Organization" });
  const groups = scope.getByRole("group", { name: "Group" });
  await expect(org.getByRole("checkbox", { name: `Scope ${sfx}`, exact: true })).toHaveCount(1);
  await expect(org.getByRole("checkbox", { name: `Scope ${sfx} QA`, exact: true })).toHaveCount(1);
  await expect(groups.getByRole("checkbox", { name: `Scope ${sfx}`, exact: true })).toHaveCount(1);
  await org.getByRole("checkbox", { name: `Scope ${sfx}`, exact: true }).check();
  await expect(org.getByRole("checkbox", { name: `Scope ${sfx} QA`, exact: true })).toBeChecked();
  await expect(groups.getByRole("checkbox", { name: `Scope ${sfx}`, exact: true })).not.toBeChecked();
});

test("item 13: the Tasks time filter is a date-time range picker; timestamps name their time zone; loading shows a skeleton, never Total 0", async ({ page }, testInfo) => {
  await signIn(page, "/idaas");
  // Slow the first answer down: the table shows grey rows, not "Total 0 · 1 / 1".
  let delayed = false;
  await page.route("**/api/idaas/instances/*/provisioning/tasks?*", async (route) => {
    if (!delayed) {
      delayed = true;
      await new Promise((r) => setTimeout(r, 1500));
    }
    await route.continue();
  });
  await page.goto(`${INSTANCE}/logs/provisioning`);
  await expect(page.getByTestId("table-skeleton")).toBeVisible();
  await expect(page.getByText("Total 0")).toHaveCount(0);
  await expect(page.getByTestId("table-skeleton")).toBeHidden();

  const tasks = page.getByRole("table", { name: "Tasks" });
  await expect(page.locator('input[type="date"], input[type="datetime-local"]')).toHaveCount(0);
  const rows = await tasks.getByRole("row").count();
  await expect(tasks.getByRole("columnheader", { name: /^Start Time \(UTC[+-]\d+(:\d\d)?\)$/ })).toHaveCount(1);
  await expect(tasks.getByRole("columnheader", { name: /^End Time \(UTC[+-]\d+(:\d\d)?\)$/ })).toHaveCount(1);
  if (rows > 1) await expect(tasks.getByRole("row").nth(1).getByRole("cell").nth(3)).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

  // Today, in a one-second window at the end of the day: nothing matches.
  const field = page.getByRole("button", { name: /^Start Time/ });
  await field.click();
  const picker = page.getByRole("dialog", { name: "Start Time" });
  await picker.getByRole("button", { name: /^Today, / }).click();
  await picker.getByLabel("Start time").fill("23:59:58");
  await picker.getByLabel("End time").fill("23:59:59");
  await expect(picker).toContainText(/UTC[+-]\d/);
  await shoot(page, testInfo, "tasks-time-filter-open");
  await picker.getByRole("button", { name: "OK" }).click();
  await expect(picker).toBeHidden();
  await expect(field).toHaveAccessibleName(/^Start Time \d{4}-\d{2}-\d{2} 23:59:58 ~ \d{4}-\d{2}-\d{2} 23:59:59$/);
  await expect(page.getByText("No tasks match the filters.")).toBeVisible();

  // Clear: the filter is gone and the list is back.
  await field.click();
  await picker.getByRole("button", { name: "Clear" }).click();
  await expect(field).toHaveAccessibleName("Start Time Start date ~ End date");
  await expect(page.getByText("No tasks match the filters.")).toHaveCount(0);
});

test("item 12: Add Application opens a side panel from the right; Field Mapping and its Preview use the card's width", async ({ page }) => {
  const sfx = Date.now().toString(36);
  await signIn(page, "/idaas");
  await page.goto(`${INSTANCE}/applications/marketplace`);
  await page.getByRole("button", { name: "Add Application SCIM 2.0", exact: true }).click();
  const panel = page.getByRole("dialog", { name: "Add Application" });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("SCIM 2.0");
  await page.waitForTimeout(300); // the slide-in
  const box = (await panel.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(Math.round(box.x + box.width)).toBe(viewport.width);
  expect(Math.round(box.y)).toBe(0);
  expect(Math.round(box.height)).toBe(viewport.height);
  await panel.getByRole("button", { name: "Cancel" }).click();
  await expect(panel).toBeHidden();

  await addCloudSsoApplication(page, `Wide ${sfx}`);
  const mapping = page.getByRole("table", { name: /mapping/i }).first();
  const preview = page.getByRole("region", { name: "Mapping preview" });
  await expect(preview).toBeVisible();
  for (const el of [mapping, preview]) expect((await el.boundingBox())!.width).toBeGreaterThan(1000);
});

import { expect, type Page } from "@playwright/test";
import { cloudSsoEnableScimAndGenerateCredential } from "./console";

const I = "/api/idaas/instances/idaas-default";

/** A console API call that must succeed (paths not starting with /api/ are under the default instance). */
export async function api<T = { id: string }>(page: Page, method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, data?: unknown): Promise<T> {
  const res = await page.request.fetch(path.startsWith("/api/") ? path : `${I}${path}`, { method, data });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return (res.status() === 204 ? null : await res.json()) as T;
}

/** What provisionedApp made: names carry `sfx`, so specs sharing the e2e server never collide. */
export interface Setup {
  sfx: string;
  appId: string;
  appName: string;
  unit: string;
  outside: string;
  group: { id: string; name: string };
  people: { id: string; username: string }[];
  /** An account outside the unit scope, in scope only through the group. */
  viaGroup: { id: string; username: string };
}

/**
 * Test data and a configured, pushed CloudSSO application (Steps 1–3 are covered click by click
 * by the seed journeys; here they are only the starting point).
 */
export async function provisionedApp(page: Page, opts: { people?: number } = {}): Promise<Setup> {
  const sfx = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const { endpoint, secret } = await cloudSsoEnableScimAndGenerateCredential(page);
  const unit = (await api(page, "POST", "/units", { name: `RT ${sfx}`, parentId: "ou-root" })).id;
  const outside = (await api(page, "POST", "/units", { name: `RT outside ${sfx}`, parentId: "ou-root" })).id;
  const people: Setup["people"] = [];
  for (let i = 0; i < (opts.people ?? 2); i++) {
    const username = `rt${sfx}u${i}`;
    const a = await api(page, "POST", "/accounts", { username, displayName: `RT User ${i}`, email: `${username}@example.com`, primaryUnitId: unit });
    people.push({ id: a.id, username });
  }
  const viaGroupName = `rt${sfx}g`;
  const viaGroup = { id: (await api(page, "POST", "/accounts", { username: viaGroupName, primaryUnitId: outside })).id, username: viaGroupName };
  const groupName = `RT-Group-${sfx}`;
  const group = { id: (await api(page, "POST", "/groups", { name: groupName })).id, name: groupName };
  await api(page, "POST", `/groups/${group.id}/members`, { accountIds: [people[0].id, viaGroup.id] });
  const appName = `RT CloudSSO ${sfx}`;
  const appId = (await api(page, "POST", "/applications", { templateId: "cloudsso", name: appName })).id;
  await api(page, "PUT", `/applications/${appId}/provisioning/scope`, { unitIds: [unit], groupIds: [group.id] });
  await api(page, "PUT", `/applications/${appId}/provisioning/enabled`, { enabled: true });
  const v = await api<Record<string, unknown>>(page, "GET", `/applications/${appId}/provisioning`);
  await api(page, "PUT", `/applications/${appId}/provisioning`, {
    scimServerUrl: endpoint,
    bearerToken: secret,
    operations: v.operations,
    fullScope: { accounts: true, groups: true },
    userMapping: v.userMapping,
    groupMapping: v.groupMapping,
    matchAttribute: v.matchAttribute,
  });
  const { task } = await api<{ task: { id: string } }>(page, "POST", `/applications/${appId}/push-now`, {});
  await expect(async () => {
    const t = await api<{ status: string }>(page, "GET", `/provisioning/tasks/${task.id}`);
    expect(t.status).toBe("Successful");
  }).toPass({ timeout: 30_000 });
  return { sfx, appId, appName, unit, outside, group, people, viaGroup };
}

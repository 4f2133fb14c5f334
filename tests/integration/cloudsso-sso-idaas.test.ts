import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type StartedApp } from "../setup/server";
import { until } from "../support/until";
import { signIn, type ConsoleSession } from "../support/console-session";

/**
 * The two halves of issue 14 meet only over SAML/HTTP, as an admin wires them: the IDaaS IdP
 * metadata uploaded into CloudSSO's Configure IdP, CloudSSO's ACS URL and Entity ID pasted into the
 * IDaaS application's SSO tab. Then IdP-initiated (portal tile) and SP-initiated (Redirect) sign-in
 * land in the CloudSSO portal, and a disabled CloudSSO user is refused.
 */
const INSTANCE = "idaas-default";
const API = `/api/idaas/instances/${INSTANCE}`;
const PASSWORD = "Portal-Pass-2026!";
const USER = "sso.bob";

let app: StartedApp;
let admin: ConsoleSession;
let appId = "";
let cloudSsoUserId = "";
let sso: { acsUrl: string; spEntityId: string; loginUrl: string };

const get = (p: string, cookie?: string) => fetch(p.startsWith("http") ? p : `${app.baseUrl}${p}`, { redirect: "manual", headers: cookie ? { cookie } : {} });

async function idaasPortalCookie(): Promise<string> {
  const res = await fetch(`${app.baseUrl}/portal/${INSTANCE}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username: USER, password: PASSWORD }).toString(),
  });
  const set = res.headers.getSetCookie().find((c) => c.startsWith("idaas_portal_session="));
  expect(set, `IDaaS portal sign-in failed: ${res.status} ${res.headers.get("location")}`).toBeTruthy();
  return set!.split(";")[0];
}

/** Follows the IdP's auto-post page to CloudSSO's ACS, as the browser does. */
async function postToAcs(autoPost: Response) {
  const html = await autoPost.text();
  expect(autoPost.status, html.slice(0, 300)).toBe(200);
  const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1]?.replace(/&amp;/g, "&");
  const samlResponse = html.match(/name="SAMLResponse" value="([^"]+)"/)?.[1];
  expect(action).toBe(sso.acsUrl);
  const relayState = html.match(/name="RelayState" value="([^"]*)"/)?.[1];
  const res = await fetch(action!, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ SAMLResponse: samlResponse!, ...(relayState ? { RelayState: relayState } : {}) }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("cloudsso_portal_session=") && !c.startsWith("cloudsso_portal_session=;"));
  return { status: res.status, text: await res.text(), location: res.headers.get("location"), cookie: cookie?.split(";")[0] ?? null };
}

beforeAll(async () => {
  app = await startApp();
  admin = await signIn(app.baseUrl);
  const created = await admin.call<{ id: string }>("POST", `${API}/applications`, { templateId: "cloudsso", name: "Alibaba Cloud - CloudSSO" });
  expect(created.status).toBe(201);
  appId = created.body.id;
  const account = await admin.call<{ id: string }>("POST", `${API}/accounts`, { username: USER, primaryUnitId: "ou-root" });
  expect(account.status).toBe(201);
  expect((await admin.call("PUT", `${API}/accounts/${account.body.id}/password`, { password: PASSWORD })).status).toBe(200);
  const user = await admin.call<{ UserId: string }>("POST", "/api/cloudsso/users", { userName: USER });
  expect(user.status).toBe(201);
  cloudSsoUserId = user.body.UserId;

  // CloudSSO › Settings › SSO Logon › Configure IdP › Upload Metadata File (the IDaaS IdP metadata), then the switch.
  const metadata = await (await get(`/saml/idp/${appId}/metadata?download=1`)).text();
  const configured = await admin.call<{ idp: { entityId: string } }>("PUT", "/api/cloudsso/sso/idp", { mode: "metadata", metadata });
  expect(configured.status, JSON.stringify(configured.body)).toBe(200);
  expect(configured.body.idp.entityId).toBe(`${app.baseUrl}/saml/idp/${appId}/metadata`);
  expect((await admin.call("PUT", "/api/cloudsso/sso/enabled", { enabled: true })).status).toBe(200);
  sso = (await admin.call<typeof sso>("GET", "/api/cloudsso/sso")).body;

  // IDaaS › the application's SSO tab: CloudSSO ACS URL and Entity ID pasted back.
  const saved = await admin.call("PUT", `${API}/applications/${appId}/sso`, {
    authorizeMode: "All",
    acsUrl: sso.acsUrl,
    spEntityId: sso.spEntityId,
    usernameSource: "username",
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
});

afterAll(async () => {
  await app?.stop();
});

describe("IDaaS to CloudSSO over SAML", () => {
  it("IdP-initiated: the IDaaS portal tile lands in the CloudSSO portal as the same username", async () => {
    const idaas = await idaasPortalCookie();
    const landed = await postToAcs(await get(`/saml/idp/${appId}/sso`, idaas));
    expect(landed.status, landed.text.slice(-600)).toBe(303);
    expect(landed.location).toBe(sso.loginUrl);
    const me = await get("/api/portal/cloudsso/session", landed.cookie!);
    expect(await me.json()).toMatchObject({ userName: USER, method: "SSO" });
  });

  it("SP-initiated: Redirect on the Login URL goes to the IdP and comes back answered", async () => {
    const idaas = await idaasPortalCookie();
    const redirect = await get(`${sso.loginUrl}/sso`);
    expect(redirect.status).toBe(303);
    const toIdp = redirect.headers.get("location")!;
    expect(toIdp.startsWith(`${app.baseUrl}/saml/idp/${appId}/sso?SAMLRequest=`)).toBe(true);
    const landed = await postToAcs(await get(toIdp, idaas));
    expect(landed.status, landed.text.slice(-600)).toBe(303);
    expect(landed.cookie).toBeTruthy();
  });

  it("Log on as RAM Role: the assigned account, Show Details, Log On → the role session; removing the assignment removes it at once", async () => {
    const rd = await admin.call<{ rootFolderId: string }>("GET", "/api/cloudsso/resource-directory");
    const account = await admin.call<{ accountId: string }>("POST", "/api/cloudsso/resource-directory/accounts", { displayName: "SSO Sandbox", folderId: rd.body.rootFolderId });
    expect(account.status, JSON.stringify(account.body)).toBe(201);
    const config = await admin.call<{ id: string }>("POST", "/api/cloudsso/access-configurations", {
      name: "SsoReadOnly",
      sessionDuration: 7200,
      systemPolicies: ["ReadOnlyAccess"],
    });
    expect(config.status, JSON.stringify(config.body)).toBe(201);
    const assign = await admin.call("POST", "/api/cloudsso/access-assignments", {
      accountIds: [account.body.accountId],
      principals: [{ type: "User", id: cloudSsoUserId }],
      accessConfigurationIds: [config.body.id],
    });
    expect(assign.status, JSON.stringify(assign.body)).toBe(202);

    const idaas = await idaasPortalCookie();
    const { cookie } = await postToAcs(await get(`/saml/idp/${appId}/sso`, idaas));
    await until("the assignment to be provisioned", async () => {
      const body = (await (await get("/api/portal/cloudsso/access", cookie!)).json()) as { items: { account: { accountId: string } }[] };
      return body.items.some((i) => i.account.accountId === account.body.accountId);
    });
    const portal = await (await get(sso.loginUrl, cookie!)).text();
    expect(portal).toContain("Log on as RAM Role");
    expect(portal).toContain("SSO Sandbox");
    const details = await (await get(`${sso.loginUrl}?account=${account.body.accountId}`, cookie!)).text();
    expect(details).toContain("SsoReadOnly");
    const logOn = details.match(/href="([^"]*\/console\?[^"]+)"/)![1].replace(/&amp;/g, "&");
    const consolePage = await (await get(logOn, cookie!)).text();
    expect(consolePage).toContain(`AliyunReservedSSO-SsoReadOnly/${USER}`);
    expect(consolePage).toContain("ReadOnlyAccess");
    expect(consolePage).toContain(account.body.accountId);

    const removed = await admin.call("POST", "/api/cloudsso/access-assignments/delete", {
      assignments: [{ accountId: account.body.accountId, principalType: "User", principalId: cloudSsoUserId, accessConfigurationId: config.body.id }],
    });
    expect(removed.status, JSON.stringify(removed.body)).toBeLessThan(300);
    await until("the account to leave the portal", async () => {
      const body = (await (await get("/api/portal/cloudsso/access", cookie!)).json()) as { items: unknown[] };
      return body.items.length === 0;
    });
    expect(await (await get(logOn, cookie!)).text()).toContain("Log On refused");
  });

  it("a CloudSSO user disabled (as SCIM would) is refused at the ACS with InvalidUser", async () => {
    expect((await admin.call("PUT", `/api/cloudsso/users/${cloudSsoUserId}/status`, { status: "Disabled" })).status).toBe(200);
    const idaas = await idaasPortalCookie();
    const landed = await postToAcs(await get(`/saml/idp/${appId}/sso`, idaas));
    expect(landed.status).toBe(403);
    expect(landed.text).toContain("Sign-in failed: InvalidUser");
    expect(landed.cookie).toBeNull();
  });
});

import fs from "node:fs";
import path from "node:path";
import { SAML } from "@node-saml/node-saml";
import * as samlify from "samlify";
import { validate } from "@authenio/samlify-xmllint-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type StartedApp } from "../setup/server";
import { signIn, type ConsoleSession } from "../support/console-session";

/**
 * Issue 14, the IDaaS half over real HTTP: IDaaS as a SAML identity provider (metadata, signed
 * responses cross-checked by a second library, @node-saml/node-saml; IdP- and SP-initiated), account
 * passwords and the user portal with its own session, authorization, a disabled account refused on
 * its next request, the Sign-in Log, and the signing key kept across a restart and rotated.
 */
const INSTANCE = "idaas-default";
const API = `/api/idaas/instances/${INSTANCE}`;
const SP = { entityId: "https://sp.example.test/saml/sp/d-test", acsUrl: "https://sp.example.test/saml/acs/acs-test" };
const PASSWORD = "Portal-Pass-2026";

let app: StartedApp;
let admin: ConsoleSession;
let appId = "";
let account = { id: "", username: "sso.alice" };

beforeAll(async () => {
  app = await startApp();
  admin = await signIn(app.baseUrl);
  const created = await admin.call<{ id: string }>("POST", `${API}/applications`, { templateId: "cloudsso", name: "CloudSSO" });
  expect(created.status).toBe(201);
  appId = created.body.id;
  const acc = await admin.call<{ id: string }>("POST", `${API}/accounts`, {
    username: account.username,
    email: "alice@example.test",
    primaryUnitId: "ou-root",
  });
  expect(acc.status).toBe(201);
  account = { ...account, id: acc.body.id };
});

afterAll(async () => {
  await app?.stop();
});

const cookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith("idaas_portal_session="));

async function portalSignIn(username: string, password: string, extra: Record<string, string> = {}) {
  return fetch(`${app.baseUrl}/portal/${INSTANCE}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password, ...extra }).toString(),
  });
}

/** Signs in and returns the Cookie header of the portal session. */
async function portalSession(username = account.username, password = PASSWORD): Promise<string> {
  const res = await portalSignIn(username, password);
  const set = cookieOf(res);
  expect(set, `sign-in of ${username} failed: ${res.headers.get("location")}`).toBeTruthy();
  return set!.split(";")[0];
}

const get = (p: string, cookie?: string) => fetch(`${app.baseUrl}${p}`, { redirect: "manual", headers: cookie ? { cookie } : {} });

/** The SAMLResponse and form action of the auto-post page. */
async function postedResponse(res: Response) {
  const html = await res.text();
  expect(res.status, html.slice(0, 300)).toBe(200);
  const action = html.match(/<form id="saml-post" method="post" action="([^"]+)"/)?.[1];
  const samlResponse = html.match(/name="SAMLResponse" value="([^"]+)"/)?.[1];
  expect(samlResponse).toBeTruthy();
  return { action: action?.replace(/&amp;/g, "&"), samlResponse: samlResponse!, html };
}

async function certificate(): Promise<string> {
  const xml = await (await get(`/saml/idp/${appId}/metadata`)).text();
  const b64 = xml.match(/<(?:ds:)?X509Certificate>([^<]+)</)?.[1];
  expect(b64).toBeTruthy();
  return `-----BEGIN CERTIFICATE-----\n${b64!.replace(/\s+/g, "")}\n-----END CERTIFICATE-----`;
}

/** The service provider's view, by a second SAML library: signature with the IdP certificate, audience, ACS. */
function nodeSaml(cert: string) {
  return new SAML({
    idpCert: cert,
    issuer: SP.entityId,
    audience: SP.entityId,
    callbackUrl: SP.acsUrl,
    idpIssuer: `${app.baseUrl}/saml/idp/${appId}/metadata`,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
  });
}

describe("SSO tab and IdP metadata", () => {
  it("validates the SSO settings, saves them, and serves metadata with the certificate and no key", async () => {
    const view = await admin.call<{ authorizeMode: string; usernameSource: string; configured: boolean; idp: { entityId: string } }>(
      "GET",
      `${API}/applications/${appId}/sso`,
    );
    expect(view.body).toMatchObject({ authorizeMode: "All", usernameSource: "username", configured: false });
    expect(view.body.idp.entityId).toBe(`${app.baseUrl}/saml/idp/${appId}/metadata`);

    const bad = await admin.call<{ fieldErrors: Record<string, string> }>("PUT", `${API}/applications/${appId}/sso`, {
      authorizeMode: "All",
      acsUrl: "javascript:alert(1)",
      spEntityId: SP.entityId,
      usernameSource: "username",
    });
    expect(bad.status).toBe(422);
    expect(bad.body.fieldErrors.acsUrl).toMatch(/http/);

    const saved = await admin.call<{ configured: boolean }>("PUT", `${API}/applications/${appId}/sso`, {
      authorizeMode: "All",
      acsUrl: SP.acsUrl,
      spEntityId: SP.entityId,
      usernameSource: "username",
    });
    expect(saved.status).toBe(200);
    expect(saved.body.configured).toBe(true);

    const meta = await get(`/saml/idp/${appId}/metadata?download=1`);
    expect(meta.headers.get("content-disposition")).toMatch(/attachment/);
    const xml = await meta.text();
    expect(xml).toContain(`entityID="${app.baseUrl}/saml/idp/${appId}/metadata"`);
    expect(xml).toContain(`Location="${app.baseUrl}/saml/idp/${appId}/sso"`);
    expect(xml).toContain('WantAuthnRequestsSigned="false"');
    expect(xml).not.toMatch(/PRIVATE KEY/);

    const keyFile = path.join(app.dataDir, "idaas-idp-signing.pem");
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
  });
});

describe("passwords and the user portal", () => {
  it("Reset Password validates, stores only a hash, and the portal refuses wrong credentials", async () => {
    const url = `${API}/accounts/${account.id}/password`;
    expect((await admin.call("GET", url)).body).toMatchObject({ set: false });
    const short = await admin.call<{ fieldErrors: Record<string, string> }>("PUT", url, { password: "short" });
    expect(short.status).toBe(422);
    expect(short.body.fieldErrors.password).toMatch(/at least 8/);
    const ok = await admin.call("PUT", url, { password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(JSON.stringify(ok.body)).not.toContain(PASSWORD);

    const wrong = await portalSignIn(account.username, "Not-The-Password");
    expect(wrong.status).toBe(303);
    expect(cookieOf(wrong)).toBeUndefined();
    expect(wrong.headers.get("location")).toContain("error=badCredentials");
    const page = await (await get(`/portal/${INSTANCE}?error=badCredentials`)).text();
    expect(page).toContain("Invalid username or password.");
  });

  it("signs in with its own HttpOnly, SameSite=Lax cookie and shows the application tile", async () => {
    const res = await portalSignIn(account.username, PASSWORD);
    expect(res.status).toBe(303);
    expect(cookieOf(res)).toMatch(/HttpOnly/i);
    expect(cookieOf(res)).toMatch(/SameSite=lax/i);
    const page = await (await get(`/portal/${INSTANCE}`, cookieOf(res)!.split(";")[0])).text();
    expect(page).toContain(`href="/saml/idp/${appId}/sso"`);
    expect(page).toContain("CloudSSO");
  });
});

describe("signed SAML responses", () => {
  it("IdP-initiated: posts a response to the ACS URL that node-saml accepts, NameID = the username", async () => {
    const cookie = await portalSession();
    const { action, samlResponse } = await postedResponse(await get(`/saml/idp/${appId}/sso`, cookie));
    expect(action).toBe(SP.acsUrl);
    const { profile } = await nodeSaml(await certificate()).validatePostResponseAsync({ SAMLResponse: samlResponse });
    expect(profile?.nameID).toBe(account.username);

    // Control: another audience and node-saml refuses the same response (another key: the rotation test).
    const wrongAudience = new SAML({ ...nodeSaml(await certificate()).options, audience: "https://elsewhere.test/sp" });
    await expect(wrongAudience.validatePostResponseAsync({ SAMLResponse: samlResponse })).rejects.toThrow(/audience/i);
  });

  it("SP-initiated (HTTP-Redirect and HTTP-POST): answers the AuthnRequest with InResponseTo; a foreign issuer is refused", async () => {
    samlify.setSchemaValidator({ validate });
    const idp = samlify.IdentityProvider({ metadata: await (await get(`/saml/idp/${appId}/metadata`)).text() });
    const sp = samlify.ServiceProvider({
      entityID: SP.entityId,
      assertionConsumerService: [{ Binding: samlify.Constants.namespace.binding.post, Location: SP.acsUrl }],
    });
    const { id, context } = sp.createLoginRequest(idp, "redirect");
    const ssoUrl = new URL(context);
    expect(ssoUrl.pathname).toBe(`/saml/idp/${appId}/sso`);
    const relay = "rs-123";
    ssoUrl.searchParams.set("RelayState", relay);

    // Not signed in: the portal asks for a password, then continues with the same request.
    const anonymous = await get(`${ssoUrl.pathname}${ssoUrl.search}`);
    expect(anonymous.status).toBe(303);
    const signInPage = new URL(anonymous.headers.get("location")!);
    const next = signInPage.searchParams.get("continue")!;
    expect(next.startsWith(`/saml/idp/${appId}/sso?SAMLRequest=`)).toBe(true);
    const signedIn = await portalSignIn(account.username, PASSWORD, { continue: next });
    expect(signedIn.headers.get("location")).toBe(`${app.baseUrl}${next}`);

    const res = await get(next, cookieOf(signedIn)!.split(";")[0]);
    const { samlResponse, html } = await postedResponse(res);
    expect(html).toContain(`name="RelayState" value="${relay}"`);
    const xml = Buffer.from(samlResponse, "base64").toString("utf8");
    expect(xml).toContain(`InResponseTo="${id}"`);
    const { profile } = await nodeSaml(await certificate()).validatePostResponseAsync({ SAMLResponse: samlResponse });
    expect(profile?.nameID).toBe(account.username);

    // HTTP-POST binding of the AuthnRequest, same answer.
    const post = sp.createLoginRequest(idp, "post") as { id: string; context: string; entityEndpoint: string };
    const posted = await fetch(post.entityEndpoint, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieOf(signedIn)!.split(";")[0] },
      body: new URLSearchParams({ SAMLRequest: post.context }).toString(),
    });
    const fromPost = await postedResponse(posted);
    expect(Buffer.from(fromPost.samlResponse, "base64").toString("utf8")).toContain(`InResponseTo="${post.id}"`);

    const foreign = samlify.ServiceProvider({
      entityID: "https://attacker.test/sp",
      assertionConsumerService: [{ Binding: samlify.Constants.namespace.binding.post, Location: "https://attacker.test/acs" }],
    });
    const attack = new URL(foreign.createLoginRequest(idp, "redirect").context);
    const refused = await get(`${attack.pathname}${attack.search}`, cookieOf(signedIn)!.split(";")[0]);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("https://attacker.test/sp");
  });
});

describe("authorization and lifecycle", () => {
  it("Manually: no tile and a clear refusal on the direct SSO URL until the account's organization is granted", async () => {
    const cookie = await portalSession();
    const settings = { acsUrl: SP.acsUrl, spEntityId: SP.entityId, usernameSource: "username" };
    await admin.call("PUT", `${API}/applications/${appId}/sso`, { ...settings, authorizeMode: "Manual", unitIds: [], accountIds: [] });
    expect(await (await get(`/portal/${INSTANCE}`, cookie)).text()).not.toContain(`/saml/idp/${appId}/sso`);
    const direct = await get(`/saml/idp/${appId}/sso`, cookie);
    expect(direct.status).toBe(403);
    expect(await direct.text()).toContain("not authorized");

    await admin.call("PUT", `${API}/applications/${appId}/sso`, { ...settings, authorizeMode: "Manual", unitIds: ["ou-root"], accountIds: [] });
    expect(await (await get(`/portal/${INSTANCE}`, cookie)).text()).toContain(`/saml/idp/${appId}/sso`);
    await postedResponse(await get(`/saml/idp/${appId}/sso`, cookie));
    await admin.call("PUT", `${API}/applications/${appId}/sso`, { ...settings, authorizeMode: "All" });
  });

  it("a disabled account: its open session is refused on the next request and it cannot sign in again", async () => {
    const cookie = await portalSession();
    const off = await admin.call("POST", `${API}/accounts/${account.id}/status`, { status: "Disabled" });
    expect(off.status).toBe(200);
    const sso = await get(`/saml/idp/${appId}/sso`, cookie);
    expect(sso.status).toBe(303);
    expect(sso.headers.get("location")).toContain("error=disabled");
    expect(await (await get(`/portal/${INSTANCE}`, cookie)).text()).not.toContain(`/saml/idp/${appId}/sso`);
    const again = await portalSignIn(account.username, PASSWORD);
    expect(cookieOf(again)).toBeUndefined();
    expect(again.headers.get("location")).toContain("error=disabled");
    await admin.call("POST", `${API}/accounts/${account.id}/status`, { status: "Enabled" });
  });

  it("the admin console session is not a portal user", async () => {
    const res = await get(`/saml/idp/${appId}/sso`, admin.cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain(`/portal/${INSTANCE}?`);
  });

  it("the Sign-in Log says who, what and why, and never holds the password", async () => {
    const log = await admin.call<{ items: { username: string; event: string; result: string; reason: string | null; applicationName: string | null }[] }>(
      "GET",
      `${API}/sign-in-logs?pageSize=100`,
    );
    const lines = log.body.items.map((e) => `${e.username} | ${e.event} | ${e.result} | ${e.applicationName ?? ""} | ${e.reason ?? ""}`);
    expect(lines).toContainEqual(expect.stringMatching(/^sso\.alice \| Portal Sign-in \| Failure \| {2}\| Invalid username or password\.$/));
    expect(lines).toContainEqual(expect.stringMatching(/^sso\.alice \| Application SSO \| Success \| CloudSSO \| .*IdP-initiated/));
    expect(lines).toContainEqual(expect.stringMatching(/^sso\.alice \| Application SSO \| Failure \| CloudSSO \| The account is not authorized/));
    expect(lines).toContainEqual(expect.stringMatching(/^sso\.alice \| Session Refused \| Failure \| {2}\| The account is disabled\.$/));
    expect(JSON.stringify(log.body)).not.toContain(PASSWORD);
    expect(app.output()).not.toContain(PASSWORD);
  });
});

describe("the signing key", () => {
  it("survives a restart (same certificate) and Rotate Certificate replaces it", async () => {
    const before = await certificate();
    await app.stop();
    app = await startApp({ dataDir: app.dataDir });
    admin = await signIn(app.baseUrl);
    expect(await certificate()).toBe(before);

    const rotated = await admin.call<{ fingerprint: string }>("POST", `${API}/sso/certificate`);
    expect(rotated.status).toBe(200);
    const after = await certificate();
    expect(after).not.toBe(before);
    // Responses are now signed with the new key: the old certificate no longer verifies them.
    const cookie = await portalSession();
    const { samlResponse } = await postedResponse(await get(`/saml/idp/${appId}/sso`, cookie));
    await expect(nodeSaml(before).validatePostResponseAsync({ SAMLResponse: samlResponse })).rejects.toThrow();
    await expect(nodeSaml(after).validatePostResponseAsync({ SAMLResponse: samlResponse })).resolves.toBeTruthy();
  });
});

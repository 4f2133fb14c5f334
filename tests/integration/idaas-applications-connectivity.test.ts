import { beforeAll, describe, expect, inject, it } from "vitest";
import { cloudSsoCliText } from "../support/cloudsso-cli";
import { signIn, type ConsoleSession } from "../support/console-session";

/**
 * Test Connectivity from an IDaaS application to the REAL CloudSSO SCIM server of the same app,
 * over HTTP. CloudSSO is driven with its admin CLI on the test database, the way a trainer would.
 */
const baseUrl = inject("baseUrl");
const dataDir = inject("dataDir");
const databaseUrl = inject("databaseUrl");
const APPS = "/api/idaas/instances/idaas-default/applications";

let s: ConsoleSession;
let appId: string;

const cloudsso = cloudSsoCliText({ databaseUrl, dataDir });

/** A fresh credential; older ones are deleted first (CloudSSO allows two per directory). */
function newCredential(): { CredentialId: string; CredentialSecret: string } {
  const listed = JSON.parse(cloudsso("ListSCIMServerCredentials", "--json")) as { SCIMServerCredentials: { CredentialId: string }[] };
  for (const c of listed.SCIMServerCredentials) cloudsso("DeleteSCIMServerCredential", "--credential-id", c.CredentialId);
  return JSON.parse(cloudsso("CreateSCIMServerCredential", "--json"));
}

interface Result {
  ok: boolean;
  kind?: string;
  message: string;
  savedConfiguration: boolean;
}

async function save(token: string, url = `${baseUrl}/scim/v2`) {
  const view = (await s.call<Record<string, unknown>>("GET", `${APPS}/${appId}/provisioning`)).body;
  const res = await s.call("PUT", `${APPS}/${appId}/provisioning`, {
    scimServerUrl: url,
    bearerToken: token,
    operations: view.operations,
    fullScope: view.fullScope,
    userMapping: view.userMapping,
    groupMapping: view.groupMapping,
    matchAttribute: view.matchAttribute,
  });
  expect(res.status).toBe(200);
}

/** Test Connectivity with what a form would show; {} tests the saved configuration. */
async function test(token?: string, typed: { scimServerUrl?: string; bearerToken?: string } = {}) {
  const res = await s.request(`${APPS}/${appId}/test-connectivity`, { method: "POST", json: typed });
  expect(res.status).toBe(200);
  const text = await res.text();
  if (token) expect(text).not.toContain(token);
  return JSON.parse(text) as Result;
}

beforeAll(async () => {
  s = await signIn(baseUrl);
  const created = await s.call<{ id: string }>("POST", APPS, { templateId: "cloudsso", name: "CloudSSO connectivity" });
  expect(created.status).toBe(201);
  appId = created.body.id;
  cloudsso("SetSCIMSynchronizationStatus", "--status", "Enabled");
});

describe("Test Connectivity against the CloudSSO SCIM server", () => {
  it("succeeds with the saved endpoint and a valid credential", async () => {
    const cred = newCredential();
    await save(cred.CredentialSecret);
    const r = await test(cred.CredentialSecret);
    expect(r.ok, r.message).toBe(true);
    expect(r.message).toMatch(/succeeded/i);
  });

  it("names the token when the credential is wrong or disabled", async () => {
    await save("definitely-not-a-cloudsso-credential");
    let r = await test();
    expect(r).toMatchObject({ ok: false, kind: "unauthorized" });
    expect(r.message).toMatch(/Bearer Token/);
    expect(r.message).toMatch(/401/);

    const cred = newCredential();
    await save(cred.CredentialSecret);
    expect((await test(cred.CredentialSecret)).ok).toBe(true);
    cloudsso("UpdateSCIMServerCredentialStatus", "--credential-id", cred.CredentialId, "--status", "Disabled");
    r = await test(cred.CredentialSecret);
    expect(r).toMatchObject({ ok: false, kind: "unauthorized" });
    expect(r.message).toMatch(/Bearer Token/);
  });

  it("names SCIM synchronization being off (403), and succeeds again once it is on", async () => {
    const cred = newCredential();
    await save(cred.CredentialSecret);
    cloudsso("SetSCIMSynchronizationStatus", "--status", "Disabled");
    const r = await test(cred.CredentialSecret);
    expect(r).toMatchObject({ ok: false, kind: "forbidden" });
    expect(r.message).toMatch(/403/);
    expect(r.message).toMatch(/SCIM synchronization is disabled/);
    cloudsso("SetSCIMSynchronizationStatus", "--status", "Enabled");
    expect((await test(cred.CredentialSecret)).ok).toBe(true);
  });

  it("tests the typed URL and token without saving them, and says what it tested", async () => {
    const saved = newCredential();
    // A second credential, never saved in IDaaS.
    const typed = JSON.parse(cloudsso("CreateSCIMServerCredential", "--json")) as { CredentialSecret: string };
    const endpoint = `${baseUrl}/scim/v2`;
    await save(saved.CredentialSecret);
    const before = (await s.call<{ scimServerUrl: string; tokenMask: string; updatedAt: string }>("GET", `${APPS}/${appId}/provisioning`)).body;

    let r = await test(typed.CredentialSecret, { scimServerUrl: endpoint, bearerToken: typed.CredentialSecret });
    expect(r).toMatchObject({ ok: true, savedConfiguration: false });
    expect(r.message).toBe(
      `Connectivity test succeeded: ${endpoint} with the token you typed; the SCIM server accepted the Bearer Token. These values are not saved yet: click Save to use them.`,
    );

    r = await test(saved.CredentialSecret, { scimServerUrl: endpoint, bearerToken: "" });
    expect(r).toMatchObject({ ok: true, savedConfiguration: true });
    expect(r.message).toBe(
      `Connectivity test succeeded: ${endpoint} with the saved token (${before.tokenMask}); the SCIM server accepted the Bearer Token.`,
    );
    // The saved token typed again is still exactly the saved configuration.
    expect((await test(saved.CredentialSecret, { scimServerUrl: endpoint, bearerToken: saved.CredentialSecret })).savedConfiguration).toBe(true);

    r = await test(saved.CredentialSecret, { scimServerUrl: `${baseUrl}/login`, bearerToken: "" });
    expect(r).toMatchObject({ ok: false, savedConfiguration: false });
    expect(r.message).toContain(`${baseUrl}/login with the saved token (${before.tokenMask}): `);

    r = await test(undefined, { scimServerUrl: endpoint, bearerToken: "typed-but-wrong" });
    expect(r).toMatchObject({ ok: false, kind: "unauthorized", savedConfiguration: false });
    expect(r.message).toContain(`${endpoint} with the token you typed: The Bearer Token was rejected (HTTP 401)`);

    // Nothing typed was saved.
    const after = (await s.call<typeof before>("GET", `${APPS}/${appId}/provisioning`)).body;
    expect(after).toEqual(before);
  });

  it("reports a URL that is not a SCIM server", async () => {
    const cred = newCredential();
    await save(cred.CredentialSecret, `${baseUrl}/login`);
    const r = await test(cred.CredentialSecret);
    expect(r.ok).toBe(false);
    expect(r.kind).toMatch(/not_scim|not_found/);
  });
});

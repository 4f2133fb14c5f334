import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ScimClient, ScimClientError } from "@/lib/scim/client";
import { testConnectivity, SCIM_DISABLED_MESSAGE, TOKEN_REJECTED_MESSAGE } from "@/lib/scim/connectivity";
import { cloudSsoCli, freshScimCredential } from "../support/cloudsso-cli";
import { DEFAULT_CLOUDSSO_USER_MAPPING, DEFAULT_GROUP_MAPPING, mapGroup, mapUser } from "@/lib/idaas/mapping";

/**
 * The IDaaS side's SCIM client and Test Connectivity against the real CloudSSO SCIM server of
 * the started app, over HTTP — the same path a push takes. Credentials and the SCIM switch are
 * driven through the CloudSSO admin CLI, as a trainer would.
 */

const baseUrl = inject("baseUrl");
const scimUrl = `${baseUrl}/scim/v2`;

const cli = cloudSsoCli({ databaseUrl: inject("databaseUrl"), dataDir: inject("dataDir") });

const setScim = (on: boolean) => cli("SetSCIMSynchronizationStatus", "--status", on ? "Enabled" : "Disabled");
const setCredential = (id: string, on: boolean) => cli("UpdateSCIMServerCredentialStatus", "--credential-id", id, "--status", on ? "Enabled" : "Disabled");

let credentialId = "";
let secret = "";
let scimWasEnabled = false;
const suffix = Date.now().toString(36);

beforeAll(() => {
  scimWasEnabled = cli("GetSCIMSynchronizationStatus").SCIMSynchronizationStatus === "Enabled";
  setScim(true);
  ({ credentialId, secret } = freshScimCredential(cli));
  expect(credentialId).toMatch(/^scimcred-/);
  expect(secret.length).toBeGreaterThanOrEqual(32);
});

afterAll(() => {
  if (credentialId) cli("DeleteSCIMServerCredential", "--credential-id", credentialId);
  setScim(scimWasEnabled);
});

async function failure(p: Promise<unknown>): Promise<ScimClientError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ScimClientError);
    expect(JSON.stringify(err)).not.toContain(secret);
    expect((err as Error).message).not.toContain(secret);
    return err as ScimClientError;
  }
  throw new Error("expected the call to fail");
}

describe("Test Connectivity against CloudSSO", () => {
  it("succeeds with the SCIM Endpoint and a fresh credential", async () => {
    const r = await testConnectivity({ url: scimUrl, token: secret });
    expect(r.message).toMatch(/succeeded/);
    expect(r.ok).toBe(true);
    expect(r.steps.every((s) => s.ok)).toBe(true);
  });

  it("names a wrong token", async () => {
    const r = await testConnectivity({ url: scimUrl, token: "not-the-credential-0123456789abcdef" });
    expect(r).toMatchObject({ ok: false, kind: "unauthorized", httpStatus: 401 });
    expect(r.message.startsWith(TOKEN_REJECTED_MESSAGE)).toBe(true);
  });

  it("names a disabled credential, and recovers when it is enabled again", async () => {
    setCredential(credentialId, false);
    try {
      const r = await testConnectivity({ url: scimUrl, token: secret });
      expect(r).toMatchObject({ ok: false, kind: "unauthorized", httpStatus: 401 });
      expect(r.message).toMatch(/invalid, disabled or expired.*generate a new SCIM credential in the CloudSSO console and update Bearer Token Key Mode/);
      expect(JSON.stringify(r)).not.toContain(secret);
    } finally {
      setCredential(credentialId, true);
    }
    expect((await testConnectivity({ url: scimUrl, token: secret })).ok).toBe(true);
  });

  it("names SCIM synchronization switched off on the target", async () => {
    setScim(false);
    try {
      const r = await testConnectivity({ url: scimUrl, token: secret });
      expect(r).toMatchObject({ ok: false, kind: "forbidden", httpStatus: 403 });
      if (r.ok) return;
      expect(r.message.startsWith(SCIM_DISABLED_MESSAGE)).toBe(true);
      expect(r.detail).toMatch(/disabled/i);
      expect(r.message).toContain(`Server detail: ${r.detail}`);
    } finally {
      setScim(true);
    }
  });

  it("names a URL that is the console, not the SCIM endpoint", async () => {
    const r = await testConnectivity({ url: `${baseUrl}/cloudsso`, token: secret });
    expect(r).toMatchObject({ ok: false, kind: "not_scim" });
    expect(r.message).toMatch(/does not point at a SCIM 2\.0 server/);
  });
});

describe("ScimClient against CloudSSO", () => {
  it("discovers the server", async () => {
    const c = new ScimClient({ baseUrl: scimUrl, bearerToken: secret });
    const spc = await c.getServiceProviderConfig();
    expect(spc.schemas).toContain("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
    expect((spc.patch as { supported: boolean }).supported).toBe(true);
    c.close();
  });

  it("creates, finds, updates, disables and deletes a mapped user and group", async () => {
    const c = new ScimClient({ baseUrl: scimUrl, bearerToken: secret });
    const account = {
      id: `acc_${suffix}`,
      username: `it.user.${suffix}`,
      displayName: "Integration User",
      givenName: "Integration",
      familyName: "User",
      email: `it.user.${suffix}@example.com`,
      status: "Enabled",
    };
    const resource = mapUser(DEFAULT_CLOUDSSO_USER_MAPPING, account);
    const created = await c.createUser(resource);
    expect(created).toMatchObject({ userName: account.username, externalId: account.id, active: true, displayName: "Integration User" });

    expect((await c.findUserBy("userName", account.username.toUpperCase()))?.id).toBe(created.id);
    expect((await c.findUserBy("externalId", account.id))?.id).toBe(created.id);
    expect(await c.findUserBy("userName", `nobody "quoted" \\ ${suffix}`)).toBeNull();

    const dup = await failure(c.createUser(resource));
    expect(dup).toMatchObject({ kind: "conflict", httpStatus: 409, scimType: "uniqueness", retryable: false });

    const replaced = await c.replaceUser(created.id, mapUser(DEFAULT_CLOUDSSO_USER_MAPPING, { ...account, displayName: "Renamed User" }));
    expect(replaced.displayName).toBe("Renamed User");

    await c.patchUser(created.id, [{ op: "replace", path: "active", value: false }]);
    expect((await c.getUser(created.id)).active).toBe(false);

    const group = await c.createGroup({ ...mapGroup(DEFAULT_GROUP_MAPPING, { id: `grp_${suffix}`, name: `it-group-${suffix}` }), members: [] });
    expect(group.displayName).toBe(`it-group-${suffix}`);
    expect((await c.findGroupByDisplayName(`it-group-${suffix}`))?.id).toBe(group.id);
    expect((await c.findGroupByExternalId(`grp_${suffix}`))?.id).toBe(group.id);

    await c.addGroupMembers(group.id, [created.id]);
    const members = (g: Record<string, unknown>) => ((g.members as { value: string }[] | undefined) ?? []).map((m) => m.value);
    expect(members(await c.getGroup(group.id))).toEqual([created.id]);
    await c.removeGroupMembers(group.id, [created.id]);
    expect(members(await c.getGroup(group.id))).toEqual([]);
    await c.replaceGroupMembers(group.id, [created.id]);
    expect(members(await c.getGroup(group.id))).toEqual([created.id]);
    await c.replaceGroupMembers(group.id, []);
    expect(members(await c.getGroup(group.id))).toEqual([]);

    const listed = await c.listUsers({ filter: `userName eq "${account.username}"`, count: 10 });
    expect(listed.totalResults).toBe(1);

    await c.deleteGroup(group.id);
    expect(await failure(c.getGroup(group.id))).toMatchObject({ kind: "not_found", httpStatus: 404 });
    await c.deleteUser(created.id);
    expect(await failure(c.getUser(created.id))).toMatchObject({ kind: "not_found", httpStatus: 404 });
    c.close();
  });

  it("gets 401 with a bad token and 403 with SCIM switched off, as typed errors", async () => {
    const bad = new ScimClient({ baseUrl: scimUrl, bearerToken: "wrong-token-0123456789abcdefghijkl" });
    expect(await failure(bad.listUsers())).toMatchObject({ kind: "unauthorized", httpStatus: 401, retryable: false });
    setScim(false);
    try {
      const c = new ScimClient({ baseUrl: scimUrl, bearerToken: secret });
      expect(await failure(c.listUsers())).toMatchObject({ kind: "forbidden", httpStatus: 403, retryable: false });
    } finally {
      setScim(true);
    }
  });
});

import Database from "better-sqlite3";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { signIn, type ConsoleSession } from "../support/console-session";
import { ALL_OPERATION_KEYS } from "@/lib/idaas/provisioning/config/operations";

/**
 * Application Management and the Provisioning tab's API over real HTTP: validation of every
 * field with nothing saved on rejection, the token never leaving the server, the Full Scope rule
 * and the provisioning scope rules.
 */
const baseUrl = inject("baseUrl");
const databaseUrl = inject("databaseUrl");
const I = "idaas-default";
const APPS = `/api/idaas/instances/${I}/applications`;
const FULL_SCOPE_REASON = "At least one item must be configured under Full Scope before Push Now can be used.";

let s: ConsoleSession;

interface App {
  id: string;
  name: string;
  templateId: string;
  templateName: string;
  status: string;
}
interface View {
  enabled: boolean;
  scimServerUrl: string;
  hasToken: boolean;
  tokenMask: string;
  operations: string[];
  fullScope: { accounts: boolean; groups: boolean };
  userMapping: { target: string; type: string; source: string }[];
  groupMapping: { target: string; type: string; source: string }[];
  matchAttribute: string;
  scope: { unitIds: string[]; groupIds: string[] };
  pushNowBlockedReason: string | null;
  updatedAt: string;
}
type ErrorBody = { error: string; fieldErrors?: Record<string, string> };

async function createApp(name = `App ${Math.random().toString(36).slice(2, 8)}`, templateId = "cloudsso") {
  const res = await s.call<App>("POST", APPS, { templateId, name });
  expect(res.status).toBe(201);
  return res.body;
}

async function view(appId: string) {
  const res = await s.call<View>("GET", `${APPS}/${appId}/provisioning`);
  expect(res.status).toBe(200);
  return res.body;
}

function validConfig(v: View, overrides: Record<string, unknown> = {}) {
  return {
    scimServerUrl: "https://sso.example.com/scim/v2",
    bearerToken: "",
    operations: v.operations,
    fullScope: v.fullScope,
    userMapping: v.userMapping,
    groupMapping: v.groupMapping,
    matchAttribute: v.matchAttribute,
    ...overrides,
  };
}

beforeAll(async () => {
  s = await signIn(baseUrl);
});

describe("authentication", () => {
  it("answers 401 JSON without a session", async () => {
    for (const p of [APPS, `${APPS}/x`, `${APPS}/x/provisioning`, `${APPS}/x/test-connectivity`]) {
      const res = await fetch(`${baseUrl}${p}`);
      expect(res.status, p).toBe(401);
      expect(await res.json()).toEqual({ error: expect.any(String) });
    }
  });
});

describe("applications", () => {
  it("creates from a Marketplace template with CloudSSO provisioning defaults", async () => {
    const app = await createApp("CloudSSO");
    expect(app).toMatchObject({ name: "CloudSSO", templateId: "cloudsso", templateName: "Alibaba Cloud - CloudSSO", status: "Enabled" });
    const v = await view(app.id);
    expect(v.enabled).toBe(false);
    expect(v.hasToken).toBe(false);
    expect(v.tokenMask).toBe("");
    expect(v.operations).toEqual(ALL_OPERATION_KEYS);
    expect(v.fullScope).toEqual({ accounts: false, groups: false });
    // The first thing to fix before Push Now (the whole rule: push-now-truth.test.ts).
    expect(v.pushNowBlockedReason).toBe("Provision IDaaS Accounts to Application is turned off.");
    expect(v.matchAttribute).toBe("userName");
    const targets = v.userMapping.map((r) => r.target);
    for (const t of ["userName", "name.givenName", "name.familyName", "displayName", 'emails[type eq "work"].value', "active", "externalId"]) {
      expect(targets).toContain(t);
    }
    expect(v.groupMapping.map((r) => r.target)).toEqual(expect.arrayContaining(["displayName", "externalId"]));

    const scim = await createApp("Generic", "scim2");
    expect(scim.templateName).toBe("SCIM 2.0");
  });

  it("validates the Application Name and template and saves nothing on rejection", async () => {
    const before = await s.call<{ total: number }>("GET", `${APPS}?pageSize=100`);
    const cases: [unknown, string, RegExp][] = [
      [{ templateId: "cloudsso" }, "name", /Application Name is required/],
      [{ templateId: "cloudsso", name: "   " }, "name", /Application Name is required/],
      [{ templateId: "cloudsso", name: "x".repeat(65) }, "name", /at most 64/],
      [{ templateId: "cloudsso", name: 42 }, "name", /Application Name/],
      [{ templateId: "okta", name: "A" }, "templateId", /Marketplace/],
      [{ name: "A" }, "templateId", /Marketplace/],
    ];
    for (const [body, field, message] of cases) {
      const res = await s.call<ErrorBody>("POST", APPS, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.fieldErrors?.[field], JSON.stringify(body)).toMatch(message);
    }
    const bad = await s.request(APPS, { method: "POST", body: "{not json", headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    const after = await s.call<{ total: number }>("GET", `${APPS}?pageSize=100`);
    expect(after.body.total).toBe(before.body.total);
    expect((await createApp("x".repeat(64))).name).toHaveLength(64);
  });

  it("lists with search and paging", async () => {
    const tag = `Findme${Date.now()}`;
    await createApp(`${tag} one`);
    await createApp(`${tag} two`);
    const page1 = await s.call<{ items: App[]; total: number; page: number; pageSize: number }>(
      "GET",
      `${APPS}?search=${tag.toLowerCase()}&pageSize=1`,
    );
    expect(page1.status).toBe(200);
    expect(page1.body.total).toBe(2);
    expect(page1.body.items).toHaveLength(1);
    const none = await s.call<{ items: App[]; total: number }>("GET", `${APPS}?search=nothing-matches-this`);
    expect(none.body).toMatchObject({ items: [], total: 0 });
  });

  it("renames, disables, enables and deletes with validation", async () => {
    const app = await createApp("Before");
    const renamed = await s.call<App>("PATCH", `${APPS}/${app.id}`, { name: "  After  " });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe("After");
    const badName = await s.call<ErrorBody>("PATCH", `${APPS}/${app.id}`, { name: "" });
    expect(badName.status).toBe(422);
    expect(badName.body.fieldErrors?.name).toMatch(/required/);
    expect((await s.call<App>("GET", `${APPS}/${app.id}`)).body.name).toBe("After");

    const badStatus = await s.call<ErrorBody>("PUT", `${APPS}/${app.id}/status`, { status: "Paused" });
    expect(badStatus.status).toBe(422);
    expect(badStatus.body.fieldErrors?.status).toMatch(/Enabled or Disabled/);
    const disabled = await s.call<App>("PUT", `${APPS}/${app.id}/status`, { status: "Disabled" });
    expect(disabled.body.status).toBe("Disabled");
    const enabled = await s.call<App>("PUT", `${APPS}/${app.id}/status`, { status: "Enabled" });
    expect(enabled.body.status).toBe("Enabled");

    expect((await s.call("DELETE", `${APPS}/${app.id}`)).status).toBe(200);
    expect((await s.call("GET", `${APPS}/${app.id}`)).status).toBe(404);
    expect((await s.call("GET", `${APPS}/${app.id}/provisioning`)).status).toBe(404);
    expect((await s.call("DELETE", `${APPS}/${app.id}`)).status).toBe(404);
  });

  it("answers 404 for unknown applications and instances", async () => {
    const app = await createApp();
    expect((await s.call("GET", `${APPS}/app-missing`)).status).toBe(404);
    expect((await s.call("GET", `/api/idaas/instances/nope/applications`)).status).toBe(404);
    expect((await s.call("GET", `/api/idaas/instances/nope/applications/${app.id}/provisioning`)).status).toBe(404);
  });
});

describe("provisioning configuration", () => {
  it("rejects every invalid field with a field message and saves nothing", async () => {
    const app = await createApp();
    const v0 = await view(app.id);
    const base = validConfig(v0, { bearerToken: "initial-token-value-1234" });
    const rows = v0.userMapping;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ scimServerUrl: "" }, "scimServerUrl", /SCIM Server URL is required/],
      [{ scimServerUrl: "not a url" }, "scimServerUrl", /valid URL/],
      [{ scimServerUrl: "ftp://example.com/scim" }, "scimServerUrl", /http:\/\/ or https:\/\//],
      [{ scimServerUrl: "https://user:pw@example.com/scim/v2" }, "scimServerUrl", /user name or password/],
      [{ scimServerUrl: "http://169.254.169.254/scim/v2" }, "scimServerUrl", /not allowed/],
      [{ scimServerUrl: "http://metadata.google.internal/scim" }, "scimServerUrl", /not allowed/],
      [{ scimServerUrl: `https://example.com/${"a".repeat(2100)}` }, "scimServerUrl", /at most 2048/],
      [{ bearerToken: "has space" }, "bearerToken", /spaces/],
      [{ bearerToken: "x".repeat(4097) }, "bearerToken", /at most 4096/],
      [{ operations: ["account.create", "account.fly"] }, "operations.1", /Unknown Operation/],
      [{ operations: "all" }, "operations", /list/],
      [{ fullScope: { accounts: "yes", groups: false } }, "fullScope.accounts", /true or false/],
      [{ fullScope: undefined }, "fullScope", /Full Scope/],
      [{ userMapping: [] }, "userMapping", /userName/],
      [{ userMapping: [{ ...rows[0], target: "" }, ...rows.slice(1)] }, "userMapping.0.target", /required/],
      [{ userMapping: [{ ...rows[0], type: "script" }, ...rows.slice(1)] }, "userMapping.0.type", /Field, Expression or Constant/],
      [{ groupMapping: [] }, "groupMapping", /displayName/],
      [{ matchAttribute: "emails" }, "matchAttribute", /userName or externalId/],
    ];
    for (const [override, field, message] of cases) {
      const res = await s.call<ErrorBody>("PUT", `${APPS}/${app.id}/provisioning`, { ...base, ...override });
      expect(res.status, field).toBe(422);
      expect(res.body.fieldErrors?.[field], `${field}: ${JSON.stringify(res.body)}`).toMatch(message);
      expect(await view(app.id), field).toEqual(v0);
    }
    // No token saved yet and none given.
    const noToken = await s.call<ErrorBody>("PUT", `${APPS}/${app.id}/provisioning`, { ...base, bearerToken: "" });
    expect(noToken.status).toBe(422);
    expect(noToken.body.fieldErrors?.bearerToken).toMatch(/Bearer Token Key Mode is required/);
    expect(await view(app.id)).toEqual(v0);
  });

  it("validates Field Mapping rows with per-row messages", async () => {
    const app = await createApp();
    const v0 = await view(app.id);
    const rows = v0.userMapping;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ userMapping: [...rows, { target: "nickName", type: "field", source: "noSuchField" }] }, new RegExp(`userMapping\\.${rows.length}`)],
      [{ userMapping: [...rows, { target: "title", type: "expression", source: "lower(" }] }, new RegExp(`userMapping\\.${rows.length}`)],
      [{ userMapping: rows.filter((r) => r.target !== "userName") }, /userMapping|matchAttribute/],
      [{ groupMapping: [{ target: "externalId", type: "field", source: "id" }] }, /groupMapping/],
    ];
    for (const [override, key] of cases) {
      const res = await s.call<ErrorBody>("PUT", `${APPS}/${app.id}/provisioning`, validConfig(v0, { bearerToken: "tok-123456789", ...override }));
      expect(res.status, JSON.stringify(override)).toBe(422);
      const keys = Object.keys(res.body.fieldErrors ?? {});
      expect(keys.some((k) => key.test(k)), `${keys.join(",")} ~ ${key}`).toBe(true);
      expect(await view(app.id)).toEqual(v0);
    }
  });

  it("stores the token encrypted, never returns it, and keeps it when the field is left empty", async () => {
    const app = await createApp();
    const v0 = await view(app.id);
    const token = `secret-${Math.random().toString(36).slice(2)}-TAIL`;
    const saveRes = await s.request(`${APPS}/${app.id}/provisioning`, {
      method: "PUT",
      json: validConfig(v0, { bearerToken: token, fullScope: { accounts: true, groups: false } }),
    });
    expect(saveRes.status).toBe(200);
    const text = await saveRes.text();
    expect(text).not.toContain(token);
    const saved = JSON.parse(text) as View;
    expect(saved).toMatchObject({ hasToken: true, scimServerUrl: "https://sso.example.com/scim/v2" });
    expect(saved.tokenMask).toMatch(/TAIL$/);
    expect(saved.tokenMask).not.toContain(token.slice(0, 10));

    const getText = await (await s.request(`${APPS}/${app.id}/provisioning`)).text();
    expect(getText).not.toContain(token);

    const sqlite = new Database(databaseUrl.replace(/^file:/, ""), { readonly: true });
    try {
      const row = sqlite.prepare("SELECT tokenEncrypted, tokenHint FROM ProvisioningConfig WHERE applicationId = ?").get(app.id) as {
        tokenEncrypted: string;
        tokenHint: string;
      };
      expect(row.tokenEncrypted).not.toBe("");
      expect(row.tokenEncrypted).not.toContain(token);
      expect(row.tokenHint).not.toContain(token);
    } finally {
      sqlite.close();
    }

    // Empty token on a later save keeps the saved one.
    const again = await s.call<View>("PUT", `${APPS}/${app.id}/provisioning`, validConfig(saved, { bearerToken: "" }));
    expect(again.status).toBe(200);
    expect(again.body.hasToken).toBe(true);
    expect(again.body.tokenMask).toBe(saved.tokenMask);

    // Errors never echo the token either.
    const rejected = await s.request(`${APPS}/${app.id}/provisioning`, {
      method: "PUT",
      json: validConfig(saved, { bearerToken: `${token} x` }),
    });
    expect(rejected.status).toBe(422);
    expect(await rejected.text()).not.toContain(token);
  });

  it("saves operations, full scope, mapping and matching attribute", async () => {
    const app = await createApp();
    const v0 = await view(app.id);
    const userMapping = [
      ...v0.userMapping,
      { target: "title", type: "constant", source: "Engineer" },
    ];
    const res = await s.call<View>(
      "PUT",
      `${APPS}/${app.id}/provisioning`,
      validConfig(v0, {
        bearerToken: "tok-abcdef-123456",
        operations: ["group.create", "account.create", "account.create"],
        fullScope: { accounts: false, groups: true },
        userMapping,
        matchAttribute: "externalId",
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.operations).toEqual(["account.create", "group.create"]);
    expect(res.body.fullScope).toEqual({ accounts: false, groups: true });
    expect(res.body.userMapping).toContainEqual({ target: "title", type: "constant", source: "Engineer" });
    expect(res.body.matchAttribute).toBe("externalId");
    expect(await view(app.id)).toEqual(res.body);
  });

  it("Full Scope: Push Now is blocked with the reason until an item is saved", async () => {
    const app = await createApp();
    await s.call("PUT", `${APPS}/${app.id}/provisioning/enabled`, { enabled: true });
    const v0 = await view(app.id);
    const on = await s.call<View>("PUT", `${APPS}/${app.id}/provisioning`, validConfig(v0, { bearerToken: "t-1234567890", fullScope: { accounts: true, groups: false } }));
    expect(on.body.pushNowBlockedReason).toBeNull();
    const off = await s.call<View>("PUT", `${APPS}/${app.id}/provisioning`, validConfig(on.body, { fullScope: { accounts: false, groups: false } }));
    expect(off.body.pushNowBlockedReason).toBe(FULL_SCOPE_REASON);
  });

  it("switches provisioning on and off", async () => {
    const app = await createApp();
    const bad = await s.call<ErrorBody>("PUT", `${APPS}/${app.id}/provisioning/enabled`, { enabled: "yes" });
    expect(bad.status).toBe(422);
    expect(bad.body.fieldErrors?.enabled).toBeDefined();
    expect((await view(app.id)).enabled).toBe(false);
    expect((await s.call<View>("PUT", `${APPS}/${app.id}/provisioning/enabled`, { enabled: true })).body.enabled).toBe(true);
    expect((await view(app.id)).enabled).toBe(true);
    expect((await s.call<View>("PUT", `${APPS}/${app.id}/provisioning/enabled`, { enabled: false })).body.enabled).toBe(false);
  });
});

describe("provisioning scope", () => {
  it("saves organizations and groups of the instance; a unit below a selected unit is implied", async () => {
    const app = await createApp();
    const suffix = Math.random().toString(36).slice(2, 8);
    const parent = await s.call<{ id: string }>("POST", `/api/idaas/instances/${I}/units`, { name: `Sales ${suffix}`, parentId: "ou-root" });
    expect(parent.status).toBe(201);
    const child = await s.call<{ id: string }>("POST", `/api/idaas/instances/${I}/units`, { name: `East ${suffix}`, parentId: parent.body.id });
    const other = await s.call<{ id: string }>("POST", `/api/idaas/instances/${I}/units`, { name: `Ops ${suffix}`, parentId: "ou-root" });
    const group = await s.call<{ id: string }>("POST", `/api/idaas/instances/${I}/groups`, { name: `Admins ${suffix}` });
    expect(group.status).toBe(201);

    const options = await s.call<{ units: { id: string; parentId: string | null; name: string }[]; groups: { id: string; name: string }[] }>(
      "GET",
      `${APPS}/${app.id}/provisioning/scope`,
    );
    expect(options.status).toBe(200);
    expect(options.body.units).toContainEqual({ id: child.body.id, parentId: parent.body.id, name: `East ${suffix}` });
    expect(options.body.groups).toContainEqual({ id: group.body.id, name: `Admins ${suffix}` });

    const res = await s.call<View>("PUT", `${APPS}/${app.id}/provisioning/scope`, {
      unitIds: [child.body.id, parent.body.id, other.body.id, parent.body.id],
      groupIds: [group.body.id],
    });
    expect(res.status).toBe(200);
    expect(res.body.scope.unitIds.sort()).toEqual([parent.body.id, other.body.id].sort());
    expect(res.body.scope.groupIds).toEqual([group.body.id]);
  });

  it("rejects unknown ids and malformed bodies and saves nothing", async () => {
    const app = await createApp();
    const v0 = await view(app.id);
    const cases: [unknown, string, RegExp][] = [
      [{ unitIds: ["ou-missing"], groupIds: [] }, "unitIds", /does not exist/],
      [{ unitIds: ["ou-root"], groupIds: ["g-missing"] }, "groupIds", /does not exist/],
      [{ unitIds: "ou-root", groupIds: [] }, "unitIds", /list/],
      [{ unitIds: [] }, "groupIds", /list/],
    ];
    for (const [body, field, message] of cases) {
      const res = await s.call<ErrorBody>("PUT", `${APPS}/${app.id}/provisioning/scope`, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.fieldErrors?.[field]).toMatch(message);
      expect(await view(app.id)).toEqual(v0);
    }
  });
});

describe("mapping preview", () => {
  it("maps a sample directory account with the unsaved rules", async () => {
    const app = await createApp();
    const v0 = await view(app.id);
    const username = `preview.${Math.random().toString(36).slice(2, 8)}`;
    const acc = await s.call<{ id: string }>("POST", `/api/idaas/instances/${I}/accounts`, {
      username,
      displayName: "Preview User",
      email: `${username}@example.com`,
      primaryUnitId: "ou-root",
    });
    expect(acc.status).toBe(201);
    const res = await s.call<{ account: { id: string; username: string } | null; user: Record<string, unknown> | null; fieldErrors: Record<string, string> }>(
      "POST",
      `${APPS}/${app.id}/provisioning/preview`,
      { userMapping: [...v0.userMapping, { target: "title", type: "constant", source: "Tester" }], accountId: acc.body.id },
    );
    expect(res.status).toBe(200);
    expect(res.body.account).toEqual({ id: acc.body.id, username });
    expect(res.body.user).toMatchObject({ userName: username, displayName: "Preview User", title: "Tester" });

    const broken = await s.call<{ user: unknown; fieldErrors: Record<string, string> }>("POST", `${APPS}/${app.id}/provisioning/preview`, {
      userMapping: [{ target: "userName", type: "expression", source: "lower(" }],
    });
    expect(broken.status).toBe(200);
    expect(broken.body.user).toBeNull();
    expect(Object.keys(broken.body.fieldErrors)).toContain("userMapping.0.source");
  });
});

describe("test connectivity preconditions", () => {
  it("tests nothing without a URL and a token, typed or saved, and says which is missing", async () => {
    const app = await createApp();
    const res = await s.call<ErrorBody>("POST", `${APPS}/${app.id}/test-connectivity`, {});
    expect(res.status).toBe(422);
    expect(res.body.error).toBe("Enter the SCIM Server URL to test. Enter the Bearer Token Key Mode to test: no token is saved yet. Nothing was tested.");
    expect(res.body.fieldErrors).toEqual({ scimServerUrl: "SCIM Server URL is required.", bearerToken: "Bearer Token Key Mode is required." });
  });

  it("names an invalid typed URL and tests nothing", async () => {
    const app = await createApp();
    for (const [url, reason] of [
      ["scim/v2", "SCIM Server URL must be a valid URL, e.g. https://example.com/scim/v2."],
      ["ftp://sso.example.com/scim/v2", "SCIM Server URL must start with http:// or https://."],
      ["https://sso.example.com/scim/v2?x=1", "SCIM Server URL must be the SCIM base URL, without a query string or fragment."],
    ]) {
      const res = await s.call<ErrorBody>("POST", `${APPS}/${app.id}/test-connectivity`, { scimServerUrl: url, bearerToken: "typed-token" });
      expect(res.status).toBe(422);
      expect(res.body.error).toBe(`The SCIM Server URL "${url}" is invalid: ${reason} Nothing was tested.`);
      expect(res.body.fieldErrors).toEqual({ scimServerUrl: reason });
    }
    const badToken = await s.call<ErrorBody>("POST", `${APPS}/${app.id}/test-connectivity`, { scimServerUrl: "https://sso.example.com/scim/v2", bearerToken: "has space" });
    expect(badToken.status).toBe(422);
    expect(badToken.body.fieldErrors?.bearerToken).toMatch(/must not contain spaces/);
  });

  it("applies the outbound-safety checks to the typed URL", async () => {
    const app = await createApp();
    const res = await s.call<{ ok: boolean; kind: string; message: string }>("POST", `${APPS}/${app.id}/test-connectivity`, {
      scimServerUrl: "http://169.254.169.254/scim/v2",
      bearerToken: "typed-token",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, kind: "forbidden_address" });
    expect(res.body.message).toMatch(/^http:\/\/169\.254\.169\.254\/scim\/v2 with the token you typed: .*metadata/);
  });
});

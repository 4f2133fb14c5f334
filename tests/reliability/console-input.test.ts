import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type StartedApp } from "../setup/server";
import { signIn, type ConsoleSession } from "../support/console-session";
import { openDb } from "./support/scim-target";

/**
 * Every console create/update endpoint, table-driven: wrong types, missing required fields, values
 * too long, malformed JSON and non-object bodies are answered 400/422 with a message for the field,
 * and the database is byte-for-byte the same afterwards. Each endpoint's valid body is then sent
 * once as a control, so a case that "passes" only because the endpoint rejects everything shows up.
 */
let app: StartedApp;
let s: ConsoleSession;
let db: Database.Database;
const I = "idaas-default";
const IA = `/api/idaas/instances/${I}`;
const ids: Record<string, string> = {};
let cases = 0;

/** Tables a console write can touch; logs and engine bookkeeping are left out on purpose. */
const TABLES = [
  "SsoDirectory",
  "SsoScimCredential",
  "SsoUser",
  "SsoGroup",
  "SsoGroupMember",
  "IdaasOrgUnit",
  "IdaasAccount",
  "IdaasAccountUnit",
  "IdaasGroup",
  "IdaasGroupMember",
  "IdaasApplication",
  "ProvisioningConfig",
  "ProvisioningEvent",
  "ProvisioningTask",
];

function snapshot(): string {
  return JSON.stringify(TABLES.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
}

type Body = Record<string, unknown>;
interface Endpoint {
  name: string;
  method: string;
  path: () => string;
  valid: () => Body;
  /** [what, body overrides (undefined deletes the field), field expected in fieldErrors] */
  invalid: [string, Body, string][];
  /** Statuses the valid control may answer. */
  ok?: number[];
}

const long = (n: number) => "x".repeat(n);
const without = (body: Body, key: string) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== key));

function merge(base: Body, overrides: Body): Body {
  let out = { ...base };
  for (const [k, v] of Object.entries(overrides)) out = v === undefined ? without(out, k) : { ...out, [k]: v };
  return out;
}

const userFieldCases: [string, Body, string][] = [
  ["firstName too long", { firstName: long(65) }, "firstName"],
  ["lastName a number", { lastName: 7 }, "lastName"],
  ["displayName too long", { displayName: long(257) }, "displayName"],
  ["email malformed", { email: "not-an-email" }, "email"],
  ["email too long", { email: `${long(120)}@example.com` }, "email"],
  ["email an array", { email: ["a@example.com"] }, "email"],
  ["description too long", { description: long(1025) }, "description"],
];

const accountCases: [string, Body, string][] = [
  ["username missing", { username: undefined }, "username"],
  ["username empty", { username: "  " }, "username"],
  ["username too long", { username: long(65) }, "username"],
  ["username with spaces", { username: "a b" }, "username"],
  ["username with markup", { username: "<b>x</b>" }, "username"],
  ["username a number", { username: 42 }, "username"],
  ["displayName too long", { displayName: long(257) }, "displayName"],
  ["givenName too long", { givenName: long(65) }, "givenName"],
  ["email malformed", { email: "x@" }, "email"],
  ["phone with letters", { phone: "call me" }, "phone"],
  ["status unknown", { status: "Maybe" }, "status"],
  ["externalId too long", { externalId: long(257) }, "externalId"],
  ["description too long", { description: long(1025) }, "description"],
  ["primaryUnitId missing", { primaryUnitId: undefined }, "primaryUnitId"],
  ["extraUnitIds not a list", { extraUnitIds: "ou-root" }, "extraUnitIds"],
];

function provisioningBody(): Body {
  return {
    scimServerUrl: "https://sso.example.com/scim/v2",
    bearerToken: "console-input-token-0123456789",
    operations: ["account.create"],
    fullScope: { accounts: true, groups: false },
    userMapping: JSON.parse(ids.userMapping),
    groupMapping: JSON.parse(ids.groupMapping),
    matchAttribute: "userName",
  };
}

const ENDPOINTS: Endpoint[] = [
  {
    name: "CloudSSO create user",
    method: "POST",
    path: () => "/api/cloudsso/users",
    valid: () => ({ userName: "valid.user", firstName: "Ada", email: "valid.user@example.com", status: "Enabled" }),
    invalid: [
      ["userName missing", { userName: undefined }, "userName"],
      ["userName too long", { userName: long(65) }, "userName"],
      ["userName with markup", { userName: "<script>" }, "userName"],
      ["userName an object", { userName: { a: 1 } }, "userName"],
      ["userName taken (case-insensitive)", { userName: "EXISTING.user" }, "userName"],
      ["status unknown", { status: "On" }, "status"],
      ...userFieldCases,
    ],
    ok: [201],
  },
  {
    name: "CloudSSO update user",
    method: "PATCH",
    path: () => `/api/cloudsso/users/${ids.ssoUser}`,
    valid: () => ({ displayName: "Existing User" }),
    invalid: userFieldCases,
  },
  {
    name: "CloudSSO user status",
    method: "PUT",
    path: () => `/api/cloudsso/users/${ids.ssoUser}/status`,
    valid: () => ({ status: "Disabled" }),
    invalid: [
      ["status missing", { status: undefined }, "status"],
      ["status lowercase", { status: "disabled" }, "status"],
      ["status boolean", { status: false }, "status"],
    ],
  },
  {
    name: "CloudSSO create group",
    method: "POST",
    path: () => "/api/cloudsso/groups",
    valid: () => ({ name: "valid-group", description: "ok" }),
    invalid: [
      ["name missing", { name: undefined }, "name"],
      ["name too long", { name: long(129) }, "name"],
      ["name with spaces and markup", { name: "<img src=x>" }, "name"],
      ["name a number", { name: 5 }, "name"],
      ["name taken (case-insensitive)", { name: "EXISTING-GROUP" }, "name"],
      ["description too long", { description: long(1025) }, "description"],
    ],
    ok: [201],
  },
  {
    name: "CloudSSO update group",
    method: "PATCH",
    path: () => `/api/cloudsso/groups/${ids.ssoGroup}`,
    valid: () => ({ description: "updated" }),
    invalid: [
      ["name empty", { name: "" }, "name"],
      ["name too long", { name: long(129) }, "name"],
      ["description a list", { description: ["x"] }, "description"],
    ],
  },
  {
    name: "CloudSSO add group members",
    method: "POST",
    path: () => `/api/cloudsso/groups/${ids.ssoGroup}/members`,
    valid: () => ({ userIds: [ids.ssoUser] }),
    invalid: [
      ["userIds missing", { userIds: undefined }, "userIds"],
      ["userIds empty", { userIds: [] }, "userIds"],
      ["userIds a string", { userIds: "u-1" }, "userIds"],
      ["userIds too many", { userIds: Array.from({ length: 101 }, (_, i) => `u-${i}`) }, "userIds"],
      ["userIds unknown user", { userIds: ["u-does-not-exist"] }, "userIds"],
    ],
  },
  {
    name: "CloudSSO SCIM switch",
    method: "PUT",
    path: () => "/api/cloudsso/settings",
    valid: () => ({ enabled: true }),
    invalid: [
      ["enabled a string", { enabled: "yes" }, "enabled"],
      ["enabled missing", { enabled: undefined }, "enabled"],
    ],
  },
  {
    name: "CloudSSO credential status",
    method: "PATCH",
    path: () => `/api/cloudsso/credentials/${ids.credential}`,
    valid: () => ({ status: "Disabled" }),
    invalid: [["status unknown", { status: "Revoked" }, "status"]],
  },
  {
    name: "IDaaS create account",
    method: "POST",
    path: () => `${IA}/accounts`,
    valid: () => ({ username: "valid.account", primaryUnitId: "ou-root", email: "valid.account@example.com" }),
    invalid: [...accountCases, ["username taken (case-insensitive)", { username: "EXISTING.account" }, "username"]],
    ok: [201],
  },
  {
    name: "IDaaS update account",
    method: "PATCH",
    path: () => `${IA}/accounts/${ids.account}`,
    valid: () => ({ username: "existing.account", primaryUnitId: "ou-root", displayName: "Existing" }),
    invalid: accountCases,
  },
  {
    name: "IDaaS account status",
    method: "POST",
    path: () => `${IA}/accounts/${ids.account}/status`,
    valid: () => ({ status: "Disabled" }),
    invalid: [["status unknown", { status: 1 }, "status"]],
  },
  {
    name: "IDaaS move account",
    method: "POST",
    path: () => `${IA}/accounts/${ids.account}/move`,
    valid: () => ({ primaryUnitId: ids.unit }),
    invalid: [
      ["primaryUnitId missing", { primaryUnitId: undefined }, "primaryUnitId"],
      ["primaryUnitId a number", { primaryUnitId: 3 }, "primaryUnitId"],
    ],
  },
  {
    name: "IDaaS create unit",
    method: "POST",
    path: () => `${IA}/units`,
    valid: () => ({ name: "Valid unit", parentId: "ou-root" }),
    invalid: [
      ["name missing", { name: undefined }, "name"],
      ["name blank", { name: "   " }, "name"],
      ["name too long", { name: long(129) }, "name"],
      ["parentId missing", { parentId: undefined }, "parentId"],
      ["parentId an object", { parentId: { id: "ou-root" } }, "parentId"],
    ],
    ok: [201],
  },
  {
    name: "IDaaS rename unit",
    method: "PATCH",
    path: () => `${IA}/units/${ids.unit}`,
    valid: () => ({ name: "Renamed unit" }),
    invalid: [
      ["name empty", { name: "" }, "name"],
      ["name too long", { name: long(129) }, "name"],
    ],
  },
  {
    name: "IDaaS move unit",
    method: "POST",
    path: () => `${IA}/units/${ids.unit}/move`,
    valid: () => ({ parentId: ids.otherUnit }),
    invalid: [["parentId missing", { parentId: undefined }, "parentId"]],
  },
  {
    name: "IDaaS create group",
    method: "POST",
    path: () => `${IA}/groups`,
    valid: () => ({ name: "Valid group" }),
    invalid: [
      ["name missing", { name: undefined }, "name"],
      ["name too long", { name: long(129) }, "name"],
      ["name a boolean", { name: true }, "name"],
      ["name taken (case-insensitive)", { name: "EXISTING GROUP" }, "name"],
      ["description too long", { description: long(1025) }, "description"],
    ],
    ok: [201],
  },
  {
    name: "IDaaS update group",
    method: "PATCH",
    path: () => `${IA}/groups/${ids.group}`,
    valid: () => ({ name: "Existing group", description: "updated" }),
    invalid: [
      ["name empty", { name: "" }, "name"],
      ["description a number", { description: 1 }, "description"],
    ],
  },
  {
    name: "IDaaS add group members",
    method: "POST",
    path: () => `${IA}/groups/${ids.group}/members`,
    valid: () => ({ accountIds: [ids.account] }),
    invalid: [
      ["accountIds empty", { accountIds: [] }, "accountIds"],
      ["accountIds a string", { accountIds: "x" }, "accountIds"],
      ["accountIds too many", { accountIds: Array.from({ length: 101 }, (_, i) => `a-${i}`) }, "accountIds"],
    ],
  },
  {
    name: "IDaaS create application",
    method: "POST",
    path: () => `${IA}/applications`,
    valid: () => ({ templateId: "scim2", name: "Valid app" }),
    invalid: [
      ["name missing", { name: undefined }, "name"],
      ["name too long", { name: long(65) }, "name"],
      ["templateId unknown", { templateId: "okta" }, "templateId"],
      ["templateId missing", { templateId: undefined }, "templateId"],
    ],
    ok: [201],
  },
  {
    name: "IDaaS rename application",
    method: "PATCH",
    path: () => `${IA}/applications/${ids.app}`,
    valid: () => ({ name: "Renamed app" }),
    invalid: [["name blank", { name: " " }, "name"]],
  },
  {
    name: "IDaaS application status",
    method: "PUT",
    path: () => `${IA}/applications/${ids.app}/status`,
    valid: () => ({ status: "Disabled" }),
    invalid: [["status unknown", { status: "Paused" }, "status"]],
  },
  {
    name: "IDaaS save provisioning",
    method: "PUT",
    path: () => `${IA}/applications/${ids.app}/provisioning`,
    valid: provisioningBody,
    invalid: [
      ["scimServerUrl missing", { scimServerUrl: undefined }, "scimServerUrl"],
      ["scimServerUrl not a URL", { scimServerUrl: "sso example com" }, "scimServerUrl"],
      ["scimServerUrl with credentials", { scimServerUrl: "https://u:p@sso.example.com/scim/v2" }, "scimServerUrl"],
      ["scimServerUrl too long", { scimServerUrl: `https://sso.example.com/${long(2100)}` }, "scimServerUrl"],
      ["bearerToken with spaces", { bearerToken: "a b" }, "bearerToken"],
      ["operations unknown", { operations: ["account.explode"] }, "operations.0"],
      ["operations not a list", { operations: "account.create" }, "operations"],
      ["fullScope missing", { fullScope: undefined }, "fullScope"],
      ["fullScope.accounts a string", { fullScope: { accounts: "yes", groups: false } }, "fullScope.accounts"],
      ["userMapping empty", { userMapping: [] }, "userMapping"],
      ["userMapping rule without target", { userMapping: [{ type: "field", source: "username" }] }, "userMapping.0.target"],
      ["matchAttribute unknown", { matchAttribute: "email" }, "matchAttribute"],
    ],
  },
  {
    name: "IDaaS provisioning scope",
    method: "PUT",
    path: () => `${IA}/applications/${ids.app}/provisioning/scope`,
    valid: () => ({ unitIds: ["ou-root"], groupIds: [] }),
    invalid: [
      ["unitIds not a list", { unitIds: "ou-root" }, "unitIds"],
      ["unitIds unknown unit", { unitIds: ["ou-nope"] }, "unitIds"],
      ["groupIds unknown group", { groupIds: ["g-nope"] }, "groupIds"],
      ["groupIds missing", { groupIds: undefined }, "groupIds"],
    ],
  },
  {
    name: "IDaaS provisioning switch",
    method: "PUT",
    path: () => `${IA}/applications/${ids.app}/provisioning/enabled`,
    valid: () => ({ enabled: false }),
    invalid: [["enabled a string", { enabled: "true" }, "enabled"]],
  },
];

/** Non-object and unparseable bodies every endpoint must refuse the same way. */
const MALFORMED: [string, string][] = [
  ["truncated JSON", '{"name": "x"'],
  ["not JSON", "name=x&status=Enabled"],
  ["JSON null", "null"],
  ["JSON array", "[]"],
  ["JSON string", '"hello"'],
  ["JSON number", "42"],
  ["deeply nested", `${"[".repeat(5000)}${"]".repeat(5000)}`],
];

beforeAll(async () => {
  app = await startApp();
  s = await signIn(app.baseUrl);
  db = openDb(app);
  const must = async <T>(method: string, path: string, body?: unknown) => {
    const r = await s.call<T>(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  ids.ssoUser = (await must<{ UserId: string }>("POST", "/api/cloudsso/users", { userName: "existing.user" })).UserId;
  ids.ssoGroup = (await must<{ GroupId: string }>("POST", "/api/cloudsso/groups", { name: "existing-group" })).GroupId;
  ids.credential = (await must<{ CredentialId: string }>("POST", "/api/cloudsso/credentials")).CredentialId;
  ids.unit = (await must<{ id: string }>("POST", `${IA}/units`, { name: "Existing unit", parentId: "ou-root" })).id;
  ids.otherUnit = (await must<{ id: string }>("POST", `${IA}/units`, { name: "Other unit", parentId: "ou-root" })).id;
  ids.account = (await must<{ id: string }>("POST", `${IA}/accounts`, { username: "existing.account", primaryUnitId: "ou-root" })).id;
  ids.group = (await must<{ id: string }>("POST", `${IA}/groups`, { name: "Existing group" })).id;
  ids.app = (await must<{ id: string }>("POST", `${IA}/applications`, { templateId: "cloudsso", name: "Existing app" })).id;
  const view = await must<{ userMapping: unknown; groupMapping: unknown }>("GET", `${IA}/applications/${ids.app}/provisioning`);
  ids.userMapping = JSON.stringify(view.userMapping);
  ids.groupMapping = JSON.stringify(view.groupMapping);
});

afterAll(async () => {
  db?.close();
  await app?.stop();
});

describe("console input validation writes nothing", () => {
  it.each(ENDPOINTS.map((e) => [e.name, e] as const))("%s", async (_name, ep) => {
    const failures: string[] = [];
    const before = snapshot();
    for (const [what, overrides, field] of ep.invalid) {
      const r = await s.call<{ error?: unknown; fieldErrors?: Record<string, string> }>(ep.method, ep.path(), merge(ep.valid(), overrides));
      cases++;
      const message = r.body?.fieldErrors?.[field];
      if (![400, 404, 409, 422].includes(r.status) || typeof r.body?.error !== "string" || typeof message !== "string" || message.length < 5) {
        failures.push(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      }
      if (snapshot() !== before) failures.push(`${what}: the database changed`);
    }
    for (const [what, raw] of MALFORMED) {
      const res = await s.request(ep.path(), { method: ep.method, body: raw, headers: { "content-type": "application/json" } });
      const text = await res.text();
      cases++;
      let body: { error?: unknown } | undefined;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      if (![400, 422].includes(res.status) || typeof body?.error !== "string") failures.push(`${what}: ${res.status} ${text.slice(0, 200)}`);
      if (snapshot() !== before) failures.push(`${what}: the database changed`);
    }
    expect(failures).toEqual([]);

    // Control: the valid body goes through and changes the database.
    const ok = await s.call(ep.method, ep.path(), ep.valid());
    expect(ep.ok ?? [200], JSON.stringify(ok.body)).toContain(ok.status);
    expect(snapshot()).not.toBe(before);
  });

  it("covered every create/update endpoint of both consoles", () => {
    console.log(`[console-input] invalid inputs checked: ${cases} over ${ENDPOINTS.length} endpoints`);
    expect(cases).toBeGreaterThan(200);
  });
});

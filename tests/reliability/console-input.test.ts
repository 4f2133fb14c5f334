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
  "SsoRdFolder",
  "SsoRdAccount",
  "SsoAccessConfiguration",
  "SsoAccessConfigurationPolicy",
  "SsoAccessProvisioning",
  "SsoAccessAssignment",
  "SsoAccessTask",
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

// ── CloudSSO multi-account permissions (issue 13) ──
const POLICY_DOC = (effect: string) => JSON.stringify({ Version: "1", Statement: [{ Effect: effect, Action: "ecs:Describe*", Resource: "*" }] });
const accountId16 = (n: number) => String(9_000_000_000_000_000 + n);
const assignmentKey = () => ({ accountId: ids.rdAccount, principalType: "User", principalId: ids.ssoUser, accessConfigurationId: ids.accessConfig });
/** A well-formed assignment that exists nowhere (the invalid cases are built before the ids exist). */
const unknownKey = { accountId: accountId16(3), principalType: "User", principalId: "u-nope", accessConfigurationId: "ac-nope" };

ENDPOINTS.push(
  {
    name: "CloudSSO create member account",
    method: "POST",
    path: () => "/api/cloudsso/resource-directory/accounts",
    valid: () => ({ displayName: "Valid Account", folderId: ids.rdRoot }),
    invalid: [
      ["displayName missing", { displayName: undefined }, "displayName"],
      ["displayName too short", { displayName: "x" }, "displayName"],
      ["displayName too long", { displayName: long(51) }, "displayName"],
      ["displayName with markup", { displayName: "<script>" }, "displayName"],
      ["displayName taken (case-insensitive)", { displayName: "EXISTING ACCOUNT" }, "displayName"],
      ["folderId unknown", { folderId: "fd-nope" }, "folderId"],
    ],
    ok: [201],
  },
  {
    name: "CloudSSO rename member account",
    method: "PATCH",
    path: () => `/api/cloudsso/resource-directory/accounts/${ids.rdAccount}`,
    valid: () => ({ displayName: "Renamed Account" }),
    invalid: [
      ["displayName empty", { displayName: "" }, "displayName"],
      ["displayName a number", { displayName: 5 }, "displayName"],
    ],
  },
  {
    name: "CloudSSO create access configuration",
    method: "POST",
    path: () => "/api/cloudsso/access-configurations",
    valid: () => ({ name: "ValidConfig", systemPolicies: ["ReadOnlyAccess"], inlinePolicy: { document: POLICY_DOC("Allow") } }),
    invalid: [
      ["name missing", { name: undefined }, "name"],
      ["name with underscore", { name: "Bad_Name" }, "name"],
      ["name too long", { name: long(33) }, "name"],
      ["name taken (case-insensitive)", { name: "EXISTING-CONFIG" }, "name"],
      ["sessionDuration too short", { sessionDuration: 899 }, "sessionDuration"],
      ["sessionDuration too long", { sessionDuration: 43201 }, "sessionDuration"],
      ["sessionDuration not a number", { sessionDuration: "soon" }, "sessionDuration"],
      ["relayState not a console page", { relayState: "javascript:alert(1)" }, "relayState"],
      ["description too long", { description: long(1025) }, "description"],
      ["systemPolicies unknown", { systemPolicies: ["NotAPolicy"] }, "systemPolicies.0"],
      ["systemPolicies a string", { systemPolicies: "ReadOnlyAccess" }, "systemPolicies"],
      ["inline policy not JSON", { inlinePolicy: { document: "{" } }, "inlinePolicy.document"],
      ["inline policy Effect", { inlinePolicy: { document: POLICY_DOC("Permit") } }, "inlinePolicy.document"],
      ["inline policy too long", { inlinePolicy: { document: long(4097) } }, "inlinePolicy.document"],
    ],
    ok: [201],
  },
  {
    name: "CloudSSO update access configuration",
    method: "PATCH",
    path: () => `/api/cloudsso/access-configurations/${ids.accessConfig}`,
    valid: () => ({ description: "updated", sessionDuration: 7200 }),
    invalid: [
      ["name changed", { name: "Renamed" }, "name"],
      ["sessionDuration too short", { sessionDuration: 100 }, "sessionDuration"],
      ["relayState not https", { relayState: "ftp://ecs.console.aliyun.com" }, "relayState"],
      ["description too long", { description: long(1025) }, "description"],
    ],
  },
  {
    name: "CloudSSO add permission policy",
    method: "POST",
    path: () => `/api/cloudsso/access-configurations/${ids.accessConfig}/policies`,
    valid: () => ({ type: "System", name: "AliyunECSReadOnlyAccess" }),
    invalid: [
      ["type unknown", { type: "Custom" }, "type"],
      ["system policy unknown", { name: "NotAPolicy" }, "name"],
      ["system policy already attached", { name: "ReadOnlyAccess" }, "name"],
      ["inline document invalid", { type: "Inline", document: POLICY_DOC("Maybe") }, "document"],
    ],
    ok: [201],
  },
  {
    name: "CloudSSO update inline policy",
    method: "PUT",
    path: () => `/api/cloudsso/access-configurations/${ids.inlineConfig}/policies/Inline/InlinePolicy`,
    valid: () => ({ document: POLICY_DOC("Deny") }),
    invalid: [
      ["document missing", { document: undefined }, "document"],
      ["document not JSON", { document: "nope" }, "document"],
      ["document without statements", { document: JSON.stringify({ Version: "1", Statement: [] }) }, "document"],
    ],
  },
  {
    name: "CloudSSO re-provision",
    method: "POST",
    path: () => `/api/cloudsso/access-configurations/${ids.accessConfig}/provision`,
    valid: () => ({ accountIds: [ids.rdAccount] }),
    invalid: [
      ["accountIds missing", { accountIds: undefined }, "accountIds"],
      ["accountIds empty", { accountIds: [] }, "accountIds"],
      ["accountId not 16 digits", { accountIds: ["12345"] }, "accountIds.0"],
      ["accountId unknown", { accountIds: [accountId16(1)] }, "accountIds"],
    ],
    ok: [202],
  },
  {
    name: "CloudSSO de-provision",
    method: "POST",
    path: () => `/api/cloudsso/access-configurations/${ids.deprovConfig}/deprovision`,
    valid: () => ({ accountId: ids.rdAccount }),
    invalid: [
      ["accountId missing", { accountId: undefined }, "accountId"],
      ["accountId not digits", { accountId: "acct" }, "accountId"],
    ],
    ok: [202],
  },
  {
    name: "CloudSSO create access assignments",
    method: "POST",
    path: () => "/api/cloudsso/access-assignments",
    valid: () => ({ accountIds: [ids.rdAccount], principals: [{ type: "Group", id: ids.ssoGroup }], accessConfigurationIds: [ids.accessConfig] }),
    invalid: [
      ["accountIds empty", { accountIds: [] }, "accountIds"],
      ["accountId malformed", { accountIds: ["123"] }, "accountIds.0"],
      ["accountId unknown", { accountIds: [accountId16(2)] }, "accountIds"],
      ["principals empty", { principals: [] }, "principals"],
      ["principal type unknown", { principals: [{ type: "Robot", id: "x" }] }, "principals.0.type"],
      ["principal unknown", { principals: [{ type: "User", id: "u-nope" }] }, "principals"],
      ["accessConfigurationIds empty", { accessConfigurationIds: [] }, "accessConfigurationIds"],
      ["access configuration unknown", { accessConfigurationIds: ["ac-nope"] }, "accessConfigurationIds"],
      [
        "too many triplets",
        { accountIds: Array.from({ length: 100 }, (_, i) => accountId16(100 + i)), principals: Array.from({ length: 11 }, (_, i) => ({ type: "User", id: `u-${i}` })) },
        "principals",
      ],
    ],
    ok: [202],
  },
  {
    name: "CloudSSO delete access assignments",
    method: "POST",
    path: () => "/api/cloudsso/access-assignments/delete",
    valid: () => ({ assignments: [assignmentKey()], deprovisionStrategy: "None" }),
    invalid: [
      ["assignments empty", { assignments: [] }, "assignments"],
      ["deprovisionStrategy unknown", { deprovisionStrategy: "Always" }, "deprovisionStrategy"],
      ["accountId malformed", { assignments: [{ ...unknownKey, accountId: "abc" }] }, "assignments.0.accountId"],
      ["principalType unknown", { assignments: [{ ...unknownKey, principalType: "Robot" }] }, "assignments.0.principalType"],
      ["assignment unknown", { assignments: [unknownKey] }, "assignments"],
    ],
    ok: [202],
  },
);

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
  // ACCESS_WORKER=off: CloudSSO access tasks stay queued, so no write lands between snapshots.
  app = await startApp({ env: { ACCESS_WORKER: "off" } });
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
  // Multi-account permissions (issue 13). The worker is off (ACCESS_WORKER), so the provisioned
  // state and the assignment the delete endpoint needs are written here directly.
  ids.rdRoot = (await must<{ rootFolderId: string }>("GET", "/api/cloudsso/resource-directory")).rootFolderId;
  ids.rdAccount = (await must<{ accountId: string }>("POST", "/api/cloudsso/resource-directory/accounts", { displayName: "Existing Account", folderId: ids.rdRoot })).accountId;
  ids.accessConfig = (await must<{ id: string }>("POST", "/api/cloudsso/access-configurations", { name: "Existing-Config", systemPolicies: ["ReadOnlyAccess"] })).id;
  ids.inlineConfig = (await must<{ id: string }>("POST", "/api/cloudsso/access-configurations", { name: "Inline-Config", inlinePolicy: { document: POLICY_DOC("Allow") } })).id;
  ids.deprovConfig = (await must<{ id: string }>("POST", "/api/cloudsso/access-configurations", { name: "Deprov-Config" })).id;
  const now = new Date().toISOString().replace("Z", "+00:00");
  db.prepare("INSERT INTO SsoAccessProvisioning (accessConfigurationId, accountId, status, ramRoleName, policiesJson, createdAt, updatedAt) VALUES (?, ?, 'Provisioned', 'AliyunReservedSSO-Deprov-Config', '[]', ?, ?)").run(ids.deprovConfig, ids.rdAccount, now, now);
  db.prepare("INSERT INTO SsoAccessAssignment (id, directoryId, accountId, principalType, principalId, accessConfigurationId, createdAt) VALUES ('aa-console-input', 'd-default', ?, 'User', ?, ?, ?)").run(ids.rdAccount, ids.ssoUser, ids.accessConfig, now);
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

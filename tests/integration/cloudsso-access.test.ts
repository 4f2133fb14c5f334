import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signIn, type ConsoleSession } from "../support/console-session";
import { cloudSsoCli, scimCredentialForFile } from "../support/cloudsso-cli";
import { until } from "../support/until";
import type { Page } from "@/lib/api-handler";
import type {
  AccessConfigurationView,
  AccountDetailView,
  AccountView,
  CreateAssignmentsResult,
  ProvisioningView,
  ResourceDirectoryView,
  TaskView,
  TasksResult,
  UserPermissionView,
} from "@/lib/cloudsso/access/schemas";

/**
 * CloudSSO multi-account permissions over HTTP (issue 13): limits and the inline policy grammar
 * (nothing written on a refusal), idempotent triplets, provisioning into the simulated account,
 * Re-provisioning Required after policy changes only, de-provisioning the last assignment, effective
 * permissions, deleting a user with assignments, and the CLI actions. The shared app starts empty.
 */
const baseUrl = inject("baseUrl");
const cli = cloudSsoCli({ databaseUrl: inject("databaseUrl"), dataDir: inject("dataDir") });
let s: ConsoleSession;
let root = "";
const accounts: AccountView[] = [];
const AC = "/api/cloudsso/access-configurations";
const POLICY = (effect = "Allow") => JSON.stringify({ Version: "1", Statement: [{ Effect: effect, Action: ["ecs:Describe*"], Resource: "*" }] });

async function must<T>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await s.call<T>(method, path, body);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Waits until every task of the batch has ended, and returns them. */
async function settled(batchId: string): Promise<TaskView[]> {
  return until(`batch ${batchId}`, async () => {
    const page = await must<Page<TaskView>>("GET", `/api/cloudsso/tasks?batchId=${batchId}&pageSize=100`);
    return page.items.every((t) => t.status !== "InProgress") && page.items;
  });
}

const configCount = async () => (await must<Page<AccessConfigurationView>>("GET", `${AC}?pageSize=100`)).total;

beforeAll(async () => {
  s = await signIn(baseUrl);
  const rd = await must<ResourceDirectoryView>("GET", "/api/cloudsso/resource-directory");
  root = rd.rootFolderId;
  for (const name of ["Access Prod", "Access Dev", "Access Audit"]) {
    accounts.push(await must<AccountView>("POST", "/api/cloudsso/resource-directory/accounts", { displayName: name, folderId: root }));
  }
});

describe("resource directory", () => {
  it("creates 16-digit member accounts under the root and refuses a duplicate name", async () => {
    expect(accounts.map((a) => a.accountId)).toEqual(accounts.map(() => expect.stringMatching(/^\d{16}$/)));
    expect(accounts[0]).toMatchObject({ folderId: root, folderPath: "Root", type: "ResourceAccount" });
    const dup = await s.call("POST", "/api/cloudsso/resource-directory/accounts", { displayName: "access prod", folderId: root });
    expect(dup.status).toBe(409);
  });
});

describe("access configuration limits", () => {
  it("refuses bad fields with field messages and writes nothing", async () => {
    const before = await configCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "Bad_Name" }, "name"],
      [{ name: "x".repeat(33) }, "name"],
      [{ name: "ok", sessionDuration: 899 }, "sessionDuration"],
      [{ name: "ok", sessionDuration: 43201 }, "sessionDuration"],
      [{ name: "ok", description: "d".repeat(1025) }, "description"],
      [{ name: "ok", systemPolicies: ["NotARealPolicy"] }, "systemPolicies.0"],
      [{ name: "ok", systemPolicies: (await must<{ items: { name: string }[] }>("GET", "/api/cloudsso/system-policies")).items.slice(0, 21).map((p) => p.name) }, "systemPolicies"],
      [{ name: "ok", relayState: "javascript:alert(1)" }, "relayState"],
    ];
    for (const [body, field] of cases) {
      const r = await s.call<{ fieldErrors?: Record<string, string> }>("POST", AC, body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(r.body.fieldErrors?.[field]).toMatch(/\w{5}/);
    }
    expect(await configCount()).toBe(before);
  });

  it("rejects invalid inline policies with a message naming the element, and writes nothing", async () => {
    const before = await configCount();
    const bad: [string, RegExp][] = [
      ["{not json", /not valid JSON/],
      [JSON.stringify({ Version: "2", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }), /Version must be "1"/],
      [JSON.stringify({ Version: "1", Statement: [] }), /at least one statement/],
      [POLICY("Permit"), /Statement\[0\]\.Effect must be "Allow" or "Deny"/],
      [JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Resource: "*" }] }), /Statement\[0\]\.Action is required/],
      [JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "ecs", Resource: "*" }] }), /Statement\[0\]\.Action/],
      [JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "*", Resource: "*", Condition: "x" }] }), /Condition must be an object/],
      [JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "*", Resource: "x".repeat(4100) }] }), /at most 4096 characters/],
    ];
    for (const [document, message] of bad) {
      const r = await s.call<{ fieldErrors?: Record<string, string> }>("POST", AC, { name: "InlineBad", inlinePolicy: { document } });
      expect(r.status).toBe(422);
      expect(r.body.fieldErrors?.["inlinePolicy.document"]).toMatch(message);
    }
    expect(await configCount()).toBe(before);
    // The same check on an existing configuration: the policy list stays as it was.
    const c = await must<AccessConfigurationView>("POST", AC, { name: "InlineHost" });
    const add = await s.call<{ fieldErrors?: Record<string, string> }>("POST", `${AC}/${c.id}/policies`, { type: "Inline", document: POLICY("Maybe") });
    expect(add.status).toBe(422);
    expect(add.body.fieldErrors?.document).toMatch(/Effect/);
    expect((await must<{ items: unknown[] }>("GET", `${AC}/${c.id}/policies`)).items).toEqual([]);
  });

  it("keeps names unique and immutable, allows one inline policy, and 20 system policies", async () => {
    const c = await must<AccessConfigurationView>("POST", AC, { name: "Limits", inlinePolicy: { document: POLICY() } });
    expect(c).toMatchObject({ sessionDuration: 3600, relayState: "", inlinePolicy: { name: "InlinePolicy" } });
    expect((await s.call("POST", AC, { name: "LIMITS" })).status).toBe(409);
    const rename = await s.call<{ fieldErrors?: Record<string, string> }>("PATCH", `${AC}/${c.id}`, { name: "Other" });
    expect(rename.status).toBe(422);
    expect(rename.body.fieldErrors?.name).toMatch(/cannot be changed/);
    expect((await s.call("POST", `${AC}/${c.id}/policies`, { type: "Inline", name: "Second", document: POLICY() })).status).toBe(409);
    const names = (await must<{ items: { name: string }[] }>("GET", "/api/cloudsso/system-policies")).items.map((p) => p.name);
    for (const name of names.slice(0, 20)) await must("POST", `${AC}/${c.id}/policies`, { type: "System", name });
    const over = await s.call<{ error: string }>("POST", `${AC}/${c.id}/policies`, { type: "System", name: names[20] });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatch(/at most 20 system policies/);
    // Delete refuses while policies are attached unless forced.
    expect((await s.call("DELETE", `${AC}/${c.id}`)).status).toBe(409);
    expect((await s.call("DELETE", `${AC}/${c.id}?forceRemovePermissionPolicies=true`)).status).toBe(200);
  });
});

describe("assignments, provisioning and tasks", () => {
  let config: AccessConfigurationView;
  let userId = "";
  let groupId = "";

  beforeAll(async () => {
    config = await must<AccessConfigurationView>("POST", AC, { name: "ReadOnly-IT", systemPolicies: ["ReadOnlyAccess"], inlinePolicy: { document: POLICY() } });
    userId = (await must<{ UserId: string }>("POST", "/api/cloudsso/users", { userName: "access.member" })).UserId;
    groupId = (await must<{ GroupId: string }>("POST", "/api/cloudsso/groups", { name: "access-readers" })).GroupId;
    await must("POST", `/api/cloudsso/groups/${groupId}/members`, { userIds: [userId] });
  });

  it("runs one task per triplet, provisions the role on first assignment, and reports existing triplets", async () => {
    const body = { accountIds: [accounts[0].accountId, accounts[1].accountId], principals: [{ type: "Group", id: groupId }, { type: "User", id: userId }], accessConfigurationIds: [config.id] };
    const first = await s.call<CreateAssignmentsResult>("POST", "/api/cloudsso/access-assignments", body);
    expect(first.status).toBe(202);
    expect(first.body.tasks).toHaveLength(4);
    expect(first.body.existing).toEqual([]);
    const tasks = await settled(first.body.batchId);
    expect(tasks.map((t) => [t.taskType, t.status])).toEqual(tasks.map(() => ["CreateAccessAssignment", "Success"]));
    expect(tasks.every((t) => t.startTime && t.endTime)).toBe(true);

    const again = await must<CreateAssignmentsResult>("POST", "/api/cloudsso/access-assignments", body);
    expect(again.tasks).toEqual([]);
    expect(again.existing).toHaveLength(4);
    const listed = await must<Page<unknown>>("GET", `/api/cloudsso/access-assignments?accessConfigurationId=${config.id}`);
    expect(listed.total).toBe(4);

    const detail = await must<AccountDetailView>("GET", `/api/cloudsso/resource-directory/accounts/${accounts[0].accountId}`);
    expect(detail.ramRoles).toEqual([
      expect.objectContaining({
        roleName: "AliyunReservedSSO-ReadOnly-IT",
        status: "Provisioned",
        policies: [
          { type: "System", name: "ReadOnlyAccess" },
          { type: "Inline", name: "AliyunReservedSSO-ReadOnly-IT-InlinePolicy" },
        ],
      }),
    ]);
    expect(detail.samlProvider?.name).toBe("AliyunReservedSSO-d-default");
    expect(detail.serviceLinkedRole?.name).toBe("AliyunServiceRoleForCloudSSO");

    const perms = await must<{ items: UserPermissionView[] }>("GET", `/api/cloudsso/users/${userId}/permissions`);
    expect(perms.items).toHaveLength(2);
    expect(perms.items[0].via).toEqual([{ type: "User" }, { type: "Group", groupId, groupName: "access-readers" }]);
    const groupTab = await must<{ items: unknown[] }>("GET", `/api/cloudsso/groups/${groupId}/access-assignments`);
    expect(groupTab.items).toHaveLength(2);
    expect((await s.call("DELETE", `/api/cloudsso/resource-directory/accounts/${accounts[0].accountId}`)).status).toBe(409);
  });

  it("marks Re-provisioning Required after a policy change only, and Re-provision clears it", async () => {
    const statuses = async () => (await must<Page<ProvisioningView>>("GET", `${AC}/${config.id}/provisionings`)).items.map((p) => p.status);
    await must("PATCH", `${AC}/${config.id}`, { sessionDuration: 7200, relayState: "https://ecs.console.aliyun.com/", description: "changed" });
    expect(await statuses()).toEqual(["Provisioned", "Provisioned"]);
    await must("POST", `${AC}/${config.id}/policies`, { type: "System", name: "AliyunECSReadOnlyAccess" });
    expect(await statuses()).toEqual(["ReprovisionRequired", "ReprovisionRequired"]);
    expect((await must<AccessConfigurationView>("GET", `${AC}/${config.id}`)).statusNotifications).toEqual(["ReprovisionRequired"]);
    const re = await must<TasksResult>("POST", `${AC}/${config.id}/provision`, { accountIds: [accounts[0].accountId, accounts[1].accountId] });
    expect((await settled(re.batchId)).map((t) => t.status)).toEqual(["Success", "Success"]);
    expect(await statuses()).toEqual(["Provisioned", "Provisioned"]);
    const detail = await must<AccountDetailView>("GET", `/api/cloudsso/resource-directory/accounts/${accounts[1].accountId}`);
    expect(detail.ramRoles[0].policies.map((p) => p.name)).toContain("AliyunECSReadOnlyAccess");
    // Inline update / delete mark it again.
    await must("PUT", `${AC}/${config.id}/policies/Inline/InlinePolicy`, { document: POLICY("Deny") });
    expect(await statuses()).toEqual(["ReprovisionRequired", "ReprovisionRequired"]);
  });

  it("deleting a user removes its direct assignments; the group keeps its own", async () => {
    const other = (await must<{ UserId: string }>("POST", "/api/cloudsso/users", { userName: "access.leaver" })).UserId;
    const r = await must<CreateAssignmentsResult>("POST", "/api/cloudsso/access-assignments", {
      accountIds: [accounts[2].accountId],
      principals: [{ type: "User", id: other }],
      accessConfigurationIds: [config.id],
    });
    await settled(r.batchId);
    expect((await must<Page<unknown>>("GET", `/api/cloudsso/access-assignments?principalId=${other}`)).total).toBe(1);
    expect((await s.call("DELETE", `/api/cloudsso/users/${other}`)).status).toBe(200);
    expect((await must<Page<unknown>>("GET", `/api/cloudsso/access-assignments?principalId=${other}`)).total).toBe(0);
    expect((await must<Page<unknown>>("GET", `/api/cloudsso/access-assignments?principalId=${groupId}`)).total).toBe(2);
  });

  it("removing the last assignment with DeprovisionForLastAccessAssignmentOnAccount de-provisions", async () => {
    const onAccount = (await must<Page<{ principalType: string; principalId: string }>>("GET", `/api/cloudsso/access-assignments?accountId=${accounts[2].accountId}`)).items;
    expect(onAccount).toEqual([]);
    // accounts[2] kept the provisioning after the user's deletion (strategy None); de-provision it.
    const dep = await must<TasksResult>("POST", `${AC}/${config.id}/deprovision`, { accountId: accounts[2].accountId });
    expect((await settled(dep.batchId))[0]).toMatchObject({ taskType: "DeprovisionAccessConfiguration", status: "Success" });
    const del = await must<TasksResult>("POST", "/api/cloudsso/access-assignments/delete", {
      assignments: [
        { accountId: accounts[1].accountId, principalType: "Group", principalId: groupId, accessConfigurationId: config.id },
        { accountId: accounts[1].accountId, principalType: "User", principalId: userId, accessConfigurationId: config.id },
      ],
      deprovisionStrategy: "DeprovisionForLastAccessAssignmentOnAccount",
    });
    expect((await settled(del.batchId)).map((t) => t.status)).toEqual(["Success", "Success"]);
    const left = (await must<Page<ProvisioningView>>("GET", `${AC}/${config.id}/provisionings`)).items.map((p) => p.accountId);
    expect(left).toEqual([accounts[0].accountId]);
    expect((await must<AccountDetailView>("GET", `/api/cloudsso/resource-directory/accounts/${accounts[1].accountId}`)).ramRoles).toEqual([]);
  });
});

describe("SCIM users and groups", () => {
  const credential = scimCredentialForFile(cli);
  afterAll(() => {
    cli("SetSCIMSynchronizationStatus", "--status", "Disabled");
  });

  const scim = async (method: string, p: string, body?: unknown) => {
    const send = () =>
      fetch(`${baseUrl}/scim/v2${p}`, {
        method,
        headers: { authorization: `Bearer ${credential.secret}`, "content-type": "application/scim+json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    // After the CLI's seconds of silence the kept-alive socket may be closed by the server: once more.
    const res = await send().catch((err: { cause?: { code?: string } }) => {
      if (err.cause?.code !== "UND_ERR_SOCKET") throw err;
      return send();
    });
    return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as { id: string }) };
  };

  it("a SCIM-disabled user keeps its assignments; SCIM DELETE of a user or group removes them", async () => {
    const config = await must<AccessConfigurationView>("POST", AC, { name: "ScimAccess", systemPolicies: ["ReadOnlyAccess"] });
    const user = await scim("POST", "/Users", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "scim.access@example.com", active: true });
    const group = await scim("POST", "/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "scim-access", members: [{ value: user.body!.id }] });
    expect([user.status, group.status]).toEqual([201, 201]);
    const r = await must<CreateAssignmentsResult>("POST", "/api/cloudsso/access-assignments", {
      accountIds: [accounts[2].accountId],
      principals: [{ type: "User", id: user.body!.id }, { type: "Group", id: group.body!.id }],
      accessConfigurationIds: [config.id],
    });
    expect((await settled(r.batchId)).map((t) => t.status)).toEqual(["Success", "Success"]);
    const count = async () => (await must<Page<unknown>>("GET", `/api/cloudsso/access-assignments?accessConfigurationId=${config.id}`)).total;

    const disabled = await scim("PATCH", `/Users/${user.body!.id}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: false }] });
    expect(disabled.status).toBe(200);
    expect(await count()).toBe(2);
    expect((await scim("DELETE", `/Users/${user.body!.id}`)).status).toBe(204);
    expect(await count()).toBe(1);
    expect((await scim("DELETE", `/Groups/${group.body!.id}`)).status).toBe(204);
    expect(await count()).toBe(0);
  });
});

describe("CLI", () => {
  it("creates, lists, assigns, provisions and reports tasks with the console's validation", async () => {
    const user = await must<{ UserId: string }>("POST", "/api/cloudsso/users", { userName: "cli.access" });
    expect(() => cli("CreateAccessConfiguration", "--access-configuration-name", "bad name")).toThrow(/letters, digits and hyphens/);
    const created = cli("CreateAccessConfiguration", "--access-configuration-name", "CliOps", "--system-policy", "AliyunECSReadOnlyAccess") as {
      AccessConfiguration: { AccessConfigurationId: string };
    };
    const id = created.AccessConfiguration.AccessConfigurationId;
    cli("AddPermissionPolicyToAccessConfiguration", "--access-configuration-id", id, "--permission-policy-type", "System", "--permission-policy-name", "AliyunOSSReadOnlyAccess");
    const listed = cli("ListAccessConfigurations") as { AccessConfigurations: { AccessConfigurationName: string; PermissionPolicies: unknown[] }[] };
    expect(listed.AccessConfigurations.find((c) => c.AccessConfigurationName === "CliOps")?.PermissionPolicies).toHaveLength(2);
    const task = cli("CreateAccessAssignment", "--access-configuration-id", id, "--target-id", accounts[0].accountId, "--principal-type", "User", "--principal-id", user.UserId) as {
      TaskStatus: { TaskId: string };
    };
    // The running server's worker picks up the CLI's task.
    await until("CLI task", async () => (cli("GetTaskStatus", "--task-id", task.TaskStatus.TaskId) as { TaskStatus: { Status: string } }).TaskStatus.Status === "Success");
    const assigned = cli("ListAccessAssignments", "--principal-id", user.UserId) as { AccessAssignments: { TargetId: string }[] };
    expect(assigned.AccessAssignments.map((a) => a.TargetId)).toEqual([accounts[0].accountId]);
    const prov = cli("ProvisionAccessConfiguration", "--access-configuration-id", id, "--target-id", accounts[0].accountId) as { TaskStatus: { TaskId: string; TaskType: string } };
    expect(prov.TaskStatus.TaskType).toBe("ProvisionAccessConfiguration");
    const tasks = cli("ListTasks") as { Tasks: { TaskId: string }[] };
    expect(tasks.Tasks.map((t) => t.TaskId)).toContain(prov.TaskStatus.TaskId);
    expect(() => cli("ListTasks", "--status", "Done")).toThrow(/InProgress, Success or Failed/);
  });
});

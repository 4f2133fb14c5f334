/**
 * CloudSSO admin CLI mirroring the CloudSSO OpenAPI actions trainers script against.
 * Usage: npm run cloudsso -- <Action> [--flag value] [--json]
 * Works while the server runs: it opens the same SQLite database (WAL) via DATABASE_URL.
 */
import { ensurePragmas } from "@/lib/db";
import { getScimStatus, setScimStatus, ensureDefaultDirectory } from "@/lib/cloudsso/directory";
import {
  createCredential,
  deleteCredential,
  listCredentials,
  setCredentialStatus,
} from "@/lib/cloudsso/credentials";
import { DomainError } from "@/lib/errors";
import { z } from "zod";
import { addPermissionPolicy, createAccessConfiguration, listAccessConfigurations } from "@/lib/cloudsso/access/access-configurations";
import { createAssignments, listAssignments, provisionAccessConfiguration } from "@/lib/cloudsso/access/assignments";
import { getTask, listTasks } from "@/lib/cloudsso/access/tasks";
import {
  addPermissionPolicySchema,
  assignmentFilterSchema,
  createAccessConfigurationSchema,
  createAssignmentsSchema,
  provisionSchema,
  taskFilterSchema,
  type AccessConfigurationView,
  type TaskView,
} from "@/lib/cloudsso/access/schemas";

type Flags = Record<string, string | true>;

function parseArgs(argv: string[]): { action: string; flags: Flags } {
  const [action = "help", ...rest] = argv;
  const flags: Flags = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith("--")) throw new UsageError(`Unexpected argument "${arg}".`);
    const [name, inline] = arg.slice(2).split("=", 2);
    if (inline !== undefined) flags[name] = inline;
    else if (rest[i + 1] !== undefined && !rest[i + 1].startsWith("--")) flags[name] = rest[++i];
    else flags[name] = true;
  }
  return { action, flags };
}

class UsageError extends Error {}

function requireFlag(flags: Flags, name: string): string {
  const v = flags[name];
  if (typeof v !== "string" || v === "") throw new UsageError(`--${name} is required.`);
  return v;
}

function optionalFlag(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  return typeof v === "string" ? v : undefined;
}

/** OpenAPI-style output names (CloudSSO 2021-05-15). */
function accessConfigurationOut(c: AccessConfigurationView) {
  return {
    AccessConfigurationId: c.id,
    AccessConfigurationName: c.name,
    Description: c.description,
    SessionDuration: c.sessionDuration,
    RelayState: c.relayState,
    PermissionPolicies: [...c.systemPolicies.map((name) => ({ PermissionPolicyType: "System", PermissionPolicyName: name })), ...(c.inlinePolicy ? [{ PermissionPolicyType: "Inline", PermissionPolicyName: c.inlinePolicy.name }] : [])],
    StatusNotifications: c.statusNotifications,
    CreateTime: c.createdAt,
    UpdateTime: c.updatedAt,
  };
}

function taskOut(t: TaskView) {
  return {
    TaskId: t.taskId,
    TaskType: t.taskType,
    Status: t.status,
    FailureReason: t.failureReason,
    TargetType: "RD-Account",
    TargetId: t.accountId,
    TargetName: t.accountName,
    AccessConfigurationId: t.accessConfigurationId,
    AccessConfigurationName: t.accessConfigurationName,
    PrincipalType: t.principalType,
    PrincipalId: t.principalId,
    PrincipalName: t.principalName,
    StartTime: t.startTime,
    EndTime: t.endTime,
  };
}

function statusFlag(flags: Flags): "Enabled" | "Disabled" {
  const v = requireFlag(flags, "status");
  if (v !== "Enabled" && v !== "Disabled") throw new UsageError(`--status must be Enabled or Disabled, got "${v}".`);
  return v;
}

const HELP = `CloudSSO admin CLI

  SetSCIMSynchronizationStatus --status Enabled|Disabled
  GetSCIMSynchronizationStatus
  CreateSCIMServerCredential            (prints the secret once; --json for machine output)
  ListSCIMServerCredentials
  UpdateSCIMServerCredentialStatus --credential-id <id> --status Enabled|Disabled
  DeleteSCIMServerCredential --credential-id <id>

  CreateAccessConfiguration --access-configuration-name <name> [--session-duration <s>] [--relay-state <url>]
      [--description <text>] [--system-policy <name>[,<name>…]] [--inline-policy-document <json>]
  ListAccessConfigurations
  AddPermissionPolicyToAccessConfiguration --access-configuration-id <id> --permission-policy-type System|Inline
      --permission-policy-name <name> [--inline-policy-document <json>]
  CreateAccessAssignment --access-configuration-id <id> --target-id <accountId> --principal-type User|Group --principal-id <id>
  ListAccessAssignments [--target-id <accountId>] [--principal-type User|Group] [--principal-id <id>] [--access-configuration-id <id>]
  ProvisionAccessConfiguration --access-configuration-id <id> --target-id <accountId>
  ListTasks [--status InProgress|Success|Failed]
  GetTaskStatus --task-id <id>

Options: --directory-id <id> (default: the console's directory), --json`;

async function run(action: string, flags: Flags): Promise<unknown> {
  const directoryId = typeof flags["directory-id"] === "string" ? flags["directory-id"] : undefined;
  switch (action) {
    case "SetSCIMSynchronizationStatus": {
      const enabled = statusFlag(flags) === "Enabled";
      await setScimStatus(enabled, directoryId);
      return { SCIMSynchronizationStatus: enabled ? "Enabled" : "Disabled" };
    }
    case "GetSCIMSynchronizationStatus":
      return { SCIMSynchronizationStatus: (await getScimStatus(directoryId)) ? "Enabled" : "Disabled" };
    case "CreateSCIMServerCredential":
      return createCredential(directoryId);
    case "ListSCIMServerCredentials":
      return { SCIMServerCredentials: await listCredentials(directoryId) };
    case "UpdateSCIMServerCredentialStatus":
      return setCredentialStatus(requireFlag(flags, "credential-id"), statusFlag(flags), directoryId);
    case "DeleteSCIMServerCredential":
      await deleteCredential(requireFlag(flags, "credential-id"), directoryId);
      return { Deleted: requireFlag(flags, "credential-id") };
    case "CreateAccessConfiguration": {
      const policies = optionalFlag(flags, "system-policy");
      const inline = optionalFlag(flags, "inline-policy-document");
      const data = createAccessConfigurationSchema.parse({
        name: optionalFlag(flags, "access-configuration-name") ?? "",
        sessionDuration: optionalFlag(flags, "session-duration"),
        relayState: optionalFlag(flags, "relay-state"),
        description: optionalFlag(flags, "description"),
        systemPolicies: policies ? policies.split(",").map((p) => p.trim()) : [],
        inlinePolicy: inline !== undefined ? { document: inline } : undefined,
      });
      return { AccessConfiguration: accessConfigurationOut(await createAccessConfiguration(data, directoryId)) };
    }
    case "ListAccessConfigurations": {
      const page = await listAccessConfigurations({ page: 1, pageSize: 1000 }, directoryId);
      return { AccessConfigurations: page.items.map(accessConfigurationOut), TotalCounts: page.total };
    }
    case "AddPermissionPolicyToAccessConfiguration": {
      const data = addPermissionPolicySchema.parse({
        type: optionalFlag(flags, "permission-policy-type"),
        name: optionalFlag(flags, "permission-policy-name"),
        document: optionalFlag(flags, "inline-policy-document"),
      });
      return { AccessConfiguration: accessConfigurationOut(await addPermissionPolicy(requireFlag(flags, "access-configuration-id"), data, directoryId)) };
    }
    case "CreateAccessAssignment": {
      const data = createAssignmentsSchema.parse({
        accountIds: [optionalFlag(flags, "target-id") ?? ""],
        principals: [{ type: optionalFlag(flags, "principal-type"), id: optionalFlag(flags, "principal-id") ?? "" }],
        accessConfigurationIds: [optionalFlag(flags, "access-configuration-id") ?? ""],
      });
      const result = await createAssignments(data, directoryId);
      if (result.existing.length > 0) throw new DomainError("The access assignment already exists.", 409);
      return { TaskStatus: taskOut(result.tasks[0]) };
    }
    case "ListAccessAssignments": {
      const filter = assignmentFilterSchema.parse({
        accountId: optionalFlag(flags, "target-id"),
        principalType: optionalFlag(flags, "principal-type"),
        principalId: optionalFlag(flags, "principal-id"),
        accessConfigurationId: optionalFlag(flags, "access-configuration-id"),
      });
      const page = await listAssignments({ page: 1, pageSize: 1000, ...filter }, directoryId);
      return {
        AccessAssignments: page.items.map((a) => ({
          TargetType: a.targetType,
          TargetId: a.accountId,
          TargetName: a.accountName,
          TargetPathName: a.folderPath,
          PrincipalType: a.principalType,
          PrincipalId: a.principalId,
          PrincipalName: a.principalName,
          AccessConfigurationId: a.accessConfigurationId,
          AccessConfigurationName: a.accessConfigurationName,
          CreateTime: a.createdAt,
        })),
        TotalCounts: page.total,
      };
    }
    case "ProvisionAccessConfiguration": {
      const { accountIds } = provisionSchema.parse({ accountIds: [optionalFlag(flags, "target-id") ?? ""] });
      const result = await provisionAccessConfiguration(requireFlag(flags, "access-configuration-id"), accountIds, directoryId);
      return { TaskStatus: taskOut(result.tasks[0]) };
    }
    case "ListTasks": {
      const filter = taskFilterSchema.parse({ status: optionalFlag(flags, "status") });
      const page = await listTasks({ page: 1, pageSize: 1000, ...filter }, directoryId);
      return { Tasks: page.items.map(taskOut), TotalCounts: page.total };
    }
    case "GetTaskStatus":
      return { TaskStatus: taskOut(await getTask(requireFlag(flags, "task-id"), directoryId)) };
    case "help":
    case "--help":
      console.log(HELP);
      return undefined;
    default:
      throw new UsageError(`Unknown action "${action}".\n\n${HELP}`);
  }
}

function printHuman(action: string, result: unknown) {
  if (action === "CreateSCIMServerCredential") {
    const r = result as { CredentialId: string; CredentialSecret: string; ExpireTime: string };
    console.log(`SCIM credential ${r.CredentialId} created (expires ${r.ExpireTime}).`);
    console.log(`Secret (shown only once — copy it now): ${r.CredentialSecret}`);
    return;
  }
  if (action === "ListSCIMServerCredentials") {
    const rows = (result as { SCIMServerCredentials: Record<string, string>[] }).SCIMServerCredentials;
    if (rows.length === 0) console.log("No SCIM credentials.");
    for (const r of rows) console.log(`${r.CredentialId}\t${r.CredentialType}\t${r.Status}\tcreated ${r.CreateTime}\texpires ${r.ExpireTime}`);
    return;
  }
  for (const [k, v] of Object.entries(result as Record<string, unknown>)) console.log(`${k}: ${typeof v === "object" && v !== null ? JSON.stringify(v, null, 2) : v}`);
}

/**
 * The CLI writes while the server runs: a transaction that read before another process wrote gets
 * SQLITE_BUSY_SNAPSHOT at its first write (WAL). Every action is one transaction (all or nothing),
 * so it is run again.
 */
async function retryWhileBusy<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const { code, meta } = (err ?? {}) as { code?: unknown; meta?: unknown };
      const busy = (typeof code === "string" && code.startsWith("SQLITE_BUSY")) || JSON.stringify(meta ?? {}).includes("SQLITE_BUSY");
      if (!busy || attempt >= 10) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
    }
  }
}

async function main() {
  const { action, flags } = parseArgs(process.argv.slice(2));
  await ensurePragmas();
  await ensureDefaultDirectory();
  const result = await retryWhileBusy(() => run(action, flags));
  if (result === undefined) return;
  if (flags.json) console.log(JSON.stringify(result));
  else printHuman(action, result);
}

main().then(
  () => process.exit(0),
  (err) => {
    if (err instanceof z.ZodError) {
      // The console's 422: the same schema, the same field messages.
      console.error("Error: Some fields are invalid.");
      for (const issue of err.issues) console.error(`  ${issue.path.join(".") || "_"}: ${issue.message}`);
    } else if (err instanceof UsageError || err instanceof DomainError) {
      console.error(`Error: ${err.message}`);
      for (const [field, message] of Object.entries(err instanceof DomainError ? (err.fieldErrors ?? {}) : {})) console.error(`  ${field}: ${message}`);
    } else console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);

import "server-only";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Page } from "@/lib/api-handler";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_DIRECTORY_ID } from "../directory";
import { findAccessConfiguration } from "./access-configurations";
import { findAccount, folderPaths } from "./resource-directory";
import { enqueueTasks, type NewTask } from "./tasks";
import { wakeAccessWorker } from "./wake";
import type {
  AssignmentKey,
  AssignmentView,
  CreateAssignmentsData,
  CreateAssignmentsResult,
  DeleteAssignmentsData,
  PrincipalType,
  TasksResult,
} from "./schemas";

/**
 * Access assignments (principal × account × access configuration). Every change is an async task
 * per triplet: the routes write the tasks, the worker applies them. A triplet that already exists is
 * reported under `existing` and gets no task.
 */

type AssignmentRow = Prisma.SsoAccessAssignmentGetPayload<object>;

/** An unknown ID in the request: a 422 on the form field that named it. */
const invalid = (field: string, message: string) => new ValidationError(message, { [field]: message });

const tripletKey = (k: { accountId: string; principalType: string; principalId: string; accessConfigurationId: string }) =>
  `${k.accountId}|${k.principalType}|${k.principalId}|${k.accessConfigurationId}`;

export interface PrincipalInfo {
  name: string;
  provisioningType: string;
}

/** Names of users and groups by `${type}|${id}` (absent ones are left out). */
export async function principalNames(keys: { type: string; id: string }[], directoryId = DEFAULT_DIRECTORY_ID, tx: Prisma.TransactionClient = db): Promise<Map<string, PrincipalInfo>> {
  const userIds = [...new Set(keys.filter((k) => k.type === "User").map((k) => k.id))];
  const groupIds = [...new Set(keys.filter((k) => k.type === "Group").map((k) => k.id))];
  const [users, groups] = await Promise.all([
    userIds.length ? tx.ssoUser.findMany({ where: { directoryId, id: { in: userIds } }, select: { id: true, userName: true, provisioningType: true } }) : [],
    groupIds.length ? tx.ssoGroup.findMany({ where: { directoryId, id: { in: groupIds } }, select: { id: true, name: true, provisioningType: true } }) : [],
  ]);
  const out = new Map<string, PrincipalInfo>();
  for (const u of users) out.set(`User|${u.id}`, { name: u.userName, provisioningType: u.provisioningType });
  for (const g of groups) out.set(`Group|${g.id}`, { name: g.name, provisioningType: g.provisioningType });
  return out;
}

async function assignmentViews(rows: AssignmentRow[], directoryId: string): Promise<AssignmentView[]> {
  const [names, paths, accounts, configs] = await Promise.all([
    principalNames(rows.map((r) => ({ type: r.principalType, id: r.principalId })), directoryId),
    folderPaths(directoryId),
    db.ssoRdAccount.findMany({ where: { accountId: { in: [...new Set(rows.map((r) => r.accountId))] } } }),
    db.ssoAccessConfiguration.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.accessConfigurationId))] } }, select: { id: true, name: true } }),
  ]);
  const accountById = new Map(accounts.map((a) => [a.accountId, a]));
  const configName = new Map(configs.map((c) => [c.id, c.name]));
  return rows.map((r) => {
    const a = accountById.get(r.accountId);
    const p = names.get(`${r.principalType}|${r.principalId}`);
    return {
      accountId: r.accountId,
      accountName: a?.displayName ?? "",
      folderPath: a ? (paths.get(a.folderId) ?? "") : "",
      targetType: "RD-Account",
      principalType: r.principalType as PrincipalType,
      principalId: r.principalId,
      principalName: p?.name ?? r.principalId,
      principalProvisioningType: p?.provisioningType ?? "Manual",
      accessConfigurationId: r.accessConfigurationId,
      accessConfigurationName: configName.get(r.accessConfigurationId) ?? "",
      createdAt: r.createdAt.toISOString(),
    };
  });
}

export async function listAssignments(
  opts: { page: number; pageSize: number; accountId?: string; principalType?: PrincipalType; principalId?: string; accessConfigurationId?: string },
  directoryId = DEFAULT_DIRECTORY_ID,
): Promise<Page<AssignmentView>> {
  const where: Prisma.SsoAccessAssignmentWhereInput = {
    directoryId,
    ...(opts.accountId ? { accountId: opts.accountId } : {}),
    ...(opts.principalType ? { principalType: opts.principalType } : {}),
    ...(opts.principalId ? { principalId: opts.principalId } : {}),
    ...(opts.accessConfigurationId ? { accessConfigurationId: opts.accessConfigurationId } : {}),
  };
  const [total, rows] = await Promise.all([
    db.ssoAccessAssignment.count({ where }),
    db.ssoAccessAssignment.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip: (opts.page - 1) * opts.pageSize, take: opts.pageSize }),
  ]);
  return { items: await assignmentViews(rows, directoryId), total, page: opts.page, pageSize: opts.pageSize };
}

export async function groupAssignments(groupId: string, directoryId = DEFAULT_DIRECTORY_ID): Promise<{ items: AssignmentView[] }> {
  if (!(await db.ssoGroup.findFirst({ where: { id: groupId, directoryId }, select: { id: true } }))) throw new NotFoundError(`Group ${groupId} does not exist.`);
  const rows = await db.ssoAccessAssignment.findMany({ where: { directoryId, principalType: "Group", principalId: groupId }, orderBy: { createdAt: "asc" } });
  return { items: await assignmentViews(rows, directoryId) };
}

export async function createAssignments(data: CreateAssignmentsData, directoryId = DEFAULT_DIRECTORY_ID): Promise<CreateAssignmentsResult> {
  const accountIds = [...new Set(data.accountIds)];
  const configIds = [...new Set(data.accessConfigurationIds)];
  const principals = [...new Map(data.principals.map((p) => [`${p.type}|${p.id}`, p])).values()];
  const result = await db.$transaction(async (tx) => {
    const accounts = await tx.ssoRdAccount.findMany({ where: { directoryId, accountId: { in: accountIds } } });
    const missingAccount = accountIds.find((id) => !accounts.some((a) => a.accountId === id));
    if (missingAccount) throw invalid("accountIds", `Account ${missingAccount} does not exist in the resource directory.`);
    const configs = await tx.ssoAccessConfiguration.findMany({ where: { directoryId, id: { in: configIds } }, select: { id: true, name: true } });
    const missingConfig = configIds.find((id) => !configs.some((c) => c.id === id));
    if (missingConfig) throw invalid("accessConfigurationIds", `Access configuration ${missingConfig} does not exist.`);
    const names = await principalNames(principals, directoryId, tx);
    const missingPrincipal = principals.find((p) => !names.has(`${p.type}|${p.id}`));
    if (missingPrincipal) throw invalid("principals", `${missingPrincipal.type} ${missingPrincipal.id} does not exist.`);
    const present = await tx.ssoAccessAssignment.findMany({
      where: { accountId: { in: accountIds }, accessConfigurationId: { in: configIds }, principalId: { in: principals.map((p) => p.id) } },
    });
    const presentKeys = new Set(present.map(tripletKey));
    const existing: AssignmentKey[] = [];
    const tasks: NewTask[] = [];
    for (const a of accounts)
      for (const c of configs)
        for (const p of principals) {
          const key = { accountId: a.accountId, principalType: p.type, principalId: p.id, accessConfigurationId: c.id };
          if (presentKeys.has(tripletKey(key))) existing.push(key);
          else
            tasks.push({
              taskType: "CreateAccessAssignment",
              accountId: a.accountId,
              accountName: a.displayName,
              accessConfigurationId: c.id,
              accessConfigurationName: c.name,
              principalType: p.type,
              principalId: p.id,
              principalName: names.get(`${p.type}|${p.id}`)!.name,
            });
        }
    const batch = await enqueueTasks(tx, tasks, directoryId);
    return { ...batch, existing };
  });
  if (result.tasks.length) wakeAccessWorker();
  return result;
}

export async function deleteAssignments(data: DeleteAssignmentsData, directoryId = DEFAULT_DIRECTORY_ID): Promise<TasksResult> {
  const keys = [...new Map(data.assignments.map((k) => [tripletKey(k), k])).values()];
  const result = await db.$transaction(async (tx) => {
    // In chunks: SQLite limits an expression's depth, and a long OR is a deep one.
    const rows = [];
    for (let i = 0; i < keys.length; i += 100) {
      rows.push(
        ...(await tx.ssoAccessAssignment.findMany({
          where: { directoryId, OR: keys.slice(i, i + 100).map((k) => ({ accountId: k.accountId, principalType: k.principalType, principalId: k.principalId, accessConfigurationId: k.accessConfigurationId })) },
          include: { account: { select: { displayName: true } }, accessConfiguration: { select: { name: true } } },
        })),
      );
    }
    if (rows.length === 0) throw invalid("assignments", "The access assignments do not exist.");
    const names = await principalNames(rows.map((r) => ({ type: r.principalType, id: r.principalId })), directoryId, tx);
    return enqueueTasks(
      tx,
      rows.map((r) => ({
        taskType: "DeleteAccessAssignment",
        accountId: r.accountId,
        accountName: r.account.displayName,
        accessConfigurationId: r.accessConfigurationId,
        accessConfigurationName: r.accessConfiguration.name,
        principalType: r.principalType as PrincipalType,
        principalId: r.principalId,
        principalName: names.get(`${r.principalType}|${r.principalId}`)?.name ?? r.principalId,
        deprovisionStrategy: data.deprovisionStrategy,
      })),
      directoryId,
    );
  });
  wakeAccessWorker();
  return result;
}

/** Re-provision: one ProvisionAccessConfiguration task per account. */
export async function provisionAccessConfiguration(id: string, accountIds: string[], directoryId = DEFAULT_DIRECTORY_ID): Promise<TasksResult> {
  const result = await db.$transaction(async (tx) => {
    const c = await findAccessConfiguration(id, directoryId, tx);
    const tasks: NewTask[] = [];
    const accounts = await tx.ssoRdAccount.findMany({ where: { directoryId, accountId: { in: accountIds } } });
    for (const accountId of new Set(accountIds)) {
      const a = accounts.find((x) => x.accountId === accountId);
      if (!a) throw invalid("accountIds", `Account ${accountId} does not exist in the resource directory.`);
      tasks.push({ taskType: "ProvisionAccessConfiguration", accountId, accountName: a.displayName, accessConfigurationId: id, accessConfigurationName: c.name });
    }
    return enqueueTasks(tx, tasks, directoryId);
  });
  wakeAccessWorker();
  return result;
}

export async function deprovisionAccessConfiguration(id: string, accountId: string, directoryId = DEFAULT_DIRECTORY_ID): Promise<TasksResult> {
  const result = await db.$transaction(async (tx) => {
    const c = await findAccessConfiguration(id, directoryId, tx);
    const a = await findAccount(accountId, directoryId, tx);
    if (!(await tx.ssoAccessProvisioning.findUnique({ where: { accessConfigurationId_accountId: { accessConfigurationId: id, accountId } } }))) {
      throw new NotFoundError(`The access configuration ${c.name} is not provisioned on account ${a.displayName}.`);
    }
    if (await tx.ssoAccessAssignment.count({ where: { accessConfigurationId: id, accountId } })) {
      throw new ConflictError(`The access configuration ${c.name} still has access assignments on account ${a.displayName}. Remove them before de-provisioning.`);
    }
    return enqueueTasks(tx, [{ taskType: "DeprovisionAccessConfiguration", accountId, accountName: a.displayName, accessConfigurationId: id, accessConfigurationName: c.name }], directoryId);
  });
  wakeAccessWorker();
  return result;
}

import "server-only";
import { randomInt } from "node:crypto";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_DIRECTORY_ID } from "../directory";
import {
  SERVICE_LINKED_ROLE_NAME,
  samlProviderName,
  type AccountDetailView,
  type AccountView,
  type AttachedPolicyView,
  type CreateAccountData,
  type FolderView,
  type ProvisioningStatus,
  type ResourceDirectoryView,
  type UpdateAccountData,
} from "./schemas";

/**
 * The simulated Resource Directory: folders and member accounts (no real Alibaba Cloud accounts
 * exist here), and what provisioning wrote into each account (RAM roles, policies, SAML IdP).
 */

type AccountRow = Prisma.SsoRdAccountGetPayload<object>;
type FolderRow = Prisma.SsoRdFolderGetPayload<object>;

/** "Root / Applications" for every folder of the directory. */
export async function folderPaths(directoryId = DEFAULT_DIRECTORY_ID, tx: Prisma.TransactionClient = db): Promise<Map<string, string>> {
  const folders = await tx.ssoRdFolder.findMany({ where: { directoryId } });
  return pathsOf(folders);
}

function pathsOf(folders: FolderRow[]): Map<string, string> {
  const byId = new Map(folders.map((f) => [f.id, f]));
  const paths = new Map<string, string>();
  const pathOf = (id: string, depth = 0): string => {
    const known = paths.get(id);
    if (known) return known;
    const f = byId.get(id);
    if (!f) return "";
    const parent = f.parentId && depth < 20 ? pathOf(f.parentId, depth + 1) : "";
    const p = parent ? `${parent} / ${f.name}` : f.name;
    paths.set(id, p);
    return p;
  };
  for (const f of folders) pathOf(f.id);
  return paths;
}

export function accountView(a: AccountRow, paths: Map<string, string>): AccountView {
  return {
    accountId: a.accountId,
    displayName: a.displayName,
    folderId: a.folderId,
    folderPath: paths.get(a.folderId) ?? "",
    type: a.type === "CloudAccount" ? "CloudAccount" : "ResourceAccount",
    joinMethod: a.joinMethod === "invited" ? "invited" : "created",
    status: a.status,
    createdAt: a.createdAt.toISOString(),
  };
}

export const rootFolderId = (directoryId: string) => `r-${directoryId.replace(/^d-/, "")}`;

/** The Resource Directory's root folder ("Root"), made on first use. */
export async function ensureRootFolder(directoryId = DEFAULT_DIRECTORY_ID, tx: Prisma.TransactionClient = db): Promise<FolderRow> {
  const id = rootFolderId(directoryId);
  return tx.ssoRdFolder.upsert({ where: { id }, update: {}, create: { id, directoryId, name: "Root", parentId: null } });
}

export async function getResourceDirectory(directoryId = DEFAULT_DIRECTORY_ID): Promise<ResourceDirectoryView> {
  await ensureRootFolder(directoryId);
  const [folders, accounts] = await Promise.all([
    db.ssoRdFolder.findMany({ where: { directoryId }, orderBy: [{ createdAt: "asc" }, { name: "asc" }] }),
    db.ssoRdAccount.findMany({ where: { directoryId }, orderBy: { displayNameLower: "asc" } }),
  ]);
  const paths = pathsOf(folders);
  return {
    rootFolderId: folders.find((f) => f.parentId === null)?.id ?? "",
    folders: folders.map((f): FolderView => ({ id: f.id, name: f.name, parentId: f.parentId })),
    accounts: accounts.map((a) => accountView(a, paths)),
  };
}

export async function findAccount(accountId: string, directoryId = DEFAULT_DIRECTORY_ID, tx: Prisma.TransactionClient = db): Promise<AccountRow> {
  const a = await tx.ssoRdAccount.findFirst({ where: { accountId, directoryId } });
  if (!a) throw new NotFoundError(`Account ${accountId} does not exist in the resource directory.`);
  return a;
}

const takenName = (name: string) => new ConflictError(`An account named "${name}" already exists in the resource directory.`, { displayName: "This display name is already used." });

/** A new 16-digit account ID that is not taken. */
async function freshAccountId(tx: Prisma.TransactionClient): Promise<string> {
  for (;;) {
    let id = String(randomInt(1, 10));
    for (let i = 0; i < 15; i++) id += String(randomInt(0, 10));
    if (!(await tx.ssoRdAccount.findUnique({ where: { accountId: id } }))) return id;
  }
}

export async function createAccount(data: CreateAccountData, directoryId = DEFAULT_DIRECTORY_ID, accountId?: string): Promise<AccountView> {
  try {
    const row = await db.$transaction(async (tx) => {
      await ensureRootFolder(directoryId, tx);
      const folder = await tx.ssoRdFolder.findFirst({ where: { id: data.folderId, directoryId } });
      if (!folder) throw new ValidationError("Some fields are invalid.", { folderId: `Folder ${data.folderId} does not exist.` });
      if (await tx.ssoRdAccount.findFirst({ where: { directoryId, displayNameLower: data.displayName.toLowerCase() } })) throw takenName(data.displayName);
      return tx.ssoRdAccount.create({
        data: {
          accountId: accountId ?? (await freshAccountId(tx)),
          directoryId,
          displayName: data.displayName,
          displayNameLower: data.displayName.toLowerCase(),
          folderId: folder.id,
        },
      });
    });
    return accountView(row, await folderPaths(directoryId));
  } catch (err) {
    if (isUniqueViolation(err, "displayNameLower")) throw takenName(data.displayName);
    throw err;
  }
}

export async function renameAccount(accountId: string, data: UpdateAccountData, directoryId = DEFAULT_DIRECTORY_ID): Promise<AccountView> {
  try {
    const row = await db.$transaction(async (tx) => {
      await findAccount(accountId, directoryId, tx);
      const other = await tx.ssoRdAccount.findFirst({ where: { directoryId, displayNameLower: data.displayName.toLowerCase(), NOT: { accountId } } });
      if (other) throw takenName(data.displayName);
      return tx.ssoRdAccount.update({ where: { accountId }, data: { displayName: data.displayName, displayNameLower: data.displayName.toLowerCase() } });
    });
    return accountView(row, await folderPaths(directoryId));
  } catch (err) {
    if (isUniqueViolation(err, "displayNameLower")) throw takenName(data.displayName);
    throw err;
  }
}

export async function deleteAccount(accountId: string, directoryId = DEFAULT_DIRECTORY_ID): Promise<void> {
  await db.$transaction(async (tx) => {
    await findAccount(accountId, directoryId, tx);
    const [assignments, provisionings, running] = await Promise.all([
      tx.ssoAccessAssignment.count({ where: { accountId } }),
      tx.ssoAccessProvisioning.count({ where: { accountId } }),
      tx.ssoAccessTask.count({ where: { accountId, status: "InProgress" } }),
    ]);
    if (assignments > 0) throw new ConflictError("The account has access assignments. Remove them before removing the account.");
    if (provisionings > 0) throw new ConflictError("Access configurations are provisioned on the account. De-provision them before removing the account.");
    if (running > 0) throw new ConflictError("Tasks on the account are still in progress. Wait for them to finish.");
    await tx.ssoRdAccount.delete({ where: { accountId } });
  });
}

export function parsePolicies(json: string): AttachedPolicyView[] {
  try {
    const list = JSON.parse(json) as AttachedPolicyView[];
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

export async function getAccountDetail(accountId: string, directoryId = DEFAULT_DIRECTORY_ID): Promise<AccountDetailView> {
  const account = await findAccount(accountId, directoryId);
  const [paths, provisionings, assignmentCount] = await Promise.all([
    folderPaths(directoryId),
    db.ssoAccessProvisioning.findMany({ where: { accountId }, include: { accessConfiguration: { select: { name: true } } }, orderBy: { createdAt: "asc" } }),
    db.ssoAccessAssignment.count({ where: { accountId } }),
  ]);
  return {
    account: accountView(account, paths),
    ramRoles: provisionings.map((p) => {
      const policies = parsePolicies(p.policiesJson);
      const inline = policies.find((x) => x.type === "Inline");
      return {
        roleName: p.ramRoleName,
        accessConfigurationId: p.accessConfigurationId,
        accessConfigurationName: p.accessConfiguration.name,
        status: p.status as ProvisioningStatus,
        policies,
        inlinePolicy: inline && p.inlinePolicyDocument !== null ? { name: inline.name, document: p.inlinePolicyDocument } : null,
        createdAt: p.createdAt.toISOString(),
        updatedAt: p.updatedAt.toISOString(),
      };
    }),
    samlProvider: account.samlProviderCreatedAt ? { name: samlProviderName(directoryId), createdAt: account.samlProviderCreatedAt.toISOString() } : null,
    serviceLinkedRole: account.serviceLinkedRoleCreatedAt
      ? { name: SERVICE_LINKED_ROLE_NAME, createdAt: account.serviceLinkedRoleCreatedAt.toISOString() }
      : null,
    assignmentCount,
  };
}

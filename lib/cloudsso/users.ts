import "server-only";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { newId } from "@/lib/ids";
import { ConflictError, DomainError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_DIRECTORY_ID } from "./directory";
import { changedRecently } from "./recent-change";
import type { CreateUserData, UpdateUserData } from "./schemas";
import { prefixRange } from "@/lib/prefix-range";
import { lookupKey, storedUser, userFieldsOf, type StoredUser } from "./user-row";

export type ProvisioningTypeLabel = "Manual" | "SCIM synchronization";

export function provisioningTypeLabel(t: string): ProvisioningTypeLabel {
  return t === "SCIM" ? "SCIM synchronization" : "Manual";
}

export interface UserView {
  UserId: string;
  UserName: string;
  FirstName: string;
  LastName: string;
  DisplayName: string;
  Email: string;
  Description: string;
  Status: "Enabled" | "Disabled";
  ProvisioningType: ProvisioningTypeLabel;
  ExternalId: string | null;
  CreateTime: string;
  UpdateTime: string;
  /** When a SCIM request last wrote the user ("Last synchronized"); null if never. */
  LastSyncTime: string | null;
  /** Written (console or SCIM) within the last minute: the live views highlight the row. */
  ChangedRecently: boolean;
  /** SCIM-synchronized and SCIM is on: only the status may be changed in the console. */
  ReadOnly: boolean;
}

type UserRow = Prisma.SsoUserGetPayload<object>;

function view(u: UserRow, scimEnabled: boolean): UserView {
  return {
    UserId: u.id,
    UserName: u.userName,
    FirstName: u.firstName,
    LastName: u.lastName,
    DisplayName: u.displayName,
    Email: u.email,
    Description: u.description,
    Status: u.status === "Disabled" ? "Disabled" : "Enabled",
    ProvisioningType: provisioningTypeLabel(u.provisioningType),
    ExternalId: u.externalId,
    CreateTime: u.createdAt.toISOString(),
    UpdateTime: u.updatedAt.toISOString(),
    LastSyncTime: u.scimSyncedAt?.toISOString() ?? null,
    ChangedRecently: changedRecently([u.updatedAt, u.scimSyncedAt]),
    ReadOnly: scimEnabled && u.provisioningType === "SCIM",
  };
}

async function scimOn(directoryId: string) {
  const dir = await db.ssoDirectory.findUnique({ where: { id: directoryId }, select: { scimEnabled: true } });
  return dir?.scimEnabled ?? false;
}

export async function listUsers(opts: {
  page: number;
  pageSize: number;
  search?: string;
  directoryId?: string;
}): Promise<{ items: UserView[]; total: number; page: number; pageSize: number }> {
  const directoryId = opts.directoryId ?? DEFAULT_DIRECTORY_ID;
  const s = opts.search ? lookupKey(opts.search) : "";
  // Username or display name starting with the text, case-insensitive, on their lookup indexes.
  const range = prefixRange(s);
  const where: Prisma.SsoUserWhereInput = {
    directoryId,
    ...(s ? { OR: [{ userNameLower: range }, { displayNameLower: range }] } : {}),
  };
  const [rows, total, on] = await Promise.all([
    db.ssoUser.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
    }),
    db.ssoUser.count({ where }),
    scimOn(directoryId),
  ]);
  return { items: rows.map((r) => view(r, on)), total, page: opts.page, pageSize: opts.pageSize };
}

async function findUser(userId: string, directoryId: string) {
  const u = await db.ssoUser.findFirst({ where: { id: userId, directoryId } });
  if (!u) throw new NotFoundError(`User ${userId} does not exist.`);
  return u;
}

export async function getUser(userId: string, directoryId = DEFAULT_DIRECTORY_ID): Promise<UserView> {
  const [u, on] = await Promise.all([findUser(userId, directoryId), scimOn(directoryId)]);
  return view(u, on);
}

async function assertEmailFree(tx: Prisma.TransactionClient, directoryId: string, email: string, exceptId?: string) {
  if (!email) return;
  const clash = await tx.ssoUser.findFirst({
    where: { directoryId, emailLower: lookupKey(email), ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new ConflictError("The email address is already used by another user.", { email: "The email address is already used by another user." });
}

/** Keeps SsoUserEmail (the SCIM emails.value index) equal to what the user's SCIM representation shows. */
async function writeEmails(tx: Prisma.TransactionClient, directoryId: string, userId: string, emailKeys: StoredUser["emailKeys"]) {
  await tx.ssoUserEmail.deleteMany({ where: { userId } });
  if (emailKeys.length > 0) await tx.ssoUserEmail.createMany({ data: emailKeys.map((valueLower) => ({ userId, directoryId, valueLower })) });
}

export async function createUser(data: CreateUserData, directoryId = DEFAULT_DIRECTORY_ID): Promise<UserView> {
  const { columns, emailKeys } = storedUser({ ...data, externalId: null }, "{}");
  try {
    const created = await db.$transaction(async (tx) => {
      const taken = await tx.ssoUser.findUnique({
        where: { directoryId_userNameLower: { directoryId, userNameLower: columns.userNameLower } },
        select: { id: true },
      });
      if (taken) throw duplicateUserName();
      await assertEmailFree(tx, directoryId, data.email);
      const now = new Date();
      const user = await tx.ssoUser.create({
        data: { ...columns, id: newId("u", 20), directoryId, description: data.description, provisioningType: "Manual", createdAt: now, updatedAt: now },
      });
      await writeEmails(tx, directoryId, user.id, emailKeys);
      return user;
    });
    return view(created, await scimOn(directoryId));
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateUserName();
    throw err;
  }
}

function duplicateUserName() {
  return new ConflictError("A user with this username already exists.", { userName: "A user with this username already exists." });
}

function readOnlyError() {
  return new DomainError(
    "This user is synchronized by SCIM. While SCIM synchronization is on, only its status can be changed here; change it in the identity provider.",
    409,
  );
}

export async function updateUser(userId: string, data: UpdateUserData, directoryId = DEFAULT_DIRECTORY_ID) {
  const updated = await db.$transaction(async (tx) => {
    const u = await tx.ssoUser.findFirst({ where: { id: userId, directoryId } });
    if (!u) throw new NotFoundError(`User ${userId} does not exist.`);
    const dir = await tx.ssoDirectory.findUnique({ where: { id: directoryId }, select: { scimEnabled: true } });
    if (dir?.scimEnabled && u.provisioningType === "SCIM") throw readOnlyError();
    if (data.email !== undefined) await assertEmailFree(tx, directoryId, data.email, userId);
    const was = userFieldsOf(u);
    const fields = {
      ...was,
      firstName: data.firstName ?? was.firstName,
      lastName: data.lastName ?? was.lastName,
      displayName: data.displayName ?? was.displayName,
      email: data.email ?? was.email,
    };
    const { columns, emailKeys } = storedUser(fields, u.scimJson);
    const user = await tx.ssoUser.update({
      where: { id: userId },
      data: { ...columns, description: data.description ?? u.description, version: { increment: 1 }, updatedAt: new Date() },
    });
    await writeEmails(tx, directoryId, userId, emailKeys);
    return user;
  });
  return view(updated, await scimOn(directoryId));
}

/** Status stays editable even for SCIM-synchronized users (CloudSSO behaviour). */
export async function setUserStatus(userId: string, status: "Enabled" | "Disabled", directoryId = DEFAULT_DIRECTORY_ID) {
  await findUser(userId, directoryId);
  const updated = await db.ssoUser.update({
    where: { id: userId },
    data: { status, version: { increment: 1 }, updatedAt: new Date() },
  });
  return view(updated, await scimOn(directoryId));
}

export async function deleteUser(userId: string, directoryId = DEFAULT_DIRECTORY_ID) {
  await db.$transaction(async (tx) => {
    const u = await tx.ssoUser.findFirst({ where: { id: userId, directoryId } });
    if (!u) throw new NotFoundError(`User ${userId} does not exist.`);
    const dir = await tx.ssoDirectory.findUnique({ where: { id: directoryId }, select: { scimEnabled: true } });
    if (dir?.scimEnabled && u.provisioningType === "SCIM") throw readOnlyError();
    // Memberships go with the user (FK cascade); bump the groups' versions so ETags change.
    const groups = await tx.ssoGroupMember.findMany({ where: { userId }, select: { groupId: true } });
    // Its access assignments go first (issue 13; the console asked for confirmation).
    await tx.ssoAccessAssignment.deleteMany({ where: { principalType: "User", principalId: userId } });
    await tx.ssoUser.delete({ where: { id: userId } });
    if (groups.length > 0) {
      await tx.ssoGroup.updateMany({
        where: { id: { in: groups.map((g) => g.groupId) } },
        data: { version: { increment: 1 }, updatedAt: new Date() },
      });
    }
  });
}

export async function listUserGroups(userId: string, directoryId = DEFAULT_DIRECTORY_ID) {
  await findUser(userId, directoryId);
  const rows = await db.ssoGroupMember.findMany({
    where: { userId },
    include: { group: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({
    GroupId: r.group.id,
    GroupName: r.group.name,
    Description: r.group.description,
    ProvisioningType: provisioningTypeLabel(r.group.provisioningType),
    JoinTime: r.createdAt.toISOString(),
  }));
}

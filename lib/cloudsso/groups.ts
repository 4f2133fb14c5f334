import "server-only";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { newId } from "@/lib/ids";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_DIRECTORY_ID } from "./directory";
import { changedRecently } from "./recent-change";
import { provisioningTypeLabel, type ProvisioningTypeLabel } from "./users";
import type { CreateGroupData, UpdateGroupData } from "./schemas";

export interface GroupView {
  GroupId: string;
  GroupName: string;
  Description: string;
  ProvisioningType: ProvisioningTypeLabel;
  ExternalId: string | null;
  MemberCount: number;
  CreateTime: string;
  UpdateTime: string;
  /** When a SCIM request last wrote the group ("Last synchronized"); null if never. */
  LastSyncTime: string | null;
  /** Written (console or SCIM) within the last minute: the live views highlight the row. */
  ChangedRecently: boolean;
  ReadOnly: boolean;
}

type GroupRow = Prisma.SsoGroupGetPayload<{ include: { _count: { select: { members: true } } } }>;

function view(g: GroupRow, scimEnabled: boolean): GroupView {
  return {
    GroupId: g.id,
    GroupName: g.name,
    Description: g.description,
    ProvisioningType: provisioningTypeLabel(g.provisioningType),
    ExternalId: g.externalId,
    MemberCount: g._count.members,
    CreateTime: g.createdAt.toISOString(),
    UpdateTime: g.updatedAt.toISOString(),
    LastSyncTime: g.scimSyncedAt?.toISOString() ?? null,
    ChangedRecently: changedRecently([g.updatedAt, g.scimSyncedAt]),
    ReadOnly: scimEnabled && g.provisioningType === "SCIM",
  };
}

const withCount = { _count: { select: { members: true } } } as const;

async function scimOn(tx: Prisma.TransactionClient, directoryId: string) {
  const dir = await tx.ssoDirectory.findUnique({ where: { id: directoryId }, select: { scimEnabled: true } });
  return dir?.scimEnabled ?? false;
}

function readOnlyError() {
  return new DomainError(
    "This group is synchronized by SCIM. While SCIM synchronization is on, change it in the identity provider.",
    409,
  );
}

function duplicateName() {
  return new ConflictError("A group with this name already exists.", { name: "A group with this name already exists." });
}

export async function listGroups(opts: { page: number; pageSize: number; search?: string; directoryId?: string }) {
  const directoryId = opts.directoryId ?? DEFAULT_DIRECTORY_ID;
  const where: Prisma.SsoGroupWhereInput = {
    directoryId,
    ...(opts.search ? { nameLower: { contains: opts.search.toLowerCase() } } : {}),
  };
  const [rows, total, on] = await Promise.all([
    db.ssoGroup.findMany({
      where,
      include: withCount,
      orderBy: { createdAt: "desc" },
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
    }),
    db.ssoGroup.count({ where }),
    scimOn(db, directoryId),
  ]);
  return { items: rows.map((r) => view(r, on)), total, page: opts.page, pageSize: opts.pageSize };
}

export async function getGroup(groupId: string, directoryId = DEFAULT_DIRECTORY_ID): Promise<GroupView> {
  const g = await db.ssoGroup.findFirst({ where: { id: groupId, directoryId }, include: withCount });
  if (!g) throw new NotFoundError(`Group ${groupId} does not exist.`);
  return view(g, await scimOn(db, directoryId));
}

export async function createGroup(data: CreateGroupData, directoryId = DEFAULT_DIRECTORY_ID): Promise<GroupView> {
  try {
    const g = await db.$transaction(async (tx) => {
      const taken = await tx.ssoGroup.findUnique({
        where: { directoryId_nameLower: { directoryId, nameLower: data.name.toLowerCase() } },
        select: { id: true },
      });
      if (taken) throw duplicateName();
      const now = new Date();
      return tx.ssoGroup.create({
        data: {
          id: newId("g", 20),
          directoryId,
          name: data.name,
          nameLower: data.name.toLowerCase(),
          description: data.description,
          provisioningType: "Manual",
          createdAt: now,
          updatedAt: now,
        },
        include: withCount,
      });
    });
    return view(g, await scimOn(db, directoryId));
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName();
    throw err;
  }
}

async function editableGroup(tx: Prisma.TransactionClient, groupId: string, directoryId: string) {
  const g = await tx.ssoGroup.findFirst({ where: { id: groupId, directoryId } });
  if (!g) throw new NotFoundError(`Group ${groupId} does not exist.`);
  if (g.provisioningType === "SCIM" && (await scimOn(tx, directoryId))) throw readOnlyError();
  return g;
}

export async function updateGroup(groupId: string, data: UpdateGroupData, directoryId = DEFAULT_DIRECTORY_ID) {
  try {
    await db.$transaction(async (tx) => {
      await editableGroup(tx, groupId, directoryId);
      if (data.name !== undefined) {
        const clash = await tx.ssoGroup.findFirst({
          where: { directoryId, nameLower: data.name.toLowerCase(), NOT: { id: groupId } },
          select: { id: true },
        });
        if (clash) throw duplicateName();
      }
      await tx.ssoGroup.update({
        where: { id: groupId },
        data: {
          ...(data.name !== undefined ? { name: data.name, nameLower: data.name.toLowerCase() } : {}),
          ...(data.description !== undefined ? { description: data.description } : {}),
          version: { increment: 1 },
          updatedAt: new Date(),
        },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName();
    throw err;
  }
  return getGroup(groupId, directoryId);
}

export async function deleteGroup(groupId: string, directoryId = DEFAULT_DIRECTORY_ID) {
  await db.$transaction(async (tx) => {
    await editableGroup(tx, groupId, directoryId);
    // Its access assignments go first (issue 13; the console asked for confirmation).
    await tx.ssoAccessAssignment.deleteMany({ where: { principalType: "Group", principalId: groupId } });
    await tx.ssoGroup.delete({ where: { id: groupId } });
  });
}

export async function listMembers(
  groupId: string,
  opts: { page: number; pageSize: number; search?: string },
  directoryId = DEFAULT_DIRECTORY_ID,
) {
  await getGroup(groupId, directoryId);
  const where: Prisma.SsoGroupMemberWhereInput = {
    groupId,
    ...(opts.search ? { user: { userNameLower: { contains: opts.search.toLowerCase() } } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.ssoGroupMember.findMany({
      where,
      include: { user: true },
      orderBy: { createdAt: "asc" },
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
    }),
    db.ssoGroupMember.count({ where }),
  ]);
  return {
    items: rows.map((r) => ({
      UserId: r.user.id,
      UserName: r.user.userName,
      DisplayName: r.user.displayName,
      Status: r.user.status,
      ProvisioningType: provisioningTypeLabel(r.user.provisioningType),
      JoinTime: r.createdAt.toISOString(),
    })),
    total,
    page: opts.page,
    pageSize: opts.pageSize,
  };
}

export async function addMembers(groupId: string, userIds: string[], directoryId = DEFAULT_DIRECTORY_ID) {
  await db.$transaction(async (tx) => {
    await editableGroup(tx, groupId, directoryId);
    const users = await tx.ssoUser.findMany({ where: { id: { in: userIds }, directoryId }, select: { id: true } });
    const found = new Set(users.map((u) => u.id));
    const missing = userIds.filter((id) => !found.has(id));
    if (missing.length > 0) throw new ValidationError(`User ${missing[0]} does not exist.`, { userIds: `User ${missing[0]} does not exist.` });
    const existing = await tx.ssoGroupMember.findMany({ where: { groupId, userId: { in: userIds } }, select: { userId: true } });
    const already = new Set(existing.map((m) => m.userId));
    const toAdd = [...found].filter((id) => !already.has(id));
    if (toAdd.length > 0) await tx.ssoGroupMember.createMany({ data: toAdd.map((userId) => ({ groupId, userId })) });
    await tx.ssoGroup.update({ where: { id: groupId }, data: { version: { increment: 1 }, updatedAt: new Date() } });
  });
}

export async function removeMember(groupId: string, userId: string, directoryId = DEFAULT_DIRECTORY_ID) {
  await db.$transaction(async (tx) => {
    await editableGroup(tx, groupId, directoryId);
    const res = await tx.ssoGroupMember.deleteMany({ where: { groupId, userId } });
    if (res.count === 0) throw new NotFoundError("The user is not a member of this group.");
    await tx.ssoGroup.update({ where: { id: groupId }, data: { version: { increment: 1 }, updatedAt: new Date() } });
  });
}

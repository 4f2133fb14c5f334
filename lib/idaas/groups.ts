import "server-only";
import { prefixRange } from "@/lib/prefix-range";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { getInstance } from "./instance";
import { enqueue, type OutboxEvent, outboxTransaction } from "./provisioning/engine/outbox";
import type { GroupInput, GroupMembersInput } from "./schemas";
import { isUniqueViolation } from "@/lib/db-errors";

type Tx = Prisma.TransactionClient;

export interface GroupView {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface GroupMemberView {
  accountId: string;
  username: string;
  displayName: string;
  email: string;
  status: string;
  addedAt: string;
}

interface ListQuery {
  search?: string;
  page: number;
  pageSize: number;
}

const NAME_TAKEN = "A group with this name already exists.";

function toView(g: {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
  _count: { members: number };
}): GroupView {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    memberCount: g._count.members,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
  };
}

const withCount = { _count: { select: { members: true } } } satisfies Prisma.IdaasGroupInclude;

export async function listGroups(instanceId: string, q: ListQuery) {
  await getInstance(instanceId);
  const search = q.search?.trim().toLowerCase();
  const where: Prisma.IdaasGroupWhereInput = { instanceId, ...(search ? { nameLower: { contains: search } } : {}) };
  const [total, rows] = await Promise.all([
    db.idaasGroup.count({ where }),
    db.idaasGroup.findMany({
      where,
      include: withCount,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
  ]);
  return { items: rows.map(toView), total, page: q.page, pageSize: q.pageSize };
}

export async function getGroup(instanceId: string, groupId: string): Promise<GroupView> {
  const row = await db.idaasGroup.findFirst({ where: { id: groupId, instanceId }, include: withCount });
  if (!row) throw new NotFoundError(`Group ${groupId} does not exist.`);
  return toView(row);
}

async function findGroup(tx: Tx, instanceId: string, groupId: string) {
  const row = await tx.idaasGroup.findFirst({ where: { id: groupId, instanceId } });
  if (!row) throw new NotFoundError(`Group ${groupId} does not exist.`);
  return row;
}

async function assertNameFree(tx: Tx, instanceId: string, name: string, exceptId?: string) {
  const clash = await tx.idaasGroup.findFirst({
    where: { instanceId, nameLower: name.toLowerCase(), ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new ConflictError(NAME_TAKEN, { name: NAME_TAKEN });
}

function mapUniqueRace(err: unknown): never {
  if (isUniqueViolation(err, "nameLower")) throw new ConflictError(NAME_TAKEN, { name: NAME_TAKEN });
  throw err;
}

/** `input` is parsed by the caller (groupInputSchema at the route). */
export async function createGroup(instanceId: string, input: GroupInput): Promise<GroupView> {
  await getInstance(instanceId);
  const id = newId("group");
  try {
    await outboxTransaction(async (tx) => {
      await assertNameFree(tx, instanceId, input.name);
      await tx.idaasGroup.create({
        data: { id, instanceId, name: input.name, nameLower: input.name.toLowerCase(), description: input.description },
      });
      await enqueue(tx, [{ objectType: "group", objectId: id, action: "sync", operation: "group.create" }]);
    });
  } catch (err) {
    mapUniqueRace(err);
  }
  return getGroup(instanceId, id);
}

export async function updateGroup(instanceId: string, groupId: string, input: GroupInput): Promise<GroupView> {
  try {
    await outboxTransaction(async (tx) => {
      await findGroup(tx, instanceId, groupId);
      await assertNameFree(tx, instanceId, input.name, groupId);
      await tx.idaasGroup.update({
        where: { id: groupId },
        data: {
          name: input.name,
          nameLower: input.name.toLowerCase(),
          description: input.description,
          updatedAt: new Date(),
        },
      });
      await enqueue(tx, [{ objectType: "group", objectId: groupId, action: "sync", operation: "group.update" }]);
    });
  } catch (err) {
    mapUniqueRace(err);
  }
  return getGroup(instanceId, groupId);
}

/** Deletes the group and its memberships; the remote group delete removes remote memberships. */
export async function deleteGroup(instanceId: string, groupId: string): Promise<void> {
  await outboxTransaction(async (tx) => {
    const group = await findGroup(tx, instanceId, groupId);
    const members = await tx.idaasGroupMember.findMany({ where: { groupId }, select: { accountId: true } });
    await tx.idaasGroup.delete({ where: { id: groupId } });
    await enqueue(tx, [
      { objectType: "group", objectId: groupId, action: "delete", operation: "group.delete", snapshot: { name: group.name } },
      // Members the group brought into a scope leave it: each is reconciled (disabled remotely).
      ...members.map((m): OutboxEvent => ({ objectType: "user", objectId: m.accountId, action: "sync", operation: "account.update" })),
    ]);
  });
}

export async function listGroupMembers(instanceId: string, groupId: string, q: ListQuery) {
  await getGroup(instanceId, groupId);
  const search = q.search?.trim();
  const where: Prisma.IdaasGroupMemberWhereInput = {
    groupId,
    ...(search
      ? {
          // Username or email starting with the text, as on the Accounts page.
          account: { OR: [{ usernameLower: prefixRange(search.toLowerCase()) }, { emailLower: prefixRange(search.toLowerCase()) }] },
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.idaasGroupMember.count({ where }),
    db.idaasGroupMember.findMany({
      where,
      include: { account: { select: { username: true, displayName: true, email: true, status: true } } },
      orderBy: [{ createdAt: "desc" }, { accountId: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
  ]);
  const items: GroupMemberView[] = rows.map((m) => ({
    accountId: m.accountId,
    username: m.account.username,
    displayName: m.account.displayName,
    email: m.account.email,
    status: m.account.status,
    addedAt: m.createdAt.toISOString(),
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** Adds accounts to the group; accounts already in it are left as they are. Returns how many were added. */
export async function addGroupMembers(instanceId: string, groupId: string, { accountIds }: GroupMembersInput) {
  const unique = [...new Set(accountIds)];
  return outboxTransaction(async (tx) => {
    await findGroup(tx, instanceId, groupId);
    const accounts = await tx.idaasAccount.findMany({
      where: { instanceId, id: { in: unique } },
      select: { id: true },
    });
    if (accounts.length !== unique.length) {
      const msg = "One or more selected accounts do not exist.";
      throw new ValidationError(msg, { accountIds: msg });
    }
    const existing = await tx.idaasGroupMember.findMany({
      where: { groupId, accountId: { in: unique } },
      select: { accountId: true },
    });
    const already = new Set(existing.map((m) => m.accountId));
    const added = unique.filter((id) => !already.has(id));
    if (added.length === 0) return { added: 0 };
    await tx.idaasGroupMember.createMany({ data: added.map((accountId) => ({ groupId, accountId })) });
    await enqueue(tx, [
      ...added.map(
        (accountId): OutboxEvent => ({
          objectType: "membership",
          objectId: groupId,
          action: "addMember",
          operation: "group.member.add",
          accountId,
        }),
      ),
      // A scoped group brings its members into scope: created or re-enabled even without the
      // member operation subscribed.
      ...added.map((accountId): OutboxEvent => ({ objectType: "user", objectId: accountId, action: "sync", operation: "account.update" })),
    ]);
    return { added: added.length };
  });
}

export async function removeGroupMember(instanceId: string, groupId: string, accountId: string): Promise<void> {
  await outboxTransaction(async (tx) => {
    await findGroup(tx, instanceId, groupId);
    const member = await tx.idaasGroupMember.findUnique({ where: { groupId_accountId: { groupId, accountId } } });
    if (!member) throw new NotFoundError("This account is not a member of the group.");
    await tx.idaasGroupMember.delete({ where: { groupId_accountId: { groupId, accountId } } });
    await enqueue(tx, [
      { objectType: "membership", objectId: groupId, action: "removeMember", operation: "group.member.remove", accountId },
      // Leaving the only scoped group that brought it into scope disables the remote user.
      { objectType: "user", objectId: accountId, action: "sync", operation: "account.update" },
    ]);
  });
}

import "server-only";
import { db } from "@/lib/db";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { getInstance } from "./instance";
import { unitsBelow } from "./units-below";
import { enqueue, outboxTransaction } from "./provisioning/engine/outbox";
import type { UnitCreateInput, UnitMoveInput, UnitRenameInput } from "./schemas";

type Client = Prisma.TransactionClient | typeof db;

export interface OrgUnitNode {
  id: string;
  parentId: string | null;
  name: string;
  /** Distinct accounts whose primary or an extra unit is this one or one of its descendants. */
  accountCount: number;
  /** Accounts whose primary or an extra unit is this one itself. */
  directAccountCount: number;
  childCount: number;
  createdAt: string;
}

/**
 * Every unit of the instance, root first, then by name; the browser builds the tree. Counts
 * include descendants, each account once per unit even when it sits in several units below it.
 */
export async function listUnits(instanceId: string): Promise<OrgUnitNode[]> {
  await getInstance(instanceId);
  const [units, accounts, extras] = await Promise.all([
    db.idaasOrgUnit.findMany({
      where: { instanceId },
      orderBy: [{ name: "asc" }, { createdAt: "asc" }],
      include: { _count: { select: { children: true, primaryAccounts: true, extraAccounts: true } } },
    }),
    db.idaasAccount.findMany({ where: { instanceId }, select: { id: true, primaryUnitId: true } }),
    db.idaasAccountUnit.findMany({ where: { unit: { instanceId } }, select: { accountId: true, unitId: true } }),
  ]);
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  const unitsOf = new Map(accounts.map((a) => [a.id, [a.primaryUnitId]]));
  for (const x of extras) unitsOf.get(x.accountId)?.push(x.unitId);
  const total = new Map<string, number>();
  for (const own of unitsOf.values()) {
    // The account counts once for each unit on the way up from any of its units.
    const seen = new Set<string>();
    for (const id of own) {
      for (let up: string | null | undefined = id; up && !seen.has(up); up = parentOf.get(up)) seen.add(up);
    }
    for (const id of seen) total.set(id, (total.get(id) ?? 0) + 1);
  }
  return units
    .map((u) => ({
      id: u.id,
      parentId: u.parentId,
      name: u.name,
      accountCount: total.get(u.id) ?? 0,
      directAccountCount: u._count.primaryAccounts + u._count.extraAccounts,
      childCount: u._count.children,
      createdAt: u.createdAt.toISOString(),
    }))
    .sort((a, b) => Number(a.parentId !== null) - Number(b.parentId !== null));
}

export async function getUnit(instanceId: string, unitId: string, client: Client = db) {
  const unit = await client.idaasOrgUnit.findFirst({ where: { id: unitId, instanceId } });
  if (!unit) throw new NotFoundError(`Organizational unit ${unitId} does not exist.`);
  return unit;
}

/** The unit and all units below it (ids). Units per instance are few, so one read suffices. */
export async function subtreeUnitIds(instanceId: string, unitId: string, client: Client = db): Promise<string[]> {
  const units = await client.idaasOrgUnit.findMany({ where: { instanceId }, select: { id: true, parentId: true } });
  return [...unitsBelow(units, [unitId])];
}

async function assertSiblingNameFree(
  client: Client,
  instanceId: string,
  parentId: string,
  name: string,
  exceptId?: string,
) {
  const siblings = await client.idaasOrgUnit.findMany({
    where: { instanceId, parentId, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true },
  });
  if (siblings.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
    throw new ConflictError(`A unit named "${name}" already exists under this parent.`, {
      name: "A unit with this name already exists under the same parent.",
    });
  }
}

/** `input` is parsed by the caller (unitCreateSchema at the route). */
export async function createUnit(instanceId: string, input: UnitCreateInput) {
  await getInstance(instanceId);
  return outboxTransaction(async (tx) => {
    const parent = await tx.idaasOrgUnit.findFirst({ where: { id: input.parentId, instanceId } });
    if (!parent) throw new ValidationError("The parent unit does not exist.", { parentId: "The parent unit does not exist." });
    await assertSiblingNameFree(tx, instanceId, parent.id, input.name);
    return tx.idaasOrgUnit.create({
      data: { id: newId("ou"), instanceId, parentId: parent.id, name: input.name },
    });
  });
}

export async function renameUnit(instanceId: string, unitId: string, input: UnitRenameInput) {
  return outboxTransaction(async (tx) => {
    const unit = await getUnit(instanceId, unitId, tx);
    if (unit.parentId) await assertSiblingNameFree(tx, instanceId, unit.parentId, input.name, unit.id);
    return tx.idaasOrgUnit.update({ where: { id: unit.id }, data: { name: input.name } });
  });
}

/**
 * Moves a unit (with its subtree) under another parent. Provisioning scope is defined by units,
 * so every account in the moved subtree may enter or leave an application's scope: each gets an
 * account.update event, which the engine reconciles against the current scope.
 */
export async function moveUnit(instanceId: string, unitId: string, input: UnitMoveInput) {
  return outboxTransaction(async (tx) => {
    const unit = await getUnit(instanceId, unitId, tx);
    if (!unit.parentId) throw new DomainError("The root organization cannot be moved.", 400);
    const parent = await tx.idaasOrgUnit.findFirst({ where: { id: input.parentId, instanceId } });
    if (!parent) throw new ValidationError("The target parent unit does not exist.", { parentId: "The target parent unit does not exist." });
    const subtree = await subtreeUnitIds(instanceId, unit.id, tx);
    if (subtree.includes(parent.id)) {
      const msg = "A unit cannot be moved under itself or one of its own sub-units.";
      throw new ValidationError(msg, { parentId: msg });
    }
    if (parent.id === unit.parentId) return unit;
    await assertSiblingNameFree(tx, instanceId, parent.id, unit.name, unit.id);
    const moved = await tx.idaasOrgUnit.update({ where: { id: unit.id }, data: { parentId: parent.id } });
    const accounts = await tx.idaasAccount.findMany({
      where: {
        instanceId,
        OR: [{ primaryUnitId: { in: subtree } }, { extraUnits: { some: { unitId: { in: subtree } } } }],
      },
      select: { id: true },
    });
    await enqueue(
      tx,
      accounts.map((a) => ({ objectType: "user", objectId: a.id, action: "sync", operation: "account.update" })),
    );
    return moved;
  });
}

/** Deletes an empty unit: refused for the root, for units with sub-units, and for units holding accounts. */
export async function deleteUnit(instanceId: string, unitId: string) {
  return outboxTransaction(async (tx) => {
    const unit = await getUnit(instanceId, unitId, tx);
    if (!unit.parentId) throw new DomainError("The root organization cannot be deleted.", 400);
    const children = await tx.idaasOrgUnit.count({ where: { parentId: unit.id } });
    if (children > 0) {
      throw new ConflictError(
        `"${unit.name}" cannot be deleted because it contains ${children} sub-unit${children === 1 ? "" : "s"}. Delete or move them first.`,
      );
    }
    const accounts = await tx.idaasAccount.count({
      where: { OR: [{ primaryUnitId: unit.id }, { extraUnits: { some: { unitId: unit.id } } }] },
    });
    if (accounts > 0) {
      throw new ConflictError(
        `"${unit.name}" cannot be deleted because it contains ${accounts} account${accounts === 1 ? "" : "s"}. Move or delete them first.`,
      );
    }
    await tx.idaasOrgUnit.delete({ where: { id: unit.id } });
  });
}

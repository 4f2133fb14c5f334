import "server-only";
import { db } from "@/lib/db";
import { unitsBelow } from "@/lib/idaas/units-below";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Reads run on the shared client, or inside a caller's transaction (the outbox). */
type Client = Prisma.TransactionClient | typeof db;

/**
 * An application's provisioning scope, resolved once per delivery or push: the selected units
 * with all their descendants, and the selected groups. An account is in scope when its primary
 * or an extra unit is in the unit set, or it is a member of a selected group.
 */
export interface ResolvedScope {
  unitIds: Set<string>;
  groupIds: Set<string>;
}

export async function resolveScope(
  instanceId: string,
  scope: { unitIds: string[]; groupIds: string[] },
  client: Client = db,
): Promise<ResolvedScope> {
  const units = scope.unitIds.length > 0 ? await client.idaasOrgUnit.findMany({ where: { instanceId }, select: { id: true, parentId: true } }) : [];
  const unitIds = unitsBelow(units, scope.unitIds);
  return { unitIds, groupIds: new Set(scope.groupIds) };
}

export function isGroupInScope(scope: ResolvedScope, groupId: string): boolean {
  return scope.groupIds.has(groupId);
}

/** Whether one account is in scope (reads its units and memberships). */
export async function isAccountInScope(scope: ResolvedScope, accountId: string): Promise<boolean> {
  const account = await db.idaasAccount.findUnique({
    where: { id: accountId },
    select: {
      primaryUnitId: true,
      extraUnits: { select: { unitId: true } },
      memberships: { select: { groupId: true } },
    },
  });
  if (!account) return false;
  return (
    scope.unitIds.has(account.primaryUnitId) ||
    account.extraUnits.some((u) => scope.unitIds.has(u.unitId)) ||
    account.memberships.some((m) => scope.groupIds.has(m.groupId))
  );
}

/** The accounts of the instance in scope as one query condition; null when the scope is empty. */
function accountsInScopeWhere(instanceId: string, scope: ResolvedScope): Prisma.IdaasAccountWhereInput | null {
  const unitIds = [...scope.unitIds];
  const groupIds = [...scope.groupIds];
  if (unitIds.length === 0 && groupIds.length === 0) return null;
  return {
    instanceId,
    OR: [
      ...(unitIds.length ? [{ primaryUnitId: { in: unitIds } }, { extraUnits: { some: { unitId: { in: unitIds } } } }] : []),
      ...(groupIds.length ? [{ memberships: { some: { groupId: { in: groupIds } } } }] : []),
    ],
  };
}

/** Ids of every account of the instance in scope (or of `among` only), in one query. */
export async function accountIdsInScope(
  instanceId: string,
  scope: ResolvedScope,
  opts: { among?: string[]; client?: Client } = {},
): Promise<Set<string>> {
  const where = accountsInScopeWhere(instanceId, scope);
  if (!where) return new Set();
  const rows = await (opts.client ?? db).idaasAccount.findMany({
    where: opts.among ? { AND: [where, { id: { in: opts.among } }] } : where,
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}

/**
 * How many distinct accounts and groups a (possibly unsaved) scope selection covers: counted by
 * the database, so the scope dialog can show it on every tick without loading the accounts.
 */
export async function countScope(
  instanceId: string,
  selection: { unitIds: string[]; groupIds: string[] },
): Promise<{ accounts: number; groups: number }> {
  const scope = await resolveScope(instanceId, selection);
  const where = accountsInScopeWhere(instanceId, scope);
  const [accounts, groups] = await Promise.all([
    where ? db.idaasAccount.count({ where }) : 0,
    scope.groupIds.size ? db.idaasGroup.count({ where: { instanceId, id: { in: [...scope.groupIds] } } }) : 0,
  ]);
  return { accounts, groups };
}

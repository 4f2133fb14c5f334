import "server-only";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { getInstance } from "./instance";
import { subtreeUnitIds } from "./org-units";
import { prefixRange } from "@/lib/prefix-range";
import { enqueue, outboxTransaction } from "./provisioning/engine/outbox";
import { LogAction } from "./provisioning/vocabulary";
import type { AccountInput, AccountMoveInput, AccountStatus } from "./schemas";
import { isUniqueViolation } from "@/lib/db-errors";

type Tx = Prisma.TransactionClient;

export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  givenName: string;
  familyName: string;
  email: string;
  phone: string;
  status: string;
  externalId: string;
  description: string;
  primaryUnitId: string;
  primaryUnitName: string;
  extraUnits: { id: string; name: string }[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AccountListQuery {
  unitId?: string;
  includeSubUnits?: boolean;
  search?: string;
  status?: string;
  page: number;
  pageSize: number;
}

const accountInclude = {
  primaryUnit: { select: { name: true } },
  extraUnits: { select: { unit: { select: { id: true, name: true } } } },
} satisfies Prisma.IdaasAccountInclude;

type AccountRow = Prisma.IdaasAccountGetPayload<{ include: typeof accountInclude }>;

function toView(a: AccountRow): AccountView {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    givenName: a.givenName,
    familyName: a.familyName,
    email: a.email,
    phone: a.phone,
    status: a.status,
    externalId: a.externalId,
    description: a.description,
    primaryUnitId: a.primaryUnitId,
    primaryUnitName: a.primaryUnit.name,
    extraUnits: a.extraUnits.map((x) => x.unit).sort((x, y) => x.name.localeCompare(y.name)),
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export async function listAccounts(instanceId: string, q: AccountListQuery) {
  await getInstance(instanceId);
  const where: Prisma.IdaasAccountWhereInput = { instanceId };
  const and: Prisma.IdaasAccountWhereInput[] = [];
  if (q.unitId) {
    const unitIds = q.includeSubUnits ? await subtreeUnitIds(instanceId, q.unitId) : [q.unitId];
    // The Root Organization with its sub-units (the page's default) is every account: no filter,
    // so the page and its count read the index instead of testing 100,000 rows.
    const everyUnit = q.includeSubUnits && unitIds.length === (await db.idaasOrgUnit.count({ where: { instanceId } }));
    if (!everyUnit) and.push({ OR: [{ primaryUnitId: { in: unitIds } }, { extraUnits: { some: { unitId: { in: unitIds } } } }] });
  }
  const search = q.search?.trim();
  if (search) {
    // Username or email starting with the text, case-insensitive, on their lookup indexes.
    const range = prefixRange(search.toLowerCase());
    and.push({ OR: [{ usernameLower: range }, { emailLower: range }] });
  }
  if (q.status === "Enabled" || q.status === "Disabled") and.push({ status: q.status });
  if (and.length > 0) where.AND = and;
  const [total, rows] = await Promise.all([
    db.idaasAccount.count({ where }),
    db.idaasAccount.findMany({
      where,
      include: accountInclude,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
  ]);
  return { items: rows.map(toView), total, page: q.page, pageSize: q.pageSize };
}

export async function getAccount(instanceId: string, accountId: string): Promise<AccountView> {
  const row = await db.idaasAccount.findFirst({ where: { id: accountId, instanceId }, include: accountInclude });
  if (!row) throw new NotFoundError(`Account ${accountId} does not exist.`);
  return toView(row);
}

/** Primary unit must exist; extra units must exist and exclude the primary (deduplicated). */
async function resolveUnits(tx: Tx, instanceId: string, primaryUnitId: string, extraUnitIds: string[]) {
  const extras = [...new Set(extraUnitIds)].filter((id) => id !== primaryUnitId);
  const wanted = [primaryUnitId, ...extras];
  const found = await tx.idaasOrgUnit.findMany({ where: { instanceId, id: { in: wanted } }, select: { id: true } });
  const known = new Set(found.map((u) => u.id));
  const fieldErrors: Record<string, string> = {};
  if (!known.has(primaryUnitId)) fieldErrors.primaryUnitId = "The selected organizational unit does not exist.";
  if (extras.some((id) => !known.has(id))) fieldErrors.extraUnitIds = "One of the selected extra units does not exist.";
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError("Some fields are invalid.", fieldErrors);
  return extras;
}

/** Username and email are unique per instance, ignoring case; blank emails never clash. */
async function assertUnique(tx: Tx, instanceId: string, input: AccountInput, exceptId?: string) {
  const not = exceptId ? { id: { not: exceptId } } : {};
  const fieldErrors: Record<string, string> = {};
  const byName = await tx.idaasAccount.findFirst({
    where: { instanceId, usernameLower: input.username.toLowerCase(), ...not },
    select: { id: true },
  });
  if (byName) fieldErrors.username = "This username is already in use.";
  if (input.email) {
    const byEmail = await tx.idaasAccount.findFirst({
      where: { instanceId, emailLower: input.email.toLowerCase(), ...not },
      select: { id: true },
    });
    if (byEmail) fieldErrors.email = "This email is already in use by another account.";
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new ConflictError(Object.values(fieldErrors)[0], fieldErrors);
  }
}

/** A racing duplicate that slipped past the pre-check surfaces as P2002: report it the same way. */
function mapUniqueRace(err: unknown): never {
  if (isUniqueViolation(err, "usernameLower")) {
    throw new ConflictError("This username is already in use.", { username: "This username is already in use." });
  }
  if (isUniqueViolation(err, "emailLower")) {
    const msg = "This email is already in use by another account.";
    throw new ConflictError(msg, { email: msg });
  }
  throw err;
}

function columns(input: AccountInput) {
  return {
    username: input.username,
    usernameLower: input.username.toLowerCase(),
    displayName: input.displayName,
    givenName: input.givenName,
    familyName: input.familyName,
    email: input.email,
    emailLower: input.email ? input.email.toLowerCase() : null,
    phone: input.phone,
    status: input.status,
    description: input.description,
    primaryUnitId: input.primaryUnitId,
  };
}

/** `input` is parsed by the caller (accountInputSchema at the route). */
export async function createAccount(instanceId: string, input: AccountInput): Promise<AccountView> {
  await getInstance(instanceId);
  const id = newId("user");
  try {
    await outboxTransaction(async (tx) => {
      const extras = await resolveUnits(tx, instanceId, input.primaryUnitId, input.extraUnitIds);
      await assertUnique(tx, instanceId, input);
      await tx.idaasAccount.create({
        data: {
          id,
          instanceId,
          ...columns(input),
          externalId: input.externalId || id,
          extraUnits: { create: extras.map((unitId) => ({ unitId })) },
        },
      });
      await enqueue(tx, [{ objectType: "user", objectId: id, action: "sync", operation: "account.create" }]);
    });
  } catch (err) {
    mapUniqueRace(err);
  }
  return getAccount(instanceId, id);
}

async function findAccount(tx: Tx, instanceId: string, accountId: string) {
  const row = await tx.idaasAccount.findFirst({ where: { id: accountId, instanceId } });
  if (!row) throw new NotFoundError(`Account ${accountId} does not exist.`);
  return row;
}

/** Full edit (the console form sends every field). */
export async function updateAccount(instanceId: string, accountId: string, input: AccountInput): Promise<AccountView> {
  try {
    await outboxTransaction(async (tx) => {
      await findAccount(tx, instanceId, accountId);
      const extras = await resolveUnits(tx, instanceId, input.primaryUnitId, input.extraUnitIds);
      await assertUnique(tx, instanceId, input, accountId);
      await tx.idaasAccountUnit.deleteMany({ where: { accountId } });
      await tx.idaasAccount.update({
        where: { id: accountId },
        data: {
          ...columns(input),
          externalId: input.externalId || accountId,
          version: { increment: 1 },
          updatedAt: new Date(),
          extraUnits: { create: extras.map((unitId) => ({ unitId })) },
        },
      });
      await enqueue(tx, [{ objectType: "user", objectId: accountId, action: "sync", operation: "account.update" }]);
    });
  } catch (err) {
    mapUniqueRace(err);
  }
  return getAccount(instanceId, accountId);
}

export async function setAccountStatus(instanceId: string, accountId: string, next: AccountStatus): Promise<AccountView> {
  await outboxTransaction(async (tx) => {
    const current = await findAccount(tx, instanceId, accountId);
    if (current.status === next) return;
    await tx.idaasAccount.update({
      where: { id: accountId },
      data: { status: next, version: { increment: 1 }, updatedAt: new Date() },
    });
    await enqueue(tx, [
      { objectType: "user", objectId: accountId, action: "sync", operation: "account.update", intent: next === "Enabled" ? LogAction.Enable : LogAction.Disable },
    ]);
  });
  return getAccount(instanceId, accountId);
}

/** Changes the primary unit; if the target was one of the extra units it stops being an extra. */
export async function moveAccount(instanceId: string, accountId: string, { primaryUnitId }: AccountMoveInput): Promise<AccountView> {
  await outboxTransaction(async (tx) => {
    const current = await findAccount(tx, instanceId, accountId);
    const target = await tx.idaasOrgUnit.findFirst({ where: { id: primaryUnitId, instanceId }, select: { id: true } });
    if (!target) {
      const msg = "The target organizational unit does not exist.";
      throw new ValidationError(msg, { primaryUnitId: msg });
    }
    if (current.primaryUnitId === target.id) return;
    await tx.idaasAccountUnit.deleteMany({ where: { accountId, unitId: target.id } });
    await tx.idaasAccount.update({
      where: { id: accountId },
      data: { primaryUnitId: target.id, version: { increment: 1 }, updatedAt: new Date() },
    });
    await enqueue(tx, [{ objectType: "user", objectId: accountId, action: "sync", operation: "account.update" }]);
  });
  return getAccount(instanceId, accountId);
}

/**
 * Deletes the account (its unit and group memberships go with it). Only the user delete is
 * emitted: removing the remote user removes it from remote groups too.
 */
export async function deleteAccount(instanceId: string, accountId: string): Promise<void> {
  await outboxTransaction(async (tx) => {
    const current = await findAccount(tx, instanceId, accountId);
    await tx.idaasAccount.delete({ where: { id: accountId } });
    await enqueue(tx, [
      {
        objectType: "user",
        objectId: accountId,
        action: "delete",
        operation: "account.delete",
        snapshot: { username: current.username },
      },
    ]);
  });
}

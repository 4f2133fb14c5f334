import "server-only";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { Page } from "@/lib/api-handler";
import { newId } from "@/lib/ids";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_DIRECTORY_ID } from "../directory";
import { folderPaths, parsePolicies } from "./resource-directory";
import { SYSTEM_POLICIES } from "./system-policies";
import {
  ACCESS_LIMITS,
  ramInlinePolicyName,
  ramRoleName,
  samlProviderName,
  type AccessConfigurationView,
  type AddPermissionPolicyData,
  type AttachedPolicyView,
  type CreateAccessConfigurationData,
  type PermissionPolicyView,
  type PolicyType,
  type ProvisioningStatus,
  type ProvisioningView,
  type UpdateAccessConfigurationData,
} from "./schemas";

/**
 * Access configurations (CreateAccessConfiguration & co.): fields, system policies, the one inline
 * policy. A policy change marks every account where the configuration is provisioned
 * ReprovisionRequired, in the change's transaction; Description / Session Duration / Relay State
 * changes do not.
 */

const withPolicies = { systemPolicies: { orderBy: { addedAt: "asc" } } } as const satisfies Prisma.SsoAccessConfigurationInclude;
type ConfigRow = Prisma.SsoAccessConfigurationGetPayload<{ include: typeof withPolicies }>;

interface Counts {
  provisioned: number;
  reprovision: number;
  assignments: number;
}

function view(c: ConfigRow, counts: Counts): AccessConfigurationView {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    sessionDuration: c.sessionDuration,
    relayState: c.relayState,
    systemPolicies: c.systemPolicies.map((p) => p.name),
    inlinePolicy: c.inlinePolicyName !== null && c.inlinePolicyDocument !== null ? { name: c.inlinePolicyName, document: c.inlinePolicyDocument } : null,
    statusNotifications: counts.reprovision > 0 ? ["ReprovisionRequired"] : [],
    provisionedAccountCount: counts.provisioned,
    reprovisionRequiredCount: counts.reprovision,
    assignmentCount: counts.assignments,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

async function countsFor(ids: string[], tx: Prisma.TransactionClient = db): Promise<Map<string, Counts>> {
  const [prov, assign] = await Promise.all([
    tx.ssoAccessProvisioning.groupBy({ by: ["accessConfigurationId", "status"], where: { accessConfigurationId: { in: ids } }, _count: { _all: true } }),
    tx.ssoAccessAssignment.groupBy({ by: ["accessConfigurationId"], where: { accessConfigurationId: { in: ids } }, _count: { _all: true } }),
  ]);
  const out = new Map<string, Counts>(ids.map((id) => [id, { provisioned: 0, reprovision: 0, assignments: 0 }]));
  for (const p of prov) {
    const c = out.get(p.accessConfigurationId)!;
    c.provisioned += p._count._all;
    if (p.status === "ReprovisionRequired") c.reprovision += p._count._all;
  }
  for (const a of assign) out.get(a.accessConfigurationId)!.assignments = a._count._all;
  return out;
}

async function viewOf(id: string, tx: Prisma.TransactionClient = db): Promise<AccessConfigurationView> {
  const c = await tx.ssoAccessConfiguration.findUnique({ where: { id }, include: withPolicies });
  if (!c) throw new NotFoundError(`Access configuration ${id} does not exist.`);
  return view(c, (await countsFor([id], tx)).get(id)!);
}

export async function findAccessConfiguration(id: string, directoryId = DEFAULT_DIRECTORY_ID, tx: Prisma.TransactionClient = db): Promise<ConfigRow> {
  const c = await tx.ssoAccessConfiguration.findFirst({ where: { id, directoryId }, include: withPolicies });
  if (!c) throw new NotFoundError(`Access configuration ${id} does not exist.`);
  return c;
}

/** The policies the configuration attaches to its role now (what a (re-)provisioning writes). */
export function currentPolicies(c: ConfigRow): AttachedPolicyView[] {
  return [
    ...c.systemPolicies.map((p) => ({ type: "System" as const, name: p.name })),
    ...(c.inlinePolicyDocument !== null ? [{ type: "Inline" as const, name: ramInlinePolicyName(c.name) }] : []),
  ];
}

export async function listAccessConfigurations(
  opts: { page: number; pageSize: number; search?: string },
  directoryId = DEFAULT_DIRECTORY_ID,
): Promise<Page<AccessConfigurationView>> {
  const where: Prisma.SsoAccessConfigurationWhereInput = { directoryId, ...(opts.search ? { nameLower: { contains: opts.search.toLowerCase() } } : {}) };
  const [total, rows] = await Promise.all([
    db.ssoAccessConfiguration.count({ where }),
    db.ssoAccessConfiguration.findMany({ where, include: withPolicies, orderBy: { createdAt: "desc" }, skip: (opts.page - 1) * opts.pageSize, take: opts.pageSize }),
  ]);
  const counts = await countsFor(rows.map((r) => r.id));
  return { items: rows.map((r) => view(r, counts.get(r.id)!)), total, page: opts.page, pageSize: opts.pageSize };
}

export async function getAccessConfiguration(id: string, directoryId = DEFAULT_DIRECTORY_ID): Promise<AccessConfigurationView> {
  await findAccessConfiguration(id, directoryId);
  return viewOf(id);
}

const takenName = (name: string) =>
  new ConflictError(`An access configuration named "${name}" already exists.`, { name: "This access configuration name is already used." });

export async function createAccessConfiguration(data: CreateAccessConfigurationData, directoryId = DEFAULT_DIRECTORY_ID): Promise<AccessConfigurationView> {
  const now = new Date();
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.ssoAccessConfiguration.findFirst({ where: { directoryId, nameLower: data.name.toLowerCase() } })) throw takenName(data.name);
      const id = newId("ac");
      await tx.ssoAccessConfiguration.create({
        data: {
          id,
          directoryId,
          name: data.name,
          nameLower: data.name.toLowerCase(),
          description: data.description,
          sessionDuration: data.sessionDuration,
          relayState: data.relayState,
          inlinePolicyName: data.inlinePolicy?.name ?? null,
          inlinePolicyDocument: data.inlinePolicy?.document ?? null,
          inlinePolicyAddedAt: data.inlinePolicy ? now : null,
          createdAt: now,
          updatedAt: now,
          systemPolicies: { create: data.systemPolicies.map((name, i) => ({ name, addedAt: new Date(now.getTime() + i) })) },
        },
      });
      return viewOf(id, tx);
    });
  } catch (err) {
    if (isUniqueViolation(err, "nameLower")) throw takenName(data.name);
    throw err;
  }
}

export async function updateAccessConfiguration(id: string, data: UpdateAccessConfigurationData, directoryId = DEFAULT_DIRECTORY_ID): Promise<AccessConfigurationView> {
  return db.$transaction(async (tx) => {
    await findAccessConfiguration(id, directoryId, tx);
    await tx.ssoAccessConfiguration.update({
      where: { id },
      data: {
        ...(data.description !== undefined ? { description: data.description } : {}),
        ...(data.sessionDuration !== undefined ? { sessionDuration: data.sessionDuration } : {}),
        ...(data.relayState !== undefined ? { relayState: data.relayState } : {}),
        updatedAt: new Date(),
      },
    });
    return viewOf(id, tx);
  });
}

export async function deleteAccessConfiguration(id: string, forceRemovePermissionPolicies: boolean, directoryId = DEFAULT_DIRECTORY_ID): Promise<void> {
  await db.$transaction(async (tx) => {
    const c = await findAccessConfiguration(id, directoryId, tx);
    const [assignments, provisionings, running] = await Promise.all([
      tx.ssoAccessAssignment.count({ where: { accessConfigurationId: id } }),
      tx.ssoAccessProvisioning.count({ where: { accessConfigurationId: id } }),
      tx.ssoAccessTask.count({ where: { accessConfigurationId: id, status: "InProgress" } }),
    ]);
    if (assignments > 0) throw new ConflictError("The access configuration has access assignments. Remove them before deleting it.");
    if (provisionings > 0) throw new ConflictError("The access configuration is provisioned on accounts. De-provision it before deleting it.");
    if (running > 0) throw new ConflictError("Tasks of the access configuration are still in progress. Wait for them to finish.");
    if (!forceRemovePermissionPolicies && (c.systemPolicies.length > 0 || c.inlinePolicyDocument !== null)) {
      throw new ConflictError("The access configuration has permission policies. Remove them first, or delete with forceRemovePermissionPolicies.");
    }
    await tx.ssoAccessConfiguration.delete({ where: { id } });
  });
}

export async function listPermissionPolicies(id: string, directoryId = DEFAULT_DIRECTORY_ID): Promise<{ items: PermissionPolicyView[] }> {
  const c = await findAccessConfiguration(id, directoryId);
  const describe = new Map(SYSTEM_POLICIES.map((p) => [p.name, p.description]));
  const items: PermissionPolicyView[] = c.systemPolicies.map((p) => ({
    type: "System",
    name: p.name,
    description: describe.get(p.name) ?? "",
    document: null,
    addedAt: p.addedAt.toISOString(),
  }));
  if (c.inlinePolicyName !== null && c.inlinePolicyDocument !== null) {
    items.push({ type: "Inline", name: c.inlinePolicyName, description: "", document: c.inlinePolicyDocument, addedAt: (c.inlinePolicyAddedAt ?? c.createdAt).toISOString() });
  }
  return { items };
}

/** A policy changed: every account where the configuration is provisioned needs a re-provision. */
async function policyChanged(tx: Prisma.TransactionClient, id: string) {
  const now = new Date();
  await tx.ssoAccessConfiguration.update({ where: { id }, data: { updatedAt: now } });
  await tx.ssoAccessProvisioning.updateMany({ where: { accessConfigurationId: id, status: "Provisioned" }, data: { status: "ReprovisionRequired", updatedAt: now } });
}

export async function addPermissionPolicy(id: string, data: AddPermissionPolicyData, directoryId = DEFAULT_DIRECTORY_ID): Promise<AccessConfigurationView> {
  return db.$transaction(async (tx) => {
    const c = await findAccessConfiguration(id, directoryId, tx);
    if (data.type === "System") {
      if (c.systemPolicies.some((p) => p.name === data.name)) throw new ConflictError(`The system policy ${data.name} is already attached.`, { name: "Already attached." });
      if (c.systemPolicies.length >= ACCESS_LIMITS.systemPoliciesMax) {
        throw new ConflictError(`An access configuration can have at most ${ACCESS_LIMITS.systemPoliciesMax} system policies.`, {
          name: `At most ${ACCESS_LIMITS.systemPoliciesMax} system policies.`,
        });
      }
      await tx.ssoAccessConfigurationPolicy.create({ data: { accessConfigurationId: id, name: data.name } });
    } else {
      if (c.inlinePolicyDocument !== null) {
        throw new ConflictError(`An access configuration can have at most ${ACCESS_LIMITS.inlinePoliciesMax} inline policy. Update the existing one instead.`, {
          name: "An inline policy already exists.",
        });
      }
      await tx.ssoAccessConfiguration.update({
        where: { id },
        data: { inlinePolicyName: data.name, inlinePolicyDocument: data.document, inlinePolicyAddedAt: new Date() },
      });
    }
    await policyChanged(tx, id);
    return viewOf(id, tx);
  });
}

export async function updateInlinePolicy(id: string, name: string, document: string, directoryId = DEFAULT_DIRECTORY_ID): Promise<AccessConfigurationView> {
  return db.$transaction(async (tx) => {
    const c = await findAccessConfiguration(id, directoryId, tx);
    if (c.inlinePolicyDocument === null || c.inlinePolicyName !== name) throw new NotFoundError(`The access configuration has no inline policy named ${name}.`);
    await tx.ssoAccessConfiguration.update({ where: { id }, data: { inlinePolicyDocument: document } });
    await policyChanged(tx, id);
    return viewOf(id, tx);
  });
}

export async function removePermissionPolicy(id: string, type: PolicyType, name: string, directoryId = DEFAULT_DIRECTORY_ID): Promise<AccessConfigurationView> {
  return db.$transaction(async (tx) => {
    const c = await findAccessConfiguration(id, directoryId, tx);
    if (type === "System") {
      if (!c.systemPolicies.some((p) => p.name === name)) throw new NotFoundError(`The system policy ${name} is not attached to the access configuration.`);
      await tx.ssoAccessConfigurationPolicy.delete({ where: { accessConfigurationId_name: { accessConfigurationId: id, name } } });
    } else {
      if (c.inlinePolicyDocument === null || c.inlinePolicyName !== name) throw new NotFoundError(`The access configuration has no inline policy named ${name}.`);
      await tx.ssoAccessConfiguration.update({ where: { id }, data: { inlinePolicyName: null, inlinePolicyDocument: null, inlinePolicyAddedAt: null } });
    }
    await policyChanged(tx, id);
    return viewOf(id, tx);
  });
}

export async function listProvisionings(
  id: string,
  opts: { page: number; pageSize: number },
  directoryId = DEFAULT_DIRECTORY_ID,
): Promise<Page<ProvisioningView>> {
  const c = await findAccessConfiguration(id, directoryId);
  const where = { accessConfigurationId: id };
  const [total, rows, paths] = await Promise.all([
    db.ssoAccessProvisioning.count({ where }),
    db.ssoAccessProvisioning.findMany({ where, include: { account: true }, orderBy: { createdAt: "asc" }, skip: (opts.page - 1) * opts.pageSize, take: opts.pageSize }),
    folderPaths(directoryId),
  ]);
  return {
    items: rows.map((p) => ({
      accessConfigurationId: id,
      accessConfigurationName: c.name,
      accountId: p.accountId,
      accountName: p.account.displayName,
      folderPath: paths.get(p.account.folderId) ?? "",
      status: p.status as ProvisioningStatus,
      ramRoleName: p.ramRoleName,
      ramPolicyNames: parsePolicies(p.policiesJson).map((x) => x.name),
      samlProviderName: samlProviderName(directoryId),
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    })),
    total,
    page: opts.page,
    pageSize: opts.pageSize,
  };
}

/**
 * (Re-)provisions the configuration into the account, in the caller's transaction: the role
 * AliyunReservedSSO-<name> with every policy attached now, the inline policy document; on the
 * account's first provisioning also the SAML IdP and the service-linked role.
 */
export async function provisionInto(tx: Prisma.TransactionClient, c: ConfigRow, accountId: string): Promise<void> {
  const now = new Date();
  const snapshot = {
    status: "Provisioned",
    ramRoleName: ramRoleName(c.name),
    policiesJson: JSON.stringify(currentPolicies(c)),
    inlinePolicyDocument: c.inlinePolicyDocument,
    updatedAt: now,
  };
  await tx.ssoAccessProvisioning.upsert({
    where: { accessConfigurationId_accountId: { accessConfigurationId: c.id, accountId } },
    update: snapshot,
    create: { accessConfigurationId: c.id, accountId, ...snapshot, createdAt: now },
  });
  await tx.ssoRdAccount.updateMany({ where: { accountId, samlProviderCreatedAt: null }, data: { samlProviderCreatedAt: now } });
  await tx.ssoRdAccount.updateMany({ where: { accountId, serviceLinkedRoleCreatedAt: null }, data: { serviceLinkedRoleCreatedAt: now } });
}

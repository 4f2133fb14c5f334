import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_DIRECTORY_ID } from "@/lib/cloudsso/directory";
import { newId } from "@/lib/ids";
import { rootFolderId } from "@/lib/cloudsso/access/resource-directory";
import { createAccessConfigurationSchema, createAccountSchema } from "@/lib/cloudsso/access/schemas";

/**
 * CloudSSO multi-account sample (SPEC §6): a Resource Directory with a root folder, 2 folders and 5
 * member accounts, and two access configurations (Admin, ReadOnly) with no assignments, so the
 * trainer makes the first one live.
 */
export const DEMO_RD_FOLDERS = [
  { id: "fd-demoworkloads01", name: "Workloads" },
  { id: "fd-demosharedcore1", name: "Core" },
] as const;

export const DEMO_RD_ACCOUNTS = [
  { accountId: "1566403520876014", displayName: "Production", folderId: "fd-demoworkloads01" },
  { accountId: "1566403520876125", displayName: "Staging", folderId: "fd-demoworkloads01" },
  { accountId: "1566403520876236", displayName: "Sandbox", folderId: "fd-demoworkloads01" },
  { accountId: "1479826003914357", displayName: "Finance", folderId: "fd-demosharedcore1" },
  { accountId: "1479826003914468", displayName: "Shared Services", folderId: "fd-demosharedcore1" },
] as const;

export const DEMO_ACCESS_CONFIGURATIONS = [
  { name: "Admin", description: "Full access to every Alibaba Cloud service in the account.", systemPolicies: ["AdministratorAccess"] },
  { name: "ReadOnly", description: "Read-only access to every Alibaba Cloud service in the account.", systemPolicies: ["ReadOnlyAccess"] },
] as const;

/**
 * Loads the sample into a directory without accounts or access configurations (else leaves it
 * alone). One transaction whose first statement writes: `npm run demo -- --reset` runs beside a
 * live server, and a transaction that read first would fail with SQLITE_BUSY_SNAPSHOT there.
 */
export async function seedAccessSample(directoryId = DEFAULT_DIRECTORY_ID): Promise<void> {
  const [accounts, configs] = await Promise.all([db.ssoRdAccount.count({ where: { directoryId } }), db.ssoAccessConfiguration.count({ where: { directoryId } })]);
  if (accounts > 0 || configs > 0) return;
  const rootId = rootFolderId(directoryId);
  const now = new Date();
  const parsed = DEMO_ACCESS_CONFIGURATIONS.map((c) => ({ id: newId("ac"), ...createAccessConfigurationSchema.parse({ ...c, systemPolicies: [...c.systemPolicies] }) }));
  await db.$transaction(async (tx) => {
    await tx.ssoRdFolder.deleteMany({ where: { id: { in: [rootId, ...DEMO_RD_FOLDERS.map((f) => f.id)] } } });
    await tx.ssoRdFolder.createMany({
      data: [{ id: rootId, directoryId, name: "Root", parentId: null }, ...DEMO_RD_FOLDERS.map((f) => ({ id: f.id, directoryId, name: f.name, parentId: rootId }))],
    });
    await tx.ssoRdAccount.createMany({
      data: DEMO_RD_ACCOUNTS.map((a) => {
        const { displayName } = createAccountSchema.parse(a);
        return { accountId: a.accountId, directoryId, displayName, displayNameLower: displayName.toLowerCase(), folderId: a.folderId, createdAt: now };
      }),
    });
    for (const c of parsed) {
      await tx.ssoAccessConfiguration.create({
        data: {
          id: c.id,
          directoryId,
          name: c.name,
          nameLower: c.name.toLowerCase(),
          description: c.description,
          sessionDuration: c.sessionDuration,
          relayState: c.relayState,
          createdAt: now,
          updatedAt: now,
          systemPolicies: { create: c.systemPolicies.map((name) => ({ name, addedAt: now })) },
        },
      });
    }
  });
}

/** Everything of the multi-account permissions in the directory, for the demo reset (caller's transaction). */
export async function clearAccessData(tx: Prisma.TransactionClient, directoryId = DEFAULT_DIRECTORY_ID): Promise<void> {
  await tx.ssoAccessTask.deleteMany({ where: { directoryId } });
  await tx.ssoAccessAssignment.deleteMany({ where: { directoryId } });
  await tx.ssoAccessProvisioning.deleteMany({ where: { account: { directoryId } } });
  await tx.ssoAccessConfiguration.deleteMany({ where: { directoryId } });
  await tx.ssoRdAccount.deleteMany({ where: { directoryId } });
  await tx.ssoRdFolder.deleteMany({ where: { directoryId } });
}

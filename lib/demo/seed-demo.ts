import "server-only";
import { db } from "@/lib/db";
import { ensureDefaultDirectory, DEFAULT_DIRECTORY_ID } from "@/lib/cloudsso/directory";
import { createUserSchema } from "@/lib/cloudsso/schemas";
import { createUser as createCloudSsoUser } from "@/lib/cloudsso/users";
import { DEFAULT_INSTANCE_ID, ensureDefaultInstance, ROOT_UNIT_ID } from "@/lib/idaas/instance";
import { forgetConnectivity } from "@/lib/idaas/provisioning/config/setup-progress";
import { hashPassword } from "@/lib/idaas/portal/passwords";
import { DEMO_ACCOUNT_PASSWORD, DEMO_ACCOUNTS, DEMO_CLOUDSSO_USERS, DEMO_GROUPS, DEMO_UNITS } from "./sample-directory";
import { clearAccessData, seedAccessSample } from "./sample-access";
import type { DemoSummary, ResetPreview } from "./types";

export type { DemoSummary, ResetPreview } from "./types";

/**
 * Sample data for trainers. The seeder sits outside both products, so it may write both: the IDaaS
 * sample organization and a CloudSSO directory holding two manual users. Reset returns both
 * consoles to that starting point (SCIM off, no credentials, no applications, no push history).
 */
export async function resetDemo(): Promise<DemoSummary> {
  await clearAll();
  return seedDemo();
}

/** Seeds only when the IDaaS directory is empty, so `npm run demo` twice keeps your changes. */
export async function seedDemoIfEmpty(): Promise<DemoSummary | null> {
  await ensureDefaultInstance();
  await ensureDefaultDirectory();
  const accounts = await db.idaasAccount.count({ where: { instanceId: DEFAULT_INSTANCE_ID } });
  if (accounts > 0) return null;
  return seedDemo();
}

/** Sample counts, without touching the database (the reset dialog says what comes back). */
export const SAMPLE_SUMMARY: DemoSummary = {
  units: DEMO_UNITS.length,
  accounts: DEMO_ACCOUNTS.length,
  groups: DEMO_GROUPS.length,
  cloudSsoUsers: DEMO_CLOUDSSO_USERS.length,
};

/** The sample directories into an empty database (callers make sure it is empty). */
export async function seedDemo(): Promise<DemoSummary> {
  await ensureDefaultInstance();
  await ensureDefaultDirectory();
  const instanceId = DEFAULT_INSTANCE_ID;
  // One bcrypt hash of the shared demo password serves every sample account.
  const passwordHash = await hashPassword(DEMO_ACCOUNT_PASSWORD);
  await db.$transaction(async (tx) => {
    // Parents come first in DEMO_UNITS, so each insert finds its parent.
    for (const u of DEMO_UNITS) await tx.idaasOrgUnit.create({ data: { ...u, instanceId } });
    await tx.idaasAccount.createMany({
      data: DEMO_ACCOUNTS.map((a) => ({
        ...a,
        instanceId,
        usernameLower: a.username.toLowerCase(),
        emailLower: a.email.toLowerCase(),
        externalId: a.id,
        description: "Demo account",
      })),
    });
    await tx.idaasAccountPassword.createMany({ data: DEMO_ACCOUNTS.map((a) => ({ accountId: a.id, passwordHash })) });
    // A second unit for one account shows "extra units" in scope resolution.
    await tx.idaasAccountUnit.create({ data: { accountId: DEMO_ACCOUNTS[9].id, unitId: "ou-demo-sales" } });
    for (const g of DEMO_GROUPS) {
      await tx.idaasGroup.create({ data: { id: g.id, instanceId, name: g.name, nameLower: g.name.toLowerCase(), description: g.description } });
      await tx.idaasGroupMember.createMany({ data: g.members.map((n) => ({ groupId: g.id, accountId: DEMO_ACCOUNTS[n - 1].id })) });
    }
  });
  for (const u of DEMO_CLOUDSSO_USERS) await createCloudSsoUser(createUserSchema.parse({ ...u, status: "Enabled" }));
  await seedAccessSample();
  return { ...SAMPLE_SUMMARY };
}

// What a reset deletes: every IDaaS object (all instances; the root unit stays) and the console
// directory's CloudSSO objects. resetPreview counts with the same conditions clearAll deletes with.
const otherUnits = { id: { not: ROOT_UNIT_ID } };
const inDirectory = { directoryId: DEFAULT_DIRECTORY_ID };

/** What "Reset to Sample Data" would delete now. */
export async function resetPreview(): Promise<ResetPreview> {
  const [units, accounts, groups, applications, users, ssoGroups, credentials] = await Promise.all([
    db.idaasOrgUnit.count({ where: otherUnits }),
    db.idaasAccount.count(),
    db.idaasGroup.count(),
    db.idaasApplication.count(),
    db.ssoUser.count({ where: inDirectory }),
    db.ssoGroup.count({ where: inDirectory }),
    db.ssoScimCredential.count({ where: inDirectory }),
  ]);
  return {
    idaas: { units, accounts, groups, applications },
    cloudSso: { users, groups: ssoGroups, credentials },
    sample: { ...SAMPLE_SUMMARY },
  };
}

/** Nothing in either directory yet: no IDaaS object besides the root unit, no CloudSSO object. */
export async function directoriesEmpty(): Promise<boolean> {
  const { idaas, cloudSso } = await resetPreview();
  return [...Object.values(idaas), ...Object.values(cloudSso)].every((n) => n === 0);
}

async function clearAll() {
  await ensureDefaultInstance();
  await ensureDefaultDirectory();
  await db.$transaction(async (tx) => {
    await tx.provisioningEvent.deleteMany();
    await tx.provisioningLink.deleteMany();
    await tx.provisioningLog.deleteMany();
    await tx.provisioningTask.deleteMany();
    await tx.idaasApplication.deleteMany();
    await tx.idaasGroupMember.deleteMany();
    await tx.idaasGroup.deleteMany();
    await tx.idaasAccountUnit.deleteMany();
    await tx.idaasAccount.deleteMany();
    await tx.idaasSignInLog.deleteMany();
    // Units reference their parent (onDelete: Restrict): detach, then delete all but the root.
    await tx.idaasOrgUnit.updateMany({ where: otherUnits, data: { parentId: null } });
    await tx.idaasOrgUnit.deleteMany({ where: otherUnits });
    await clearAccessData(tx);
    await tx.ssoGroupMember.deleteMany({ where: { group: inDirectory } });
    await tx.ssoGroup.deleteMany({ where: inDirectory });
    await tx.ssoUser.deleteMany({ where: inDirectory });
    await tx.ssoScimCredential.deleteMany({ where: inDirectory });
    await tx.ssoScimRequestLog.deleteMany({ where: inDirectory });
    await tx.ssoDirectory.update({ where: { id: DEFAULT_DIRECTORY_ID }, data: { scimEnabled: false } });
  });
  await forgetConnectivity();
}

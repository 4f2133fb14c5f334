import { db } from "@/lib/db";
import type { ChecklistStep } from "@/components/setup-checklist";
import { DEFAULT_DIRECTORY_ID } from "./directory";

/** The CloudSSO half of the seed procedure (Step 1) and its visible result, from CloudSSO data. */
export async function cloudSsoSetupSteps(directoryId = DEFAULT_DIRECTORY_ID): Promise<ChecklistStep[]> {
  const now = new Date();
  const [dir, credentials, scimUsers, scimGroups] = await Promise.all([
    db.ssoDirectory.findUnique({ where: { id: directoryId }, select: { scimEnabled: true } }),
    db.ssoScimCredential.count({ where: { directoryId, status: "Enabled", expiresAt: { gt: now } } }),
    db.ssoUser.count({ where: { directoryId, provisioningType: "SCIM" } }),
    db.ssoGroup.count({ where: { directoryId, provisioningType: "SCIM" } }),
  ]);
  return [
    { label: "Turn on SCIM-based User Synchronization Configuration", done: !!dir?.scimEnabled, href: "/cloudsso/settings" },
    { label: "Generate New SCIM Credential (enabled, not expired)", done: credentials > 0, href: "/cloudsso/settings" },
    {
      label: "Users received by SCIM synchronization",
      done: scimUsers > 0,
      href: "/cloudsso/users",
      hint: scimUsers > 0 ? `${scimUsers} users${scimGroups ? `, ${scimGroups} groups` : ""} synchronized` : "Run Push Now in IDaaS after Step 2.",
    },
  ];
}

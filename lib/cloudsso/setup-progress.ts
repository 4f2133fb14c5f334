import "server-only";
import { db } from "@/lib/db";
import type { ChecklistStep } from "@/components/setup-checklist";
import { DEFAULT_DIRECTORY_ID } from "./directory";

/**
 * The CloudSSO half of the seed procedure (Step 1) and its visible result, from CloudSSO data as
 * it is now: a switch turned off or a credential disabled or expired later un-does its step.
 */
export async function cloudSsoSetupSteps(directoryId = DEFAULT_DIRECTORY_ID): Promise<ChecklistStep[]> {
  const now = new Date();
  const [dir, usable, credentials, scimUsers, scimGroups] = await Promise.all([
    db.ssoDirectory.findUnique({ where: { id: directoryId }, select: { scimEnabled: true } }),
    db.ssoScimCredential.count({ where: { directoryId, status: "Enabled", expiresAt: { gt: now } } }),
    db.ssoScimCredential.count({ where: { directoryId } }),
    db.ssoUser.count({ where: { directoryId, provisioningType: "SCIM" } }),
    db.ssoGroup.count({ where: { directoryId, provisioningType: "SCIM" } }),
  ]);
  return [
    {
      label: "Turn on SCIM-based User Synchronization Configuration",
      done: !!dir?.scimEnabled,
      href: "/cloudsso/settings",
      hint: dir?.scimEnabled ? undefined : "The switch is off now: SCIM requests are refused with HTTP 403.",
    },
    {
      label: "Generate New SCIM Credential (enabled, not expired)",
      done: usable > 0,
      href: "/cloudsso/settings",
      hint:
        usable > 0
          ? `${usable} credential${usable === 1 ? "" : "s"} enabled and not expired.`
          : credentials > 0
            ? `${credentials} credential${credentials === 1 ? " exists" : "s exist"}, but none is enabled and unexpired.`
            : undefined,
    },
    {
      label: "Users received by SCIM synchronization",
      done: scimUsers > 0,
      href: "/cloudsso/users",
      hint: scimUsers > 0 ? `${scimUsers} users${scimGroups ? `, ${scimGroups} groups` : ""} synchronized` : "Run Push Now in IDaaS after Step 2.",
    },
  ];
}

import "server-only";
import { db } from "@/lib/db";
import type { ChecklistItem } from "@/components/setup-checklist";
import { DEFAULT_DIRECTORY_ID } from "./directory";

const utc = (d: Date) => `${d.toISOString().replace("T", " ").slice(0, 19)} UTC`;

/**
 * The CloudSSO half of the seed procedure (Step 1) and its visible result (3.3), from CloudSSO data
 * as it is now: a switch turned off or a credential disabled or expired later un-does its item.
 * The numbers are the guide's (components/setup-checklist.tsx), the same on every page.
 */
export async function cloudSsoSetupSteps(directoryId = DEFAULT_DIRECTORY_ID): Promise<ChecklistItem[]> {
  const now = new Date();
  const [dir, usable, credentials, lastCall, scimUsers, scimGroups] = await Promise.all([
    db.ssoDirectory.findUnique({ where: { id: directoryId }, select: { scimEnabled: true } }),
    db.ssoScimCredential.count({ where: { directoryId, status: "Enabled", expiresAt: { gt: now } } }),
    db.ssoScimCredential.count({ where: { directoryId } }),
    // An identity provider has the endpoint once it calls it with one of this directory's credentials.
    db.ssoScimRequestLog.findFirst({
      where: { directoryId, credentialId: { not: null } },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    }),
    db.ssoUser.count({ where: { directoryId, provisioningType: "SCIM" } }),
    db.ssoGroup.count({ where: { directoryId, provisioningType: "SCIM" } }),
  ]);
  return [
    {
      step: 1,
      number: "1.1",
      label: "Turn on SCIM-based User Synchronization Configuration",
      done: !!dir?.scimEnabled,
      href: "/cloudsso/settings",
      hint: dir?.scimEnabled ? undefined : "The switch is off now: SCIM requests are refused with HTTP 403.",
    },
    {
      step: 1,
      number: "1.2",
      label: "Copy and save the SCIM Endpoint",
      done: !!lastCall,
      href: "/cloudsso/settings",
      hint: lastCall
        ? `An identity provider last called it with a SCIM credential at ${utc(lastCall.createdAt)}.`
        : "You enter it as the SCIM Server URL in Step 2; done once an identity provider calls it with a SCIM credential.",
    },
    {
      step: 1,
      number: "1.3",
      label: "Generate New SCIM Credential (enabled, not expired)",
      done: usable > 0,
      href: "/cloudsso/settings",
      hint:
        usable > 0
          ? `${usable} credential${usable === 1 ? "" : "s"} enabled and not expired.`
          : credentials > 0
            ? `${credentials} credential${credentials === 1 ? " exists" : "s exist"}, but none is enabled and unexpired.`
            : "It is shown only once: copy it for Step 2.",
    },
    {
      step: 3,
      number: "3.3",
      label: "Users received by SCIM synchronization",
      done: scimUsers > 0,
      href: "/cloudsso/users",
      hint: scimUsers > 0 ? `${scimUsers} users${scimGroups ? `, ${scimGroups} groups` : ""} synchronized.` : "Run Push Now in IDaaS after Step 2.",
    },
  ];
}

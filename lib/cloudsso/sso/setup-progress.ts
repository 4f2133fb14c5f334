import "server-only";
import type { ChecklistItem } from "@/components/setup-checklist";
import { db } from "@/lib/db";
import { DEFAULT_DIRECTORY_ID } from "../directory";
import { idpConfigured, logonSettings } from "./settings";

/**
 * The CloudSSO side of the guide's sign-in step, from CloudSSO data as it is now: SSO is configured
 * while an IdP is configured and SSO Logon is on; a user has signed in once the Sign-in Log holds
 * a successful SSO logon.
 */
export async function cloudSsoSignInSteps(directoryId = DEFAULT_DIRECTORY_ID): Promise<ChecklistItem[]> {
  const [settings, lastSso] = await Promise.all([
    logonSettings(directoryId),
    db.ssoSignInLog.findFirst({ where: { directoryId, method: "SSO", result: "Success" }, orderBy: { id: "desc" }, select: { userName: true } }),
  ]);
  const idp = idpConfigured(settings);
  return [
    {
      step: 5,
      number: "5.1",
      label: "Configure SSO (Configure IdP and turn on SSO Logon)",
      done: idp && settings.ssoEnabled,
      href: "/cloudsso/settings",
      hint: !idp
        ? "Upload the IDaaS IdP metadata under Configure IdP, then paste the CloudSSO ACS URL and Entity ID into the IDaaS application's SSO tab."
        : settings.ssoEnabled
          ? undefined
          : "The IdP is configured; turn on the SSO Logon switch.",
    },
    {
      step: 5,
      number: "5.2",
      label: "Sign in as a user (IDaaS user portal › CloudSSO tile, or the Login URL › Redirect)",
      done: lastSso !== null,
      href: "/cloudsso/sign-in-log",
      hint: lastSso ? `Last SSO sign-in: ${lastSso.userName}.` : "The user must exist in CloudSSO (SCIM sync) under the same username.",
    },
  ];
}

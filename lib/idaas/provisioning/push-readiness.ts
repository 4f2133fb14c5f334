import { FULL_SCOPE_REQUIRED_MESSAGE } from "./config-schema";

/** The saved settings that decide whether anything may be sent to an application. */
export interface PushReadiness {
  applicationEnabled: boolean;
  provisioningEnabled: boolean;
  scimServerUrl: string;
  hasToken: boolean;
  fullScope: { accounts: boolean; groups: boolean };
}

/**
 * Why nothing may be sent to the application right now (real-time changes included), or null.
 * Checked in the order the admin meets the settings on the page, so the reason shown is the
 * first thing to fix.
 */
export function deliveryBlocker(r: PushReadiness): string | null {
  if (!r.applicationEnabled) return "The application is disabled. Enable it on the General tab or in the Applications list.";
  if (!r.provisioningEnabled) return "Provision IDaaS Accounts to Application is turned off.";
  if (!r.scimServerUrl) return "The SCIM Server URL is not saved.";
  if (!r.hasToken) return "The Bearer Token Key Mode is not saved.";
  return null;
}

/**
 * Why Push Now is unavailable, or null. The one rule behind the Provisioning tab's disabled
 * button, the Push Now API and the task runner, so none of them can allow what another refuses.
 */
export function pushNowBlocker(r: PushReadiness): string | null {
  return deliveryBlocker(r) ?? (r.fullScope.accounts || r.fullScope.groups ? null : FULL_SCOPE_REQUIRED_MESSAGE);
}

/** Readiness of a stored application and its provisioning row (the token stays encrypted). */
export function storedReadiness(
  app: { status: string },
  c: { enabled: boolean; scimServerUrl: string; tokenEncrypted: string; fullScopeAccounts: boolean; fullScopeGroups: boolean } | null,
): PushReadiness {
  return {
    applicationEnabled: app.status === "Enabled",
    provisioningEnabled: c?.enabled ?? false,
    scimServerUrl: c?.scimServerUrl ?? "",
    hasToken: (c?.tokenEncrypted ?? "") !== "",
    fullScope: { accounts: c?.fullScopeAccounts ?? false, groups: c?.fullScopeGroups ?? false },
  };
}

/** Readiness of a loaded provisioning target (the engine's view, token decrypted). */
export function targetReadiness(t: {
  applicationEnabled: boolean;
  provisioningEnabled: boolean;
  scimServerUrl: string;
  bearerToken: string;
  fullScope: { accounts: boolean; groups: boolean };
}): PushReadiness {
  return {
    applicationEnabled: t.applicationEnabled,
    provisioningEnabled: t.provisioningEnabled,
    scimServerUrl: t.scimServerUrl,
    hasToken: t.bearerToken !== "",
    fullScope: t.fullScope,
  };
}

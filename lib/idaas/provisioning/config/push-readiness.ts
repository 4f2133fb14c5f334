import { FULL_SCOPE_REQUIRED_MESSAGE } from "./config-schema";

/** The saved settings that decide whether anything may be sent to an application. */
export interface PushReadiness {
  applicationEnabled: boolean;
  provisioningEnabled: boolean;
  scimServerUrl: string;
  hasToken: boolean;
  fullScope: { accounts: boolean; groups: boolean };
}

type BlockingSetting = "application" | "switch" | "url" | "token";

/** The first setting that stops anything being sent, in the order the admin meets them on the page. */
function blockingSetting(r: PushReadiness): BlockingSetting | null {
  if (!r.applicationEnabled) return "application";
  if (!r.provisioningEnabled) return "switch";
  if (!r.scimServerUrl) return "url";
  if (!r.hasToken) return "token";
  return null;
}

const BLOCKED: Record<BlockingSetting, string> = {
  application: "The application is disabled. Enable it on the General tab or in the Applications list.",
  switch: "Provision IDaaS Accounts to Application is turned off.",
  url: "The SCIM Server URL is not saved.",
  token: "The Bearer Token Key Mode is not saved.",
};

/** What a real-time change kept meanwhile says on its log entry (the health summary quotes it). */
const DEFERRED: Record<BlockingSetting, string> = {
  application: "Deferred — application disabled. Delivered when the application is enabled again.",
  switch: "Deferred — Provision IDaaS Accounts to Application is turned off. Delivered when it is turned on again.",
  url: "Deferred — the SCIM Server URL is not saved. Delivered once it is.",
  token: "Deferred — the Bearer Token Key Mode is not saved. Delivered once it is.",
};

/** Why nothing may be sent to the application right now (real-time changes included), or null. */
export function deliveryBlocker(r: PushReadiness): string | null {
  const setting = blockingSetting(r);
  return setting ? BLOCKED[setting] : null;
}

/** Why real-time changes are kept instead of delivered (the same rule), or null when they go out. */
export function deferralReason(r: PushReadiness): string | null {
  const setting = blockingSetting(r);
  return setting ? DEFERRED[setting] : null;
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

/**
 * Why an application's real-time changes are kept instead of delivered, or null when they go out
 * now. The text is what the Real-time Log Entries show on each kept change.
 */
export function deferralReason(s: { applicationEnabled: boolean; provisioningEnabled: boolean; connectionSaved: boolean }): string | null {
  if (!s.applicationEnabled) return "Deferred — application disabled. Delivered when the application is enabled again.";
  if (!s.provisioningEnabled) {
    return "Deferred — Provision IDaaS Accounts to Application is turned off. Delivered when it is turned on again.";
  }
  if (!s.connectionSaved) return "Deferred — the SCIM Server URL and Bearer Token Key Mode are not saved. Delivered once they are.";
  return null;
}

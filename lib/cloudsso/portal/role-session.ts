import "server-only";

/**
 * When a role session opened now ends: the access configuration's Session Duration, cut at the end
 * of the 8-hour portal session it was opened from.
 */
export function roleSessionExpiry(sessionDurationSeconds: number, portalSessionExpiresAt: Date): Date {
  return new Date(Math.min(Date.now() + sessionDurationSeconds * 1000, portalSessionExpiresAt.getTime()));
}

/** The RAM role an access configuration is provisioned as in a member account (CloudSSO). */
export const reservedRoleName = (accessConfigurationName: string) => `AliyunReservedSSO-${accessConfigurationName}`;

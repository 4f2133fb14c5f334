// Shared by the server (health.ts) and the console banner: no database access here.

/**
 * An application's real-time provisioning health, from its outbox: what is waiting, kept while it
 * cannot push, retried after failures, or failed for good — shown as a banner with Retry Now and
 * as a column of the Applications list.
 */
export interface ProvisioningHealth {
  applicationId: string;
  state: "Healthy" | "Waiting" | "Deferred" | "Failing";
  /** Changes not delivered yet (waiting, in flight, retried or kept). */
  waiting: number;
  deferred: number;
  retrying: number;
  failed: number;
  failingSince: string | null;
  /** When the oldest undelivered change was made (a long wait is worth a banner too). */
  oldestWaitingAt: string | null;
  lastError: string | null;
  /** One line for the banner and the Applications list. */
  summary: string;
}

/** Changes waiting longer than this without failing still get a banner (a slow or stuck target). */
export const LONG_WAIT_MS = 10_000;

export function needsAttention(h: ProvisioningHealth, now = Date.now()): boolean {
  if (h.state === "Failing" || h.state === "Deferred") return true;
  return h.state === "Waiting" && !!h.oldestWaitingAt && now - Date.parse(h.oldestWaitingAt) > LONG_WAIT_MS;
}


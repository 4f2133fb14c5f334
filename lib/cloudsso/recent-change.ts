/**
 * The one rule for the live views' highlight (issue 11 item 5): an object whose last write — a
 * console edit or a SCIM request — happened within the last minute counts as recently changed.
 * Decided on the server, with the server's clock, each time the list is read.
 */
export const RECENT_CHANGE_MS = 60_000;

export function changedRecently(times: (Date | null | undefined)[], now = Date.now()): boolean {
  return times.some((t) => t != null && now - t.getTime() < RECENT_CHANGE_MS);
}

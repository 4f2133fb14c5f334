/**
 * In-process wake-up for the access task worker: a route that wrote tasks calls wakeAccessWorker()
 * so the worker starts at once instead of at its next poll (another process, e.g. the CLI, is
 * picked up by the poll). Kept on globalThis: Next.js may load this module more than once.
 */
const g = globalThis as unknown as { cloudSsoAccessWake?: Set<() => void> };
const listeners: Set<() => void> = (g.cloudSsoAccessWake ??= new Set());

export function onAccessWorkerWake(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function wakeAccessWorker(): void {
  for (const fn of listeners) fn();
}

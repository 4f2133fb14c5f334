import { EventEmitter } from "node:events";

/**
 * In-process wake-up for the provisioning engine. Route handlers call `notifyProvisioning()`
 * after a directory change commits so the push starts at once instead of at the next poll.
 * Kept on globalThis because Next.js may load this module in several bundles of one process.
 */
const g = globalThis as unknown as { provisioningWake?: EventEmitter };
const emitter = (g.provisioningWake ??= new EventEmitter().setMaxListeners(50));

export function notifyProvisioning(): void {
  emitter.emit("wake");
}

export function onProvisioningWake(listener: () => void): () => void {
  emitter.on("wake", listener);
  return () => emitter.off("wake", listener);
}

import "server-only";
import { ensurePragmas } from "@/lib/db";
import { ensureAdmin } from "@/lib/admin";
import { ensureDefaultDirectory } from "@/lib/cloudsso/directory";
import { refoldUserLookupsOnce } from "@/lib/cloudsso/user-lookup-refold";
import { ensureDefaultInstance } from "@/lib/idaas/instance";
import { startProvisioningEngine } from "@/lib/idaas/provisioning/engine/engine";

const g = globalThis as unknown as { serverProcessStarted?: boolean };

/** Process start-up: called from instrumentation.ts once per server process. */
export async function startServerProcess() {
  await ensurePragmas();
  await ensureAdmin();
  await ensureDefaultDirectory();
  refoldUserLookupsOnce();
  await ensureDefaultInstance();
  // Guarded on globalThis: Next.js may evaluate this module more than once per process.
  if (g.serverProcessStarted) return;
  g.serverProcessStarted = true;
  // PROVISIONING_ENGINE=external when scripts/provisioning-worker.ts runs the engine instead.
  if (process.env.PROVISIONING_ENGINE !== "external") startProvisioningEngine();
}

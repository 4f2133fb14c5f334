import { ensurePragmas } from "@/lib/db";
import { ensureAdmin } from "@/lib/admin";
import { ensureDefaultDirectory } from "@/lib/cloudsso/directory";

/** Process start-up: called from instrumentation.ts once per server process. */
export async function startServerProcess() {
  await ensurePragmas();
  await ensureAdmin();
  await ensureDefaultDirectory();
}

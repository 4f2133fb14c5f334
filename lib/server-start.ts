import { ensurePragmas } from "@/lib/db";
import { ensureAdmin } from "@/lib/admin";
import { ensureDefaultDirectory } from "@/lib/cloudsso/directory";
import { ensureDefaultInstance } from "@/lib/idaas/instance";

/** Process start-up: called from instrumentation.ts once per server process. */
export async function startServerProcess() {
  await ensurePragmas();
  await ensureAdmin();
  await ensureDefaultDirectory();
  await ensureDefaultInstance();
}

import "server-only";
import { ensurePragmas } from "@/lib/db";
import { ensureAdmin } from "@/lib/admin";
import { ensureDefaultDirectory } from "@/lib/cloudsso/directory";
import { refoldUserLookupsOnce } from "@/lib/cloudsso/user-lookup-refold";
import { ensureDefaultInstance } from "@/lib/idaas/instance";
import { loadSampleDataOnFirstStart, sampleDataLoadedLine } from "@/lib/demo/sample-data";
import { startProvisioningEngine } from "@/lib/idaas/provisioning/engine/engine";
import { portalStartLine } from "@/lib/demo/portal-line";
import { signingKey } from "@/lib/idaas/sso/signing-key";
import { publicOrigin } from "@/lib/saml/public-origin";
import { startAccessWorker } from "@/lib/cloudsso/access/worker";

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
  await loadSampleData();
  await prepareIdaasSso();
  // PROVISIONING_ENGINE=external when scripts/provisioning-worker.ts runs the engine instead.
  if (process.env.PROVISIONING_ENGINE !== "external") startProvisioningEngine();
  // CloudSSO access tasks (issue 13): one worker per database (lease), resumes unfinished tasks.
  // ACCESS_WORKER=off leaves tasks queued (tests that compare database snapshots).
  if (process.env.ACCESS_WORKER !== "off") startAccessWorker();
}

/** First start of a database: the sample organization and CloudSSO users, unless SAMPLE_DATA=off. */
async function loadSampleData() {
  try {
    const outcome = await loadSampleDataOnFirstStart();
    if (outcome.kind === "loaded") console.log(sampleDataLoadedLine(outcome.summary));
    else if (outcome.kind === "off") console.log("First start with SAMPLE_DATA=off: IDaaS and CloudSSO start empty.");
  } catch (err) {
    // The console works without the sample; say why it is missing instead of failing the start.
    const lines = String(err instanceof Error ? err.message : err).trim().split("\n");
    console.error(`Could not load the sample data: ${lines[lines.length - 1].trim()}`);
  }
}

/** The IDaaS IdP's signing key is generated on first start (kept in DATA_DIR); the portal line for trainers. */
async function prepareIdaasSso() {
  try {
    await signingKey();
    const line = await portalStartLine(publicOrigin());
    if (line) console.log(line);
  } catch (err) {
    console.error(`IDaaS SSO is not ready: ${err instanceof Error ? err.message : String(err)}`);
  }
}

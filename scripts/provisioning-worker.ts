// The provisioning engine as its own process: `tsx --conditions=react-server scripts/provisioning-worker.ts`
// (the condition lets the server modules' `import "server-only"` load, as in `npm run` scripts).
// Start the web server with PROVISIONING_ENGINE=external to leave the work to this process
// (otherwise the two share it safely: only the lease holder delivers).
import { ensurePragmas } from "@/lib/db";
import { startProvisioningEngine, stopProvisioningEngine } from "@/lib/idaas/provisioning/engine/engine";

async function main() {
  await ensurePragmas();
  startProvisioningEngine();
  console.log("provisioning worker started");
  const stop = async () => {
    await stopProvisioningEngine();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

void main();

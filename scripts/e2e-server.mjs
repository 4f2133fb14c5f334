// Starts the production build for Playwright on a fresh throwaway database.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { serverNodeOptions } from "./server-heap.mjs";

const port = process.argv[2] ?? "3100";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "scim-e2e-"));
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_URL: `file:${path.join(dataDir, "app.db")}`,
  PORT: port,
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  ADMIN_USERNAME: process.env.E2E_ADMIN_USERNAME ?? "admin",
  ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD ?? "Test-Admin-Pass-1",
  NODE_ENV: "production",
  // The journeys build their own directories; e2e/trainer-start.spec.ts starts its own server
  // to see the first start's sample data.
  SAMPLE_DATA: "off",
};
// The heap bound `npm start` gives the server.
env.NODE_OPTIONS = serverNodeOptions(env);
const bin = (name) => path.join(process.cwd(), "node_modules", ".bin", name);
execFileSync(bin("prisma"), ["migrate", "deploy"], { env, stdio: ["ignore", "ignore", "inherit"] });
const child = spawn(process.execPath, [path.join(import.meta.dirname, "server.mjs"), "-p", port, "-H", "127.0.0.1"], { env, stdio: "inherit" });
const stop = () => child.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code) => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});

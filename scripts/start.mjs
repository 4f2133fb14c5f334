// `npm start` / `npm run dev`: apply committed migrations to the configured database, then hand
// over to the production server (scripts/server.mjs) or `next dev`. Works on a fresh machine with
// no database set up. The server's first start on a new database loads the sample data unless
// SAMPLE_DATA=off (lib/server-start.ts).
import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { serverNodeOptions } from "./server-heap.mjs";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const bin = (name) => path.join(process.cwd(), "node_modules", ".bin", name);
execFileSync(bin("prisma"), ["migrate", "deploy"], { stdio: ["ignore", "ignore", "inherit"] });
const port = process.env.PORT ?? "3000";
// The production server runs with a bounded heap (scripts/server-heap.mjs); `next dev` keeps Node's default.
const env = mode === "start" ? { ...process.env, NODE_OPTIONS: serverNodeOptions(process.env) } : process.env;
const hostArgs = process.env.HOST ? ["-H", process.env.HOST] : [];
const [command, args] =
  mode === "start" ? [process.execPath, [path.join(import.meta.dirname, "server.mjs"), "-p", port, ...hostArgs]] : [bin("next"), ["dev", "-p", port, ...hostArgs]];
const child = spawn(command, args, {
  stdio: "inherit",
  env,
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));

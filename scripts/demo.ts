// `npm run demo`: the app with a sample organization (IDaaS) and a CloudSSO directory with two
// manual users, in its own data folder (data/demo unless DATA_DIR is set). Prints URL and login.
// `npm run demo -- --reset`: put the demo data back to its starting point and exit (a running
// demo server shows the reset data on the next page load).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DEMO_ACCOUNT_PASSWORD } from "@/lib/demo/sample-directory";
import { serverNodeOptions } from "./server-heap.mjs";

const root = path.resolve(__dirname, "..");
const reset = process.argv.includes("--reset");
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, "data", "demo"));
const port = process.env.PORT ?? "3000";
const origin = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
const admin = { username: process.env.ADMIN_USERNAME ?? "admin", password: process.env.ADMIN_PASSWORD ?? "Demo-Admin-2026" };

Object.assign(process.env, {
  DATA_DIR: dataDir,
  DATABASE_URL: process.env.DATABASE_URL ?? `file:${path.join(dataDir, "app.db")}`,
  ADMIN_USERNAME: admin.username,
  ADMIN_PASSWORD: admin.password,
  PUBLIC_URL: origin,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? origin,
});

const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

/**
 * `migrate deploy` takes a write lock that a running demo server can hold, and Prisma's WASM
 * engine then fails with an unreadable error; so it only runs when `migrate status` says
 * migrations are pending (or there is no database yet).
 */
function migrate() {
  const prisma = (...args: string[]) => execFileSync(bin("prisma"), args, { cwd: root, stdio: "pipe" });
  try {
    prisma("migrate", "status");
    return;
  } catch {
    // Exit code 1: pending migrations or a new database; deploy below.
  }
  try {
    prisma("migrate", "deploy");
  } catch {
    throw new Error(
      `Could not apply the database migrations to ${process.env.DATABASE_URL}. If a demo server is running on it, stop it (Ctrl+C) and run this command again.`,
    );
  }
}

async function main() {
  fs.mkdirSync(dataDir, { recursive: true });
  migrate();
  // Imported after the environment is set: lib/db opens DATABASE_URL on import.
  const { ensurePragmas, db } = await import("@/lib/db");
  const { ensureAdmin } = await import("@/lib/admin");
  const { resetDemo, seedDemoIfEmpty } = await import("@/lib/demo/seed-demo");
  const { markFirstStart, showSampleDataNotice } = await import("@/lib/demo/sample-data");
  await ensurePragmas();
  await ensureAdmin();
  const summary = reset ? await resetDemo() : await seedDemoIfEmpty();
  // The server started below must not treat this database as a first start: it is seeded here.
  await markFirstStart("demo");
  // The CloudSSO Login URL (user portal) is formed by the directory name (Settings › Directory Information).
  const { ensureDefaultDirectory } = await import("@/lib/cloudsso/directory");
  const { logonSettings } = await import("@/lib/cloudsso/sso/settings");
  const { loginUrl } = await import("@/lib/cloudsso/sso/urls");
  await ensureDefaultDirectory();
  const cloudSsoLoginUrl = loginUrl(origin, (await logonSettings()).directoryName);
  if (summary && !reset) await showSampleDataNotice(summary);
  await db.$disconnect();
  if (summary) {
    console.log(
      `Demo data ${reset ? "reset" : "created"}: ${summary.units} organizational units, ${summary.accounts} accounts, ` +
        `${summary.groups} groups; CloudSSO directory with ${summary.cloudSsoUsers} manual users.`,
    );
  } else {
    console.log("Demo data already present (run `npm run demo -- --reset` to start over).");
  }
  if (reset) return;

  const production = fs.existsSync(path.join(root, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"));
  // A production server gets the heap bound `npm start` gives it (scripts/server-heap.mjs).
  const env = production ? { ...process.env, NODE_OPTIONS: serverNodeOptions(process.env) } : process.env;
  const [command, args] = production ? [process.execPath, [path.join(root, "scripts/server.mjs"), "-p", port]] : [bin("next"), ["dev", "-p", port]];
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
  let announced = false;
  child.stdout!.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /ready|started|Local:/i.test(chunk.toString())) {
      announced = true;
      console.log("\n──────────────────────────────────────────────");
      console.log(` Demo running at ${origin}`);
      console.log(` Sign in: ${admin.username} / ${admin.password}`);
      console.log(` IDaaS:   ${origin}/idaas   CloudSSO: ${origin}/cloudsso`);
      console.log(` IDaaS user portal: ${origin}/portal/idaas-default   sample accounts' password: ${DEMO_ACCOUNT_PASSWORD}`);
      console.log(` CloudSSO Login URL (user portal): ${cloudSsoLoginUrl}`);
      console.log(" Follow the guide Sync to CloudSSO via SCIM on the home page after signing in.");
      console.log("──────────────────────────────────────────────\n");
    }
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((err) => {
  // One line, never a stack trace; Prisma puts the cause on the last line of its messages.
  const lines = String(err instanceof Error ? err.message : err).trim().split("\n");
  console.error(`Demo ${reset ? "reset" : "start"} failed: ${lines[lines.length - 1].trim()}`);
  process.exit(1);
});

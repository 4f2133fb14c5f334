import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { serverNodeOptions } from "../../scripts/server-heap.mjs";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import type { TestProject } from "vitest/node";
import type {} from "vitest";

/**
 * Starts the production build (scripts/server.mjs, what `npm start` runs) on a free port with a throwaway database, for
 * integration tests that talk to the app over real HTTP. Requires `npm run build` first.
 */
export const ADMIN = { username: "admin", password: "Test-Admin-Pass-1" };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export interface StartedApp {
  baseUrl: string;
  dataDir: string;
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  child: ChildProcess;
  stop(): Promise<void>;
  output(): string;
}

/** Start the app; pass an existing dataDir to restart on the same database. */
export async function startApp(opts: { dataDir?: string; env?: Record<string, string | undefined> } = {}): Promise<StartedApp> {
  const root = path.resolve(__dirname, "../..");
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  if (!fs.existsSync(path.join(root, distDir, "BUILD_ID"))) {
    throw new Error(`No production build in ${distDir}: run \`npm run build\` before the integration tests.`);
  }
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "scim-it-"));
  const port = await freePort();
  const databaseUrl = `file:${path.join(dataDir, "app.db")}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    NODE_ENV: "production",
    // The tests count objects from an empty directory; a test that wants the first start's sample
    // data passes { SAMPLE_DATA: undefined } (tests/integration/sample-data-first-start.test.ts).
    SAMPLE_DATA: "off",
    ...opts.env,
  };
  // The heap bound `npm start` gives the server (scripts/server-heap.mjs).
  env.NODE_OPTIONS = serverNodeOptions(env);
  execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], { cwd: root, env, stdio: "pipe" });
  let log = "";
  // SERVER_NODE_ARGS (benchmarks): Node flags NODE_OPTIONS refuses, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, "scripts/server.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited early:\n${log}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`The server did not become healthy:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    dataDir,
    databaseUrl,
    env,
    child,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const app = await startApp();
  project.provide("baseUrl", app.baseUrl);
  project.provide("dataDir", app.dataDir);
  project.provide("databaseUrl", app.databaseUrl);
  return async () => {
    await app.stop();
  };
}

/** For scripts (benchmarks): start the app and point this process's own database access at it. */
export async function startAppForThisProcess(): Promise<StartedApp> {
  const app = await startApp();
  process.env.DATABASE_URL = app.databaseUrl;
  process.env.DATA_DIR = app.dataDir;
  return app;
}

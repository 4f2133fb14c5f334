import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";

const root = path.resolve(__dirname, "../..");

/**
 * How tests run a project script, as `npm run` does: tsx with the react-server condition, so the
 * server modules' `import "server-only"` resolves to its server build.
 */
export const TSX = path.join(root, "node_modules/.bin/tsx");
export const scriptArgs = (script: string, ...args: string[]) => ["--conditions=react-server", script, ...args];

/** The CloudSSO admin CLI (`npm run cloudsso`) against a started app's database; returns what it printed. */
export function cloudSsoCliText(db: { databaseUrl: string; dataDir: string }) {
  return (...args: string[]): string =>
    execFileSync(TSX, scriptArgs("scripts/cloudsso-cli.ts", ...args), {
      cwd: root,
      env: { ...process.env, DATABASE_URL: db.databaseUrl, DATA_DIR: db.dataDir },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
}

/** The CLI with `--json`, as a trainer scripts it: the last printed line, parsed. */
export function cloudSsoCli(db: { databaseUrl: string; dataDir: string }) {
  const text = cloudSsoCliText(db);
  return (...args: string[]): Record<string, unknown> => JSON.parse(text(...args, "--json").trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>;
}

/**
 * A fresh SCIM credential. Test files share one server and CloudSSO allows two credentials per
 * directory, so the ones earlier files left are deleted first.
 */
export function freshScimCredential(cli: ReturnType<typeof cloudSsoCli>): { credentialId: string; secret: string } {
  const listed = cli("ListSCIMServerCredentials") as { SCIMServerCredentials: { CredentialId: string }[] };
  for (const c of listed.SCIMServerCredentials) cli("DeleteSCIMServerCredential", "--credential-id", c.CredentialId);
  const created = cli("CreateSCIMServerCredential");
  return { credentialId: String(created.CredentialId), secret: String(created.CredentialSecret) };
}

/**
 * For a test file: SCIM synchronization on and a fresh credential before its tests (read
 * `.secret` in a later beforeAll or in the tests), the credential deleted after them.
 */
export function scimCredentialForFile(cli: ReturnType<typeof cloudSsoCli>): { credentialId: string; secret: string } {
  const held = { credentialId: "", secret: "" };
  beforeAll(() => {
    cli("SetSCIMSynchronizationStatus", "--status", "Enabled");
    Object.assign(held, freshScimCredential(cli));
  });
  afterAll(() => {
    if (held.credentialId) cli("DeleteSCIMServerCredential", "--credential-id", held.credentialId);
  });
  return held;
}

import { execFileSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

/**
 * The CloudSSO admin CLI (`npm run cloudsso`) against a started app's database, as a trainer runs
 * it; `--json` is added and the last printed line parsed.
 */
export function cloudSsoCli(db: { databaseUrl: string; dataDir: string }) {
  return (...args: string[]): Record<string, unknown> => {
    const out = execFileSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/cloudsso-cli.ts", ...args, "--json"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: db.databaseUrl, DATA_DIR: db.dataDir },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>;
  };
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

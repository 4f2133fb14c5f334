/**
 * CloudSSO admin CLI mirroring the CloudSSO OpenAPI actions trainers script against.
 * Usage: npm run cloudsso -- <Action> [--flag value] [--json]
 * Works while the server runs: it opens the same SQLite database (WAL) via DATABASE_URL.
 */
import { ensurePragmas } from "@/lib/db";
import { getScimStatus, setScimStatus, ensureDefaultDirectory } from "@/lib/cloudsso/directory";
import {
  createCredential,
  deleteCredential,
  listCredentials,
  setCredentialStatus,
} from "@/lib/cloudsso/credentials";
import { DomainError } from "@/lib/errors";

type Flags = Record<string, string | true>;

function parseArgs(argv: string[]): { action: string; flags: Flags } {
  const [action = "help", ...rest] = argv;
  const flags: Flags = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith("--")) throw new UsageError(`Unexpected argument "${arg}".`);
    const [name, inline] = arg.slice(2).split("=", 2);
    if (inline !== undefined) flags[name] = inline;
    else if (rest[i + 1] !== undefined && !rest[i + 1].startsWith("--")) flags[name] = rest[++i];
    else flags[name] = true;
  }
  return { action, flags };
}

class UsageError extends Error {}

function requireFlag(flags: Flags, name: string): string {
  const v = flags[name];
  if (typeof v !== "string" || v === "") throw new UsageError(`--${name} is required.`);
  return v;
}

function statusFlag(flags: Flags): "Enabled" | "Disabled" {
  const v = requireFlag(flags, "status");
  if (v !== "Enabled" && v !== "Disabled") throw new UsageError(`--status must be Enabled or Disabled, got "${v}".`);
  return v;
}

const HELP = `CloudSSO admin CLI

  SetSCIMSynchronizationStatus --status Enabled|Disabled
  GetSCIMSynchronizationStatus
  CreateSCIMServerCredential            (prints the secret once; --json for machine output)
  ListSCIMServerCredentials
  UpdateSCIMServerCredentialStatus --credential-id <id> --status Enabled|Disabled
  DeleteSCIMServerCredential --credential-id <id>

Options: --directory-id <id> (default: the console's directory), --json`;

async function run(action: string, flags: Flags): Promise<unknown> {
  const directoryId = typeof flags["directory-id"] === "string" ? flags["directory-id"] : undefined;
  switch (action) {
    case "SetSCIMSynchronizationStatus": {
      const enabled = statusFlag(flags) === "Enabled";
      await setScimStatus(enabled, directoryId);
      return { SCIMSynchronizationStatus: enabled ? "Enabled" : "Disabled" };
    }
    case "GetSCIMSynchronizationStatus":
      return { SCIMSynchronizationStatus: (await getScimStatus(directoryId)) ? "Enabled" : "Disabled" };
    case "CreateSCIMServerCredential":
      return createCredential(directoryId);
    case "ListSCIMServerCredentials":
      return { SCIMServerCredentials: await listCredentials(directoryId) };
    case "UpdateSCIMServerCredentialStatus":
      return setCredentialStatus(requireFlag(flags, "credential-id"), statusFlag(flags), directoryId);
    case "DeleteSCIMServerCredential":
      await deleteCredential(requireFlag(flags, "credential-id"), directoryId);
      return { Deleted: requireFlag(flags, "credential-id") };
    case "help":
    case "--help":
      console.log(HELP);
      return undefined;
    default:
      throw new UsageError(`Unknown action "${action}".\n\n${HELP}`);
  }
}

function printHuman(action: string, result: unknown) {
  if (action === "CreateSCIMServerCredential") {
    const r = result as { CredentialId: string; CredentialSecret: string; ExpireTime: string };
    console.log(`SCIM credential ${r.CredentialId} created (expires ${r.ExpireTime}).`);
    console.log(`Secret (shown only once — copy it now): ${r.CredentialSecret}`);
    return;
  }
  if (action === "ListSCIMServerCredentials") {
    const rows = (result as { SCIMServerCredentials: Record<string, string>[] }).SCIMServerCredentials;
    if (rows.length === 0) console.log("No SCIM credentials.");
    for (const r of rows) console.log(`${r.CredentialId}\t${r.CredentialType}\t${r.Status}\tcreated ${r.CreateTime}\texpires ${r.ExpireTime}`);
    return;
  }
  for (const [k, v] of Object.entries(result as Record<string, unknown>)) console.log(`${k}: ${v}`);
}

async function main() {
  const { action, flags } = parseArgs(process.argv.slice(2));
  await ensurePragmas();
  await ensureDefaultDirectory();
  const result = await run(action, flags);
  if (result === undefined) return;
  if (flags.json) console.log(JSON.stringify(result));
  else printHuman(action, result);
}

main().then(
  () => process.exit(0),
  (err) => {
    if (err instanceof UsageError || err instanceof DomainError) console.error(`Error: ${err.message}`);
    else console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);

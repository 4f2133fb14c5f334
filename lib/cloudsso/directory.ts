import "server-only";
import { db } from "@/lib/db";

/** The console manages one directory; SCIM credentials may select others (tests, isolation). */
export const DEFAULT_DIRECTORY_ID = "d-default";

export async function ensureDefaultDirectory() {
  return db.ssoDirectory.upsert({
    where: { id: DEFAULT_DIRECTORY_ID },
    update: {},
    create: { id: DEFAULT_DIRECTORY_ID, name: "CloudSSO Directory" },
  });
}

export async function getScimStatus(directoryId = DEFAULT_DIRECTORY_ID): Promise<boolean> {
  const dir = await ensureDefaultDirectoryFor(directoryId);
  return dir.scimEnabled;
}

async function ensureDefaultDirectoryFor(directoryId: string) {
  if (directoryId === DEFAULT_DIRECTORY_ID) return ensureDefaultDirectory();
  const dir = await db.ssoDirectory.findUnique({ where: { id: directoryId } });
  if (!dir) throw new Error(`Directory ${directoryId} does not exist`);
  return dir;
}

export async function setScimStatus(enabled: boolean, directoryId = DEFAULT_DIRECTORY_ID) {
  await ensureDefaultDirectoryFor(directoryId);
  return db.ssoDirectory.update({ where: { id: directoryId }, data: { scimEnabled: enabled } });
}

/** SCIM endpoint shown in Settings: PUBLIC_URL when set, else the request's origin. */
export function scimEndpoint(requestOrigin: string): string {
  const origin = (process.env.PUBLIC_URL ?? requestOrigin).replace(/\/+$/, "");
  return `${origin}/scim/v2`;
}

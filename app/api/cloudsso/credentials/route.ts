import { consoleApi } from "@/lib/api-handler";
import { createCredential, listCredentials } from "@/lib/cloudsso/credentials";

export const dynamic = "force-dynamic";

export const GET = consoleApi(async () => ({ items: await listCredentials() }));

/** The only response that ever carries the secret. */
export const POST = consoleApi(async () => createCredential());

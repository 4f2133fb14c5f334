import { consoleApi, parseBody } from "@/lib/api-handler";
import { deleteCredential, setCredentialStatus } from "@/lib/cloudsso/credentials";
import { credentialStatusSchema } from "@/lib/cloudsso/schemas";

type P = { credentialId: string };

export const PATCH = consoleApi<P>(async (req, { params }) => {
  const { status } = await parseBody(req, credentialStatusSchema);
  return setCredentialStatus(params.credentialId, status);
});

export const DELETE = consoleApi<P>(async (_req, { params }) => {
  await deleteCredential(params.credentialId);
  return { ok: true };
});

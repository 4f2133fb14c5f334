import { consoleApi } from "@/lib/api-handler";
import { getInstance } from "@/lib/idaas/instance";
import { rotateSigningKey } from "@/lib/idaas/sso/signing-key";

type P = { instanceId: string };

/** Rotate Certificate: a new IdP signing key and certificate (service providers must load the new metadata). */
export const POST = consoleApi<P>(async (_req, { params }) => {
  await getInstance(params.instanceId);
  return rotateSigningKey();
});

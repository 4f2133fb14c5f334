import { consoleApi, parseBody } from "@/lib/api-handler";
import { getAccount } from "@/lib/idaas/accounts";
import { hasPassword, resetAccountPassword } from "@/lib/idaas/portal/passwords";
import { resetPasswordSchema } from "@/lib/idaas/sso/schemas";

type P = { instanceId: string; accountId: string };

/** Whether the account has a user portal password (never the password or its hash). */
export const GET = consoleApi<P>(async (_req, { params }) => {
  await getAccount(params.instanceId, params.accountId);
  return hasPassword(params.accountId);
});

/** Reset Password. */
export const PUT = consoleApi<P>(async (req, { params }) => {
  const { password } = await parseBody(req, resetPasswordSchema);
  await resetAccountPassword(params.instanceId, params.accountId, password);
  return hasPassword(params.accountId);
});

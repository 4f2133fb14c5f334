import { consoleApi, parseBody } from "@/lib/api-handler";
import { deleteAccount, getAccount, updateAccount } from "@/lib/idaas/accounts";
import { accountInputSchema } from "@/lib/idaas/schemas";

type P = { instanceId: string; accountId: string };

export const GET = consoleApi<P>(async (_req, { params }) => getAccount(params.instanceId, params.accountId));

export const PATCH = consoleApi<P>(async (req, { params }) =>
  updateAccount(params.instanceId, params.accountId, await parseBody(req, accountInputSchema)),
);

export const DELETE = consoleApi<P>(async (_req, { params }) => {
  await deleteAccount(params.instanceId, params.accountId);
  return { ok: true };
});

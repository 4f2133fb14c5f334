import { consoleApi, parseBody } from "@/lib/api-handler";
import { deleteAccount, getAccountDetail, renameAccount } from "@/lib/cloudsso/access/resource-directory";
import { updateAccountSchema } from "@/lib/cloudsso/access/schemas";

type P = { accountId: string };

export const GET = consoleApi<P>(async (_req, { params }) => getAccountDetail(params.accountId));

export const PATCH = consoleApi<P>(async (req, { params }) => renameAccount(params.accountId, await parseBody(req, updateAccountSchema)));

export const DELETE = consoleApi<P>(async (_req, { params }) => {
  await deleteAccount(params.accountId);
  return { ok: true };
});

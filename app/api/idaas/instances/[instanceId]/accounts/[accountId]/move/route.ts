import { consoleApi, parseBody } from "@/lib/api-handler";
import { moveAccount } from "@/lib/idaas/accounts";
import { accountMoveSchema } from "@/lib/idaas/schemas";

type P = { instanceId: string; accountId: string };

export const POST = consoleApi<P>(async (req, { params }) =>
  moveAccount(params.instanceId, params.accountId, await parseBody(req, accountMoveSchema)),
);

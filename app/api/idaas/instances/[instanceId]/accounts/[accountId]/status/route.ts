import { consoleApi, parseBody } from "@/lib/api-handler";
import { setAccountStatus } from "@/lib/idaas/accounts";
import { accountStatusInputSchema } from "@/lib/idaas/schemas";

type P = { instanceId: string; accountId: string };

/** Enable / disable: `{ "status": "Enabled" | "Disabled" }` */
export const POST = consoleApi<P>(async (req, { params }) => {
  const { status } = await parseBody(req, accountStatusInputSchema);
  return setAccountStatus(params.instanceId, params.accountId, status);
});

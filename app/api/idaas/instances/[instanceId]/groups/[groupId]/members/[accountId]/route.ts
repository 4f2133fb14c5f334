import { consoleApi } from "@/lib/api-handler";
import { removeGroupMember } from "@/lib/idaas/groups";

type P = { instanceId: string; groupId: string; accountId: string };

export const DELETE = consoleApi<P>(async (_req, { params }) => {
  await removeGroupMember(params.instanceId, params.groupId, params.accountId);
  return { ok: true };
});

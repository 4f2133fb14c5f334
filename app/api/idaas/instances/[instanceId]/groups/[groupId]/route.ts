import { consoleApi, parseBody } from "@/lib/api-handler";
import { deleteGroup, getGroup, updateGroup } from "@/lib/idaas/groups";
import { groupInputSchema } from "@/lib/idaas/schemas";

type P = { instanceId: string; groupId: string };

export const GET = consoleApi<P>(async (_req, { params }) => getGroup(params.instanceId, params.groupId));

export const PATCH = consoleApi<P>(async (req, { params }) =>
  updateGroup(params.instanceId, params.groupId, await parseBody(req, groupInputSchema)),
);

export const DELETE = consoleApi<P>(async (_req, { params }) => {
  await deleteGroup(params.instanceId, params.groupId);
  return { ok: true };
});

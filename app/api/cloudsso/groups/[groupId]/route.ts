import { consoleApi, parseBody } from "@/lib/api-handler";
import { deleteGroup, getGroup, updateGroup } from "@/lib/cloudsso/groups";
import { updateGroupSchema } from "@/lib/cloudsso/schemas";

type P = { groupId: string };

export const GET = consoleApi<P>(async (_req, { params }) => getGroup(params.groupId));

export const PATCH = consoleApi<P>(async (req, { params }) => updateGroup(params.groupId, await parseBody(req, updateGroupSchema)));

export const DELETE = consoleApi<P>(async (_req, { params }) => {
  await deleteGroup(params.groupId);
  return { ok: true };
});

import { consoleApi } from "@/lib/api-handler";
import { deleteGroup, getGroup, updateGroup } from "@/lib/cloudsso/groups";

type P = { groupId: string };

export const GET = consoleApi<P>(async (_req, { params }) => getGroup(params.groupId));

export const PATCH = consoleApi<P>(async (req, { params }) =>
  updateGroup(params.groupId, JSON.parse((await req.text()) || "{}")),
);

export const DELETE = consoleApi<P>(async (_req, { params }) => {
  await deleteGroup(params.groupId);
  return { ok: true };
});

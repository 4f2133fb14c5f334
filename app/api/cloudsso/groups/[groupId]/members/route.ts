import { consoleApi, pagingQuerySchema, parseBody, parseQuery } from "@/lib/api-handler";
import { addMembers, listMembers } from "@/lib/cloudsso/groups";
import { addMembersSchema } from "@/lib/cloudsso/schemas";

type P = { groupId: string };

export const GET = consoleApi<P>(async (req, { params }) => listMembers(params.groupId, parseQuery(req, pagingQuerySchema)));

export const POST = consoleApi<P>(async (req, { params }) => {
  const { userIds } = await parseBody(req, addMembersSchema);
  await addMembers(params.groupId, userIds);
  return { ok: true };
});

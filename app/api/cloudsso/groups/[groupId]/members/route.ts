import { consoleApi, pagingParams } from "@/lib/api-handler";
import { addMembers, listMembers } from "@/lib/cloudsso/groups";

type P = { groupId: string };

export const GET = consoleApi<P>(async (req, { params }) => listMembers(params.groupId, pagingParams(req)));

export const POST = consoleApi<P>(async (req, { params }) => {
  await addMembers(params.groupId, JSON.parse((await req.text()) || "{}"));
  return { ok: true };
});

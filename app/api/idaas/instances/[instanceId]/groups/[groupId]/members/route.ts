import { consoleApi, pagingQuerySchema, parseBody, parseQuery } from "@/lib/api-handler";
import { addGroupMembers, listGroupMembers } from "@/lib/idaas/groups";
import { groupMembersInputSchema } from "@/lib/idaas/schemas";

type P = { instanceId: string; groupId: string };

export const GET = consoleApi<P>(async (req, { params }) =>
  listGroupMembers(params.instanceId, params.groupId, parseQuery(req, pagingQuerySchema)),
);

/** `{ "accountIds": ["user-…", …] }`; accounts already in the group are skipped. */
export const POST = consoleApi<P>(async (req, { params }) =>
  addGroupMembers(params.instanceId, params.groupId, await parseBody(req, groupMembersInputSchema)),
);

import { consoleApi } from "@/lib/api-handler";
import { removeMember } from "@/lib/cloudsso/groups";

export const DELETE = consoleApi<{ groupId: string; userId: string }>(async (_req, { params }) => {
  await removeMember(params.groupId, params.userId);
  return { ok: true };
});

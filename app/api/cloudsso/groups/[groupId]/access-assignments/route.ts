import { consoleApi } from "@/lib/api-handler";
import { groupAssignments } from "@/lib/cloudsso/access/assignments";

export const GET = consoleApi<{ groupId: string }>(async (_req, { params }) => groupAssignments(params.groupId));

import { consoleApi } from "@/lib/api-handler";
import { userPermissions } from "@/lib/cloudsso/access/effective";

export const GET = consoleApi<{ userId: string }>(async (_req, { params }) => userPermissions(params.userId));

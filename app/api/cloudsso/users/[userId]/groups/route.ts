import { consoleApi } from "@/lib/api-handler";
import { listUserGroups } from "@/lib/cloudsso/users";

export const GET = consoleApi<{ userId: string }>(async (_req, { params }) => ({
  items: await listUserGroups(params.userId),
}));

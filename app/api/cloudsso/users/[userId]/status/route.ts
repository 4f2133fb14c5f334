import { consoleApi, parseBody } from "@/lib/api-handler";
import { setUserStatus } from "@/lib/cloudsso/users";
import { userStatusSchema } from "@/lib/cloudsso/schemas";

export const PUT = consoleApi<{ userId: string }>(async (req, { params }) => {
  const { status } = await parseBody(req, userStatusSchema);
  return setUserStatus(params.userId, status);
});

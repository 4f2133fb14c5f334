import { consoleApi, parseBody } from "@/lib/api-handler";
import { updateUserSchema } from "@/lib/cloudsso/schemas";
import { deleteUser, getUser, updateUser } from "@/lib/cloudsso/users";

type P = { userId: string };

export const GET = consoleApi<P>(async (_req, { params }) => getUser(params.userId));

export const PATCH = consoleApi<P>(async (req, { params }) => updateUser(params.userId, await parseBody(req, updateUserSchema)));

export const DELETE = consoleApi<P>(async (_req, { params }) => {
  await deleteUser(params.userId);
  return { ok: true };
});

import { consoleApi } from "@/lib/api-handler";
import { deleteUser, getUser, updateUser } from "@/lib/cloudsso/users";

type P = { userId: string };

export const GET = consoleApi<P>(async (_req, { params }) => getUser(params.userId));

export const PATCH = consoleApi<P>(async (req, { params }) =>
  updateUser(params.userId, JSON.parse((await req.text()) || "{}")),
);

export const DELETE = consoleApi<P>(async (_req, { params }) => {
  await deleteUser(params.userId);
  return { ok: true };
});

import { consoleApi, parseBody } from "@/lib/api-handler";
import { deleteUnit, renameUnit } from "@/lib/idaas/org-units";
import { unitRenameSchema } from "@/lib/idaas/schemas";

type P = { instanceId: string; unitId: string };

/** Rename. Moving has its own endpoint (…/move) because it has its own rules. */
export const PATCH = consoleApi<P>(async (req, { params }) =>
  renameUnit(params.instanceId, params.unitId, await parseBody(req, unitRenameSchema)),
);

export const DELETE = consoleApi<P>(async (_req, { params }) => {
  await deleteUnit(params.instanceId, params.unitId);
  return { ok: true };
});

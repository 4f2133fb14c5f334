import { consoleApi, parseBody } from "@/lib/api-handler";
import { moveUnit } from "@/lib/idaas/org-units";
import { unitMoveSchema } from "@/lib/idaas/schemas";

type P = { instanceId: string; unitId: string };

export const POST = consoleApi<P>(async (req, { params }) =>
  moveUnit(params.instanceId, params.unitId, await parseBody(req, unitMoveSchema)),
);

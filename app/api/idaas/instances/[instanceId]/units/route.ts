import { NextResponse } from "next/server";
import { consoleApi, parseBody } from "@/lib/api-handler";
import { createUnit, listUnits } from "@/lib/idaas/org-units";
import { unitCreateSchema } from "@/lib/idaas/schemas";

type P = { instanceId: string };

export const GET = consoleApi<P>(async (_req, { params }) => ({ items: await listUnits(params.instanceId) }));

export const POST = consoleApi<P>(async (req, { params }) => {
  const unit = await createUnit(params.instanceId, await parseBody(req, unitCreateSchema));
  return NextResponse.json(unit, { status: 201 });
});

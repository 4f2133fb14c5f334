import { NextResponse } from "next/server";
import { consoleApi, pagingQuerySchema, parseBody, parseQuery } from "@/lib/api-handler";
import { createGroup, listGroups } from "@/lib/idaas/groups";
import { groupInputSchema } from "@/lib/idaas/schemas";

type P = { instanceId: string };

export const GET = consoleApi<P>(async (req, { params }) => listGroups(params.instanceId, parseQuery(req, pagingQuerySchema)));

export const POST = consoleApi<P>(async (req, { params }) => {
  const group = await createGroup(params.instanceId, await parseBody(req, groupInputSchema));
  return NextResponse.json(group, { status: 201 });
});

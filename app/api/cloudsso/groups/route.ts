import { NextResponse } from "next/server";
import { consoleApi, pagingQuerySchema, parseBody, parseQuery } from "@/lib/api-handler";
import { createGroup, listGroups } from "@/lib/cloudsso/groups";
import { createGroupSchema } from "@/lib/cloudsso/schemas";

export const dynamic = "force-dynamic";

export const GET = consoleApi(async (req) => listGroups(parseQuery(req, pagingQuerySchema)));

export const POST = consoleApi(async (req) => {
  const data = await parseBody(req, createGroupSchema);
  return NextResponse.json(await createGroup(data), { status: 201 });
});

import { NextResponse } from "next/server";
import { consoleApi, pagingParams } from "@/lib/api-handler";
import { createGroup, listGroups } from "@/lib/cloudsso/groups";

export const dynamic = "force-dynamic";

export const GET = consoleApi(async (req) => listGroups(pagingParams(req)));

export const POST = consoleApi(async (req) => {
  const body = JSON.parse((await req.text()) || "{}");
  return NextResponse.json(await createGroup(body), { status: 201 });
});

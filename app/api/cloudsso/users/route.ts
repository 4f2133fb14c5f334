import { NextResponse } from "next/server";
import { consoleApi, pagingParams } from "@/lib/api-handler";
import { createUser, listUsers } from "@/lib/cloudsso/users";

export const dynamic = "force-dynamic";

export const GET = consoleApi(async (req) => listUsers(pagingParams(req)));

export const POST = consoleApi(async (req) => {
  const body = JSON.parse((await req.text()) || "{}");
  return NextResponse.json(await createUser(body), { status: 201 });
});

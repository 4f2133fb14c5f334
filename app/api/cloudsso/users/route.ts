import { NextResponse } from "next/server";
import { consoleApi, pagingQuerySchema, parseBody, parseQuery } from "@/lib/api-handler";
import { createUserSchema } from "@/lib/cloudsso/schemas";
import { createUser, listUsers } from "@/lib/cloudsso/users";

export const dynamic = "force-dynamic";

export const GET = consoleApi(async (req) => listUsers(parseQuery(req, pagingQuerySchema)));

export const POST = consoleApi(async (req) => {
  const data = await parseBody(req, createUserSchema);
  return NextResponse.json(await createUser(data), { status: 201 });
});

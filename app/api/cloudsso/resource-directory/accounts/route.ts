import { NextResponse } from "next/server";
import { consoleApi, parseBody } from "@/lib/api-handler";
import { createAccount } from "@/lib/cloudsso/access/resource-directory";
import { createAccountSchema } from "@/lib/cloudsso/access/schemas";

export const POST = consoleApi(async (req) => NextResponse.json(await createAccount(await parseBody(req, createAccountSchema)), { status: 201 }));

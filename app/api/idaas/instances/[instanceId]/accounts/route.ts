import { NextResponse } from "next/server";
import { consoleApi, pagingParams, parseBody } from "@/lib/api-handler";
import { createAccount, listAccounts } from "@/lib/idaas/accounts";
import { accountInputSchema } from "@/lib/idaas/schemas";

type P = { instanceId: string };

/** `?unitId=&includeSubUnits=true&status=&search=&page=&pageSize=` */
export const GET = consoleApi<P>(async (req, { params }) => {
  const { page, pageSize, search, searchParams } = pagingParams(req);
  return listAccounts(params.instanceId, {
    page,
    pageSize,
    search,
    unitId: searchParams.get("unitId") || undefined,
    includeSubUnits: searchParams.get("includeSubUnits") === "true",
    status: searchParams.get("status") || undefined,
  });
});

export const POST = consoleApi<P>(async (req, { params }) => {
  const account = await createAccount(params.instanceId, await parseBody(req, accountInputSchema));
  return NextResponse.json(account, { status: 201 });
});

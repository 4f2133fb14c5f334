import { NextResponse } from "next/server";
import { consoleApi, pagingQuerySchema, parseBody, parseQuery } from "@/lib/api-handler";
import { createAccount, listAccounts } from "@/lib/idaas/accounts";
import { accountInputSchema, accountListFiltersSchema, ignoringBlankParams } from "@/lib/idaas/schemas";

type P = { instanceId: string };

const listQuerySchema = ignoringBlankParams(pagingQuerySchema.extend(accountListFiltersSchema.shape));

/** `?unitId=&includeSubUnits=false&status=&search=&page=&pageSize=` (sub-units are included unless `false`) */
export const GET = consoleApi<P>(async (req, { params }) => listAccounts(params.instanceId, parseQuery(req, listQuerySchema)));

export const POST = consoleApi<P>(async (req, { params }) => {
  const account = await createAccount(params.instanceId, await parseBody(req, accountInputSchema));
  return NextResponse.json(account, { status: 201 });
});

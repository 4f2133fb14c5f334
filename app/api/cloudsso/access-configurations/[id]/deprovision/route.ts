import { NextResponse } from "next/server";
import { consoleApi, parseBody } from "@/lib/api-handler";
import { deprovisionAccessConfiguration } from "@/lib/cloudsso/access/assignments";
import { deprovisionSchema } from "@/lib/cloudsso/access/schemas";

export const POST = consoleApi<{ id: string }>(async (req, { params }) => {
  const { accountId } = await parseBody(req, deprovisionSchema);
  return NextResponse.json(await deprovisionAccessConfiguration(params.id, accountId), { status: 202 });
});

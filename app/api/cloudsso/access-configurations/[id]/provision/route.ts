import { NextResponse } from "next/server";
import { consoleApi, parseBody } from "@/lib/api-handler";
import { provisionAccessConfiguration } from "@/lib/cloudsso/access/assignments";
import { provisionSchema } from "@/lib/cloudsso/access/schemas";

/** Re-provision on one or more accounts: async tasks. */
export const POST = consoleApi<{ id: string }>(async (req, { params }) => {
  const { accountIds } = await parseBody(req, provisionSchema);
  return NextResponse.json(await provisionAccessConfiguration(params.id, accountIds), { status: 202 });
});

import { NextResponse } from "next/server";
import { consoleApi, pagingQuerySchema, parseBody, parseQuery } from "@/lib/api-handler";
import { createApplicationSchema } from "@/lib/idaas/application-templates";
import { createApplication, listApplications } from "@/lib/idaas/applications";

type P = { instanceId: string };

export const dynamic = "force-dynamic";

export const GET = consoleApi<P>(async (req, { params }) => listApplications(params.instanceId, parseQuery(req, pagingQuerySchema)));

export const POST = consoleApi<P>(async (req, { params }) => {
  const app = await createApplication(params.instanceId, await parseBody(req, createApplicationSchema));
  return NextResponse.json(app, { status: 201 });
});

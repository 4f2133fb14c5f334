import { NextResponse } from "next/server";
import { consoleApi, pagingQuerySchema, parseBody, parseQuery } from "@/lib/api-handler";
import { createAccessConfiguration, listAccessConfigurations } from "@/lib/cloudsso/access/access-configurations";
import { createAccessConfigurationSchema } from "@/lib/cloudsso/access/schemas";

export const dynamic = "force-dynamic";

export const GET = consoleApi(async (req) => listAccessConfigurations(parseQuery(req, pagingQuerySchema)));

export const POST = consoleApi(async (req) =>
  NextResponse.json(await createAccessConfiguration(await parseBody(req, createAccessConfigurationSchema)), { status: 201 }),
);

import { NextResponse } from "next/server";
import { consoleApi, pagingQuerySchema, parseBody, parseQuery } from "@/lib/api-handler";
import { createAssignments, listAssignments } from "@/lib/cloudsso/access/assignments";
import { assignmentFilterSchema, createAssignmentsSchema } from "@/lib/cloudsso/access/schemas";

export const dynamic = "force-dynamic";

export const GET = consoleApi(async (req) => listAssignments(parseQuery(req, pagingQuerySchema.extend(assignmentFilterSchema.shape))));

export const POST = consoleApi(async (req) => NextResponse.json(await createAssignments(await parseBody(req, createAssignmentsSchema)), { status: 202 }));

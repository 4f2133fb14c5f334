import { NextResponse } from "next/server";
import { consoleApi, parseBody } from "@/lib/api-handler";
import { deleteAssignments } from "@/lib/cloudsso/access/assignments";
import { deleteAssignmentsSchema } from "@/lib/cloudsso/access/schemas";

export const POST = consoleApi(async (req) => NextResponse.json(await deleteAssignments(await parseBody(req, deleteAssignmentsSchema)), { status: 202 }));

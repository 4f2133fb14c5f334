import { NextResponse } from "next/server";
import { consoleApi, parseBody } from "@/lib/api-handler";
import { addPermissionPolicy, listPermissionPolicies } from "@/lib/cloudsso/access/access-configurations";
import { addPermissionPolicySchema } from "@/lib/cloudsso/access/schemas";

type P = { id: string };

export const GET = consoleApi<P>(async (_req, { params }) => listPermissionPolicies(params.id));

export const POST = consoleApi<P>(async (req, { params }) =>
  NextResponse.json(await addPermissionPolicy(params.id, await parseBody(req, addPermissionPolicySchema)), { status: 201 }),
);

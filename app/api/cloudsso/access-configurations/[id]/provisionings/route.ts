import { consoleApi, pagingQuerySchema, parseQuery } from "@/lib/api-handler";
import { listProvisionings } from "@/lib/cloudsso/access/access-configurations";

export const dynamic = "force-dynamic";

export const GET = consoleApi<{ id: string }>(async (req, { params }) => listProvisionings(params.id, parseQuery(req, pagingQuerySchema)));

import { consoleApi, pagingQuerySchema, parseQuery } from "@/lib/api-handler";
import { listTasks } from "@/lib/cloudsso/access/tasks";
import { taskFilterSchema } from "@/lib/cloudsso/access/schemas";

export const dynamic = "force-dynamic";

export const GET = consoleApi(async (req) => listTasks(parseQuery(req, pagingQuerySchema.extend(taskFilterSchema.shape))));

import { consoleApi } from "@/lib/api-handler";
import { getResourceDirectory } from "@/lib/cloudsso/access/resource-directory";

export const dynamic = "force-dynamic";

export const GET = consoleApi(async () => getResourceDirectory());

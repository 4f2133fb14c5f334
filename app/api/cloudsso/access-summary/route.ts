import { consoleApi } from "@/lib/api-handler";
import { accessSummary } from "@/lib/cloudsso/access/effective";

export const dynamic = "force-dynamic";

export const GET = consoleApi(async () => accessSummary());

import { consoleApi } from "@/lib/api-handler";
import { SYSTEM_POLICIES, type SystemPolicyView } from "@/lib/cloudsso/access/schemas";

export const GET = consoleApi(async () => ({ items: SYSTEM_POLICIES.map((p): SystemPolicyView => ({ name: p.name, description: p.description })) }));

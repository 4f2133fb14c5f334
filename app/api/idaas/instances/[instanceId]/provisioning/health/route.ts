import { consoleApi } from "@/lib/api-handler";
import { instanceHealth } from "@/lib/idaas/provisioning/engine/health";

type P = { instanceId: string };

export const dynamic = "force-dynamic";

/** Applications whose real-time changes are kept or failing (the instance overview's banners). */
export const GET = consoleApi<P>(async (_req, { params }) => ({ items: await instanceHealth(params.instanceId) }));

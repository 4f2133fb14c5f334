import { consoleApi } from "@/lib/api-handler";
import { latestTask, startPushNow } from "@/lib/idaas/provisioning/push-now";

type P = { instanceId: string; appId: string };

export const dynamic = "force-dynamic";

/** The application's latest push task (the Push Now button polls it for progress). */
export const GET = consoleApi<P>(async (_req, { params }) => ({ task: await latestTask(params.instanceId, params.appId) }));

/** Push Now: 409 while a push runs, 400 with the reason when Full Scope is empty. */
export const POST = consoleApi<P>(async (_req, { params }) => ({ task: await startPushNow(params.instanceId, params.appId) }));

import { NextResponse } from "next/server";
import { consoleApi } from "@/lib/api-handler";
import { latestTask, PushAlreadyRunningError, startPushNow } from "@/lib/idaas/provisioning/tasks/push-now";

type P = { instanceId: string; appId: string };

export const dynamic = "force-dynamic";

/** The application's latest push task (the Push Now button polls it for progress). */
export const GET = consoleApi<P>(async (_req, { params }) => ({ task: await latestTask(params.instanceId, params.appId) }));

/**
 * Push Now: 400 with the reason when it is unavailable; 409 while a push runs, with that task's
 * id so the console can link to it.
 */
export const POST = consoleApi<P>(async (_req, { params }) => {
  try {
    return { task: await startPushNow(params.instanceId, params.appId) };
  } catch (err) {
    if (err instanceof PushAlreadyRunningError) return NextResponse.json({ error: err.message, taskId: err.taskId }, { status: 409 });
    throw err;
  }
});

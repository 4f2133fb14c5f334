"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { ApiError, errorMessage } from "@/lib/api-client";
import { formatTally, tally } from "@/lib/idaas/provisioning/tasks/task-summary";
import { usePushNowTask, useStartPushNow, type TaskView } from "@/lib/client/idaas-applications";
import { isActiveTask } from "@/lib/idaas/provisioning/vocabulary";


/**
 * The end of a push in words. The counts are the task's Status Description, written from the
 * same counters as Log > Provisioning > Tasks, so the two always agree.
 */
function describeOutcome(t: TaskView): { ok: boolean; text: string } {
  if (t.status === "Successful") return { ok: true, text: `Push completed. ${t.statusDescription}` };
  if (t.status === "Partially Succeeded") return { ok: false, text: `Push partially succeeded. ${t.statusDescription}` };
  // A failed task's description says why (nothing in scope, refused by the server, …).
  return { ok: false, text: t.statusDescription || "Push failed." };
}

function TaskLink({ instanceId, taskId }: { instanceId: string; taskId: string }) {
  return (
    <Link
      className="link ml-2"
      href={`/idaas/instances/${encodeURIComponent(instanceId)}/logs/provisioning/tasks/${encodeURIComponent(taskId)}`}
    >
      View Details
    </Link>
  );
}

/**
 * Push Now with everything it reports beside it: why it is unavailable, live progress polled
 * from the server while a task runs, and the outcome with a link to the task. Only the server
 * decides success; this reports what the task says.
 */
export function PushNow({
  instanceId,
  appId,
  blockedReason,
}: {
  instanceId: string;
  appId: string;
  blockedReason: string | null;
}) {
  const task = usePushNowTask(instanceId, appId);
  const start = useStartPushNow(instanceId, appId);
  // Set synchronously on the first click: TanStack's isPending re-renders too late to stop a
  // double click from sending a second request.
  const starting = useRef(false);
  const [error, setError] = useState<string | null>(null);
  // The task whose outcome this page reports: the one it started, or the one it found running.
  const [watchedId, setWatchedId] = useState<string | null>(null);
  const [alreadyRunningId, setAlreadyRunningId] = useState<string | null>(null);

  const current = task.data?.task ?? null;
  const running = current !== null && isActiveTask(current.status);
  const outcome = current && current.id === watchedId && !running ? describeOutcome(current) : null;
  // Shown only while that task runs; its outcome replaces it, so the two never show together.
  const showAlreadyRunning = running && current.id === alreadyRunningId;

  const onClick = async () => {
    if (starting.current) return;
    starting.current = true;
    setError(null);
    setWatchedId(null);
    setAlreadyRunningId(null);
    try {
      const { task: started } = await start.mutateAsync();
      setWatchedId(started.id);
    } catch (e) {
      const runningId = e instanceof ApiError && e.status === 409 ? e.body.taskId : undefined;
      if (typeof runningId === "string") {
        setAlreadyRunningId(runningId);
        setWatchedId(runningId);
        // This page may be stale (a second tab): load the running task so its progress shows.
        await task.refetch();
      } else setError(errorMessage(e));
    } finally {
      starting.current = false;
    }
  };

  const percent = current && current.total > 0 ? Math.min(100, Math.round((current.done / current.total) * 100)) : 0;

  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <button
        type="button"
        className="btn"
        disabled={blockedReason !== null || running || start.isPending}
        aria-describedby={blockedReason ? "push-now-blocked" : undefined}
        onClick={onClick}
      >
        Push Now
      </button>
      {blockedReason && (
        <span id="push-now-blocked" className="text-text-3">
          {blockedReason}
        </span>
      )}
      {running && (
        <div role="status" aria-live="polite" className="flex min-w-[420px] flex-col gap-1">
          <span className="text-text-2" data-testid="push-now-progress">
            {current.status === "Initialization"
              ? "Preparing push…"
              : `Pushing ${current.done} / ${current.total}: ${formatTally(tally(current.counters))}`}
          </span>
          <div
            role="progressbar"
            aria-label="Push Now progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            className="h-1.5 w-full overflow-hidden rounded-full bg-line-2"
          >
            <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
          </div>
        </div>
      )}
      {showAlreadyRunning && (
        <p role="alert" className="rounded-[2px] border border-warning bg-[#fff8e6] px-2 py-1">
          A push is already running for this application.
          <TaskLink instanceId={instanceId} taskId={current.id} />
        </p>
      )}
      {outcome && current && (
        <p role={outcome.ok ? "status" : "alert"} className={`max-w-[900px] ${outcome.ok ? "text-success" : "text-error"}`}>
          {outcome.text}
          <TaskLink instanceId={instanceId} taskId={current.id} />
        </p>
      )}
      {error && (
        <p role="alert" className="text-error">
          {error}
        </p>
      )}
    </div>
  );
}

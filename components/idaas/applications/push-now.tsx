"use client";

import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { usePushNowTask, useStartPushNow, type PushNowTask } from "./hooks";

const RUNNING = new Set(["Initialization", "Running"]);

function describeOutcome(t: PushNowTask): { ok: boolean; text: string } {
  if (t.status === "Successful") return { ok: true, text: "Push completed" };
  if (t.status === "Partially Succeeded") {
    return {
      ok: false,
      text: `Push partially succeeded: ${t.statusDescription || "some objects failed."} See Log > Provisioning > Tasks for details.`,
    };
  }
  return { ok: false, text: `Push failed: ${t.statusDescription || "see Log > Provisioning > Tasks for details."}` };
}

/**
 * Push Now: unavailable (with the reason shown) until Full Scope has an item; while a task runs
 * its progress is polled from the server, and the outcome is reported when it ends. Errors from
 * the server are shown as they are; nothing here reports success the server did not report.
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
  const [error, setError] = useState<string | null>(null);
  // Only the task started from this page produces a completion message.
  const [watchedId, setWatchedId] = useState<string | null>(null);
  const toasted = useRef<string | null>(null);

  const current = task.data?.task ?? null;
  const running = current !== null && RUNNING.has(current.status);
  const outcome = current && current.id === watchedId && !running ? describeOutcome(current) : null;

  useEffect(() => {
    if (!outcome || !current || toasted.current === current.id) return;
    toasted.current = current.id;
    if (outcome.ok) toast.success(outcome.text);
    else toast.error(outcome.text);
  }, [outcome, current]);

  const onClick = async () => {
    setError(null);
    setWatchedId(null);
    try {
      await start.mutateAsync();
      const latest = await task.refetch();
      setWatchedId(latest.data?.task?.id ?? null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const percent = current && current.total > 0 ? Math.min(100, Math.round((current.done / current.total) * 100)) : 0;

  return (
    <div>
      <button
        type="button"
        className="btn"
        disabled={blockedReason !== null || running || start.isPending}
        aria-describedby={blockedReason ? "push-now-blocked" : undefined}
        onClick={onClick}
      >
        {running || start.isPending ? "Pushing…" : "Push Now"}
      </button>
      {blockedReason && (
        <p id="push-now-blocked" className="mt-2 text-text-3">
          {blockedReason}
        </p>
      )}
      {running && current && (
        <div role="status" aria-live="polite" className="mt-2 max-w-[420px]">
          <div className="mb-1 text-text-2">
            {current.status === "Initialization" ? "Preparing push…" : `Pushing: ${current.done} / ${current.total}`}
          </div>
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
      {outcome && (
        <p role={outcome.ok ? "status" : "alert"} className={`mt-2 ${outcome.ok ? "text-success" : "text-error"}`}>
          {outcome.text}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-2 text-error">
          {error}
        </p>
      )}
    </div>
  );
}

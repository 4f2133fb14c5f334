"use client";

import { useState } from "react";
import { toast } from "sonner";
import { queryState, useTableState } from "@/components/data-table";
import { StatusBadge } from "@/components/status-badge";
import { errorMessage } from "@/lib/api-client";
import { COUNTER_CATEGORIES, COUNTER_KINDS, type CounterCategory } from "@/lib/idaas/provisioning/tasks/counters";
import { COUNTER_KIND_LABEL } from "@/lib/idaas/provisioning/tasks/task-summary";
import { formatTime } from "@/lib/format";
import { useRetrigger, useTask, useTaskLogs } from "@/lib/client/idaas-provisioning-logs";
import { LogEntriesTable } from "./log-entries-table";
import { isActiveTask } from "@/lib/idaas/provisioning/vocabulary";

const CATEGORY_LABEL: Record<CounterCategory, string> = {
  created: "Created",
  updated: "Updated",
  deleted: "Deleted",
  unchanged: "Unchanged",
  matched: "Matched",
};

export function TaskDetail({ instanceId, taskId }: { instanceId: string; taskId: string }) {
  const task = useTask(instanceId, taskId);
  const table = useTableState();
  const [result, setResult] = useState("");
  const running = task.data ? isActiveTask(task.data.status) : false;
  const logs = useTaskLogs(instanceId, taskId, { ...table.params, search: table.params.search || undefined, result: result || undefined }, running);
  const retrigger = useRetrigger(instanceId);

  if (task.error) return <div role="alert" className="card text-error">{task.error.message}</div>;
  if (!task.data) return <div className="card text-text-3">Loading…</div>;
  const t = task.data;

  return (
    <div className="flex flex-col gap-4">
      <section className="card" aria-label="Task information">
        <div className="mb-3 flex items-center justify-between">
          <h2 className="text-[14px] font-medium">Basic Information</h2>
          <button
            type="button"
            className="btn"
            disabled={running || retrigger.isPending}
            onClick={async () => {
              try {
                await retrigger.mutateAsync(t.id);
                toast.success("The task was retriggered. See the task list for the new task.");
              } catch (err) {
                toast.error(errorMessage(err));
              }
            }}
          >
            Retrigger
          </button>
        </div>
        <dl className="grid grid-cols-[160px_1fr_160px_1fr] gap-y-2">
          <dt className="text-text-3">Task ID</dt>
          <dd>{t.id}</dd>
          <dt className="text-text-3">Status</dt>
          <dd>
            <StatusBadge status={t.status} />
          </dd>
          <dt className="text-text-3">Trigger Module Name</dt>
          <dd>{t.triggerModuleName}</dd>
          <dt className="text-text-3">Trigger Method</dt>
          <dd>{t.triggerMethod}</dd>
          <dt className="text-text-3">Start Time</dt>
          <dd>{formatTime(t.startTime)}</dd>
          <dt className="text-text-3">End Time</dt>
          <dd>{formatTime(t.endTime)}</dd>
          <dt className="text-text-3">Progress</dt>
          <dd>
            {t.done} / {t.total}
          </dd>
          <dt className="text-text-3">Status Description</dt>
          <dd className="break-words">{t.statusDescription || "-"}</dd>
        </dl>
      </section>

      <section className="card" aria-label="Counters">
        <h2 className="mb-3 text-[14px] font-medium">Statistics</h2>
        <table className="w-full border-collapse text-left" aria-label="Task counters">
          <thead>
            <tr className="bg-selected">
              <th scope="col" className="h-10 px-4 font-medium">Object</th>
              <th scope="col" className="h-10 px-4 font-medium">Operation</th>
              <th scope="col" className="h-10 px-4 font-medium">Total</th>
              <th scope="col" className="h-10 px-4 font-medium">Success</th>
              <th scope="col" className="h-10 px-4 font-medium">Failed</th>
              <th scope="col" className="h-10 px-4 font-medium">Skipped</th>
            </tr>
          </thead>
          <tbody>
            {COUNTER_KINDS.flatMap((kind) =>
              COUNTER_CATEGORIES.map((cat, i) => {
                const cell = t.counters[kind][cat];
                return (
                  <tr key={`${kind}-${cat}`} className="border-b border-line-2" data-testid={`counter-${kind}-${cat}`}>
                    {i === 0 && (
                      <th scope="rowgroup" rowSpan={COUNTER_CATEGORIES.length} className="px-4 align-top font-medium">
                        {COUNTER_KIND_LABEL[kind]}
                      </th>
                    )}
                    <td className="h-9 px-4">{CATEGORY_LABEL[cat]}</td>
                    <td className="px-4">{cell.total}</td>
                    <td className="px-4 text-success">{cell.success}</td>
                    <td className={cell.failed ? "px-4 text-error" : "px-4"}>{cell.failed}</td>
                    <td className="px-4">{cell.skipped}</td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      </section>

      <section aria-label="Log entries">
        <h2 className="mb-2 text-[14px] font-medium">Log Entries</h2>
        <LogEntriesTable
          label="Task log entries"
          {...queryState(logs)}
          {...table.tableProps}
          result={result}
          onResultChange={(r) => {
            setResult(r);
            table.resetPage();
          }}
        />
      </section>
    </div>
  );
}

"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { DateTimeRangePicker, type TimeRange } from "@/components/date-time-range-picker";
import { DataTable, Truncate, queryState, useTableState } from "@/components/data-table";
import { runWithToast } from "@/components/run-with-toast";
import { StatusBadge } from "@/components/status-badge";
import { formatTime, timeZoneLabel } from "@/lib/format";
import { useRetrigger, useTasks, type TaskView } from "@/lib/client/idaas-provisioning-logs";
import { TASK_STATUSES } from "@/lib/idaas/provisioning/vocabulary";


export function TasksTable({ instanceId }: { instanceId: string }) {
  const table = useTableState();
  const [status, setStatus] = useState("");
  const [range, setRange] = useState<TimeRange>({});
  const [retriggering, setRetriggering] = useState<TaskView | null>(null);
  const { page, pageSize } = table.params;
  const query = useTasks(instanceId, { page, pageSize, status: status || undefined, from: range.from?.toISOString(), to: range.to?.toISOString() });
  const retrigger = useRetrigger(instanceId);
  const base = `/idaas/instances/${encodeURIComponent(instanceId)}/logs/provisioning/tasks`;
  const setFilter = <V,>(set: (value: V) => void) => (value: V) => {
    set(value);
    table.resetPage();
  };

  const columns = useMemo<ColumnDef<TaskView, unknown>[]>(
    () => [
      { header: "Direction", cell: ({ row }) => row.original.direction },
      { header: "Trigger Module", cell: ({ row }) => row.original.triggerModule },
      { header: "Trigger Module Name", cell: ({ row }) => <Truncate text={row.original.triggerModuleName} max={180} /> },
      // The time zone is named once, in the headers, so the row keeps its Actions in view at 1440 px.
      { id: "startTime", header: () => <TimeHeader label="Start Time" />, cell: ({ row }) => formatTime(row.original.startTime, { zone: false }) },
      { id: "endTime", header: () => <TimeHeader label="End Time" />, cell: ({ row }) => formatTime(row.original.endTime, { zone: false }) },
      { header: "Trigger Method", cell: ({ row }) => row.original.triggerMethod },
      {
        header: "Status",
        cell: ({ row }) => (
          <span className="inline-flex items-center gap-2">
            <StatusBadge status={row.original.status} />
            {row.original.status === "Running" && row.original.total > 0 && (
              <span className="text-text-3">
                {row.original.done} / {row.original.total}
              </span>
            )}
          </span>
        ),
      },
      // One line: the start of the description, the whole text on hover; the counters are in View Details.
      { header: "Status Description", cell: ({ row }) => <Truncate text={row.original.statusDescription} max={140} /> },
      {
        header: "Actions",
        cell: ({ row }) => (
          <div className="flex gap-3 whitespace-nowrap" role="group" aria-label={`Actions for task ${row.original.id}`}>
            <Link className="link" href={`${base}/${encodeURIComponent(row.original.id)}`}>
              View Details
            </Link>
            <button type="button" className="link" onClick={() => setRetriggering(row.original)}>
              Retrigger
            </button>
          </div>
        ),
      },
    ],
    [base],
  );

  return (
    <>
      <DataTable
        label="Tasks"
        columns={columns}
        {...queryState(query)}
        {...table.pageProps}
        emptyText={status || range.from ? "No tasks match the filters." : "No provisioning tasks yet. Run Push Now on an application."}
        getRowId={(t) => t.id}
        toolbar={
          <div className="flex flex-wrap items-center gap-3">
            <label className="flex items-center gap-2">
              <span>Status</span>
              <select
                className="input w-auto"
                value={status}
                onChange={(e) => setFilter(setStatus)(e.target.value)}
              >
                <option value="">All</option>
                {TASK_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <DateTimeRangePicker label="Start Time" value={range} onChange={setFilter(setRange)} />
            <button type="button" className="btn" onClick={() => void query.refetch()}>
              Refresh
            </button>
          </div>
        }
      />
      <ConfirmDialog
        open={retriggering !== null}
        onOpenChange={(o) => !o && setRetriggering(null)}
        title="Retrigger Task"
        message={
          <>
            Push everything in the Full Scope of <strong>{retriggering?.triggerModuleName}</strong> again as a new task?
          </>
        }
        onConfirm={async () => {
          if (retriggering) await runWithToast(() => retrigger.mutateAsync(retriggering.id), "The task was retriggered.");
        }}
      />
    </>
  );
}

/** A time column's header with the viewer's time zone (the server renders its own; the browser's wins). */
function TimeHeader({ label }: { label: string }) {
  return <span suppressHydrationWarning>{`${label} (${timeZoneLabel()})`}</span>;
}

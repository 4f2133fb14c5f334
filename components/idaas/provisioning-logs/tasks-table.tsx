"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { DataTable, Truncate, queryState, useTableState } from "@/components/data-table";
import { runWithToast } from "@/components/run-with-toast";
import { StatusBadge } from "@/components/status-badge";
import { formatTime } from "@/lib/format";
import { useRetrigger, useTasks, type TaskView } from "@/lib/client/idaas-provisioning-logs";
import { TASK_STATUSES } from "@/lib/idaas/provisioning/vocabulary";


/** datetime-local value → ISO (the browser's local time, as the admin typed it). */
const toIso = (v: string) => (v ? new Date(v).toISOString() : undefined);

export function TasksTable({ instanceId }: { instanceId: string }) {
  const table = useTableState();
  const [status, setStatus] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [retriggering, setRetriggering] = useState<TaskView | null>(null);
  const { page, pageSize } = table.params;
  const query = useTasks(instanceId, { page, pageSize, status: status || undefined, from: toIso(from), to: toIso(to) });
  const retrigger = useRetrigger(instanceId);
  const base = `/idaas/instances/${encodeURIComponent(instanceId)}/logs/provisioning/tasks`;
  const setFilter = (set: (value: string) => void) => (value: string) => {
    set(value);
    table.resetPage();
  };

  const columns = useMemo<ColumnDef<TaskView, unknown>[]>(
    () => [
      { header: "Direction", cell: ({ row }) => row.original.direction },
      { header: "Trigger Module", cell: ({ row }) => row.original.triggerModule },
      { header: "Trigger Module Name", cell: ({ row }) => row.original.triggerModuleName },
      { header: "Start Time", cell: ({ row }) => formatTime(row.original.startTime) },
      { header: "End Time", cell: ({ row }) => formatTime(row.original.endTime) },
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
      { header: "Status Description", cell: ({ row }) => <Truncate text={row.original.statusDescription} max={280} /> },
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
        emptyText={status || from || to ? "No tasks match the filters." : "No provisioning tasks yet. Run Push Now on an application."}
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
            <TimeFilter label="Start Time From" value={from} onChange={setFilter(setFrom)} />
            <TimeFilter label="Start Time To" value={to} onChange={setFilter(setTo)} />
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

function TimeFilter({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <label className="flex items-center gap-2">
      <span>{label}</span>
      <input type="datetime-local" className="input w-auto" value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { DataTable } from "@/components/data-table";
import { StatusBadge } from "@/components/status-badge";
import { formatTime } from "../format-time";
import { errorMessage } from "../server-errors";
import { useRetrigger, useTasks, type TaskView } from "./hooks";

const STATUSES = ["Successful", "Failed", "Partially Succeeded", "Running", "Initialization"];

/** datetime-local value → ISO (the browser's local time, as the admin typed it). */
const toIso = (v: string) => (v ? new Date(v).toISOString() : undefined);

export function TasksTable({ instanceId }: { instanceId: string }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [status, setStatus] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [retriggering, setRetriggering] = useState<TaskView | null>(null);
  const query = useTasks(instanceId, { page, pageSize, status: status || undefined, from: toIso(from), to: toIso(to) });
  const retrigger = useRetrigger(instanceId);
  const base = `/idaas/instances/${encodeURIComponent(instanceId)}/logs/provisioning/tasks`;

  const columns = useMemo<ColumnDef<TaskView, unknown>[]>(
    () => [
      { header: "Direction", cell: ({ row }) => row.original.direction },
      { header: "Trigger Module", cell: ({ row }) => row.original.triggerModule },
      { header: "Trigger Module Name", cell: ({ row }) => row.original.triggerModuleName },
      { header: "Start Time", cell: ({ row }) => <span className="whitespace-nowrap">{formatTime(row.original.startTime)}</span> },
      { header: "End Time", cell: ({ row }) => <span className="whitespace-nowrap">{formatTime(row.original.endTime)}</span> },
      { header: "Trigger Method", cell: ({ row }) => row.original.triggerMethod },
      {
        header: "Status",
        cell: ({ row }) => (
          <div>
            <StatusBadge status={row.original.status} />
            {row.original.status === "Running" && row.original.total > 0 && (
              <div className="text-text-3">
                {row.original.done} / {row.original.total}
              </div>
            )}
          </div>
        ),
      },
      { header: "Status Description", cell: ({ row }) => <span className="break-words">{row.original.statusDescription || "-"}</span> },
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
        data={query.data}
        isLoading={query.isLoading}
        error={query.error}
        page={page}
        onPageChange={setPage}
        pageSize={pageSize}
        onPageSizeChange={(n) => {
          setPageSize(n);
          setPage(1);
        }}
        emptyText={status || from || to ? "No tasks match the filters." : "No provisioning tasks yet. Run Push Now on an application."}
        getRowId={(t) => t.id}
        toolbar={
          <div className="flex flex-wrap items-center gap-3">
            <label className="flex items-center gap-2">
              <span>Status</span>
              <select
                className="input w-auto"
                value={status}
                onChange={(e) => {
                  setStatus(e.target.value);
                  setPage(1);
                }}
              >
                <option value="">All</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center gap-2">
              <span>Start Time From</span>
              <input
                type="datetime-local"
                className="input w-auto"
                value={from}
                onChange={(e) => {
                  setFrom(e.target.value);
                  setPage(1);
                }}
              />
            </label>
            <label className="flex items-center gap-2">
              <span>Start Time To</span>
              <input
                type="datetime-local"
                className="input w-auto"
                value={to}
                onChange={(e) => {
                  setTo(e.target.value);
                  setPage(1);
                }}
              />
            </label>
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
          if (!retriggering) return;
          try {
            await retrigger.mutateAsync(retriggering.id);
            toast.success("The task was retriggered.");
          } catch (err) {
            toast.error(errorMessage(err));
            throw err;
          }
        }}
      />
    </>
  );
}

"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table";
import type { Page } from "@/lib/api-handler";
import { StatusBadge } from "@/components/status-badge";
import { formatTime } from "@/lib/format";
import type { LogEntryView } from "@/lib/client/idaas-provisioning-logs";
import { OBJECT_TYPE_LABEL, resultLabel, type LogObjectType } from "@/lib/idaas/provisioning/vocabulary";


/** Per-object log entries: object, action, result, HTTP status, SCIM error, duration. */
export function LogEntriesTable({
  label,
  data,
  isLoading,
  error,
  page,
  pageSize,
  onPageChange,
  onPageSizeChange,
  search,
  onSearch,
  result,
  onResultChange,
  showApplication,
  onRetry,
  retrying,
}: {
  label: string;
  data?: Page<LogEntryView & { applicationName?: string }>;
  isLoading: boolean;
  error: Error | null;
  page: number;
  pageSize: number;
  onPageChange: (p: number) => void;
  onPageSizeChange: (n: number) => void;
  search: string;
  onSearch: (s: string) => void;
  result: string;
  onResultChange: (r: string) => void;
  showApplication?: boolean;
  /** Real-time entries: retry a Failed entry's change. */
  onRetry?: (entry: LogEntryView) => void;
  retrying?: number | null;
}) {
  const columns = useMemo<ColumnDef<LogEntryView & { applicationName?: string }, unknown>[]>(
    () => [
      { header: "Time", cell: ({ row }) => <span className="whitespace-nowrap">{formatTime(row.original.createdAt)}</span> },
      ...(showApplication ? [{ header: "Application", cell: ({ row }) => row.original.applicationName ?? row.original.applicationId } satisfies ColumnDef<LogEntryView & { applicationName?: string }, unknown>] : []),
      {
        header: "Object",
        cell: ({ row }) => (
          <div>
            <div>{row.original.objectName}</div>
            <div className="text-text-3">{OBJECT_TYPE_LABEL[row.original.objectType as LogObjectType] ?? row.original.objectType}</div>
          </div>
        ),
      },
      { header: "Action", cell: ({ row }) => row.original.action },
      {
        header: "Result",
        cell: ({ row }) => {
          const r = row.original;
          return (
            <div className="whitespace-nowrap">
              <StatusBadge status={resultLabel(r.result)} />
              {r.result === "Retrying" && (
                <div className="text-text-3">
                  Attempt {r.attempts} of {r.maxAttempts}
                  {r.nextAttemptAt && <span className="block">Next attempt {formatTime(r.nextAttemptAt)}</span>}
                </div>
              )}
              {r.result === "Failed" && r.attempts > 1 && <div className="text-text-3">after {r.attempts} attempts</div>}
            </div>
          );
        },
      },
      { header: "HTTP Status", cell: ({ row }) => row.original.httpStatus ?? "-" },
      { header: "SCIM Error", cell: ({ row }) => row.original.scimType ?? "-" },
      { header: "Detail", cell: ({ row }) => <span className="break-words">{row.original.detail ?? "-"}</span> },
      { header: "Duration", cell: ({ row }) => `${row.original.durationMs} ms` },
      ...(onRetry
        ? [
            {
              header: "Actions",
              cell: ({ row }) =>
                row.original.result === "Failed" && row.original.eventId !== null ? (
                  <button
                    type="button"
                    className="link"
                    aria-label={`Retry ${row.original.objectName}`}
                    disabled={retrying === row.original.id}
                    onClick={() => onRetry(row.original)}
                  >
                    {retrying === row.original.id ? "Retrying…" : "Retry"}
                  </button>
                ) : null,
            } satisfies ColumnDef<LogEntryView & { applicationName?: string }, unknown>,
          ]
        : []),
    ],
    [showApplication, onRetry, retrying],
  );
  return (
    <DataTable
      label={label}
      columns={columns}
      data={data}
      isLoading={isLoading}
      error={error}
      page={page}
      onPageChange={onPageChange}
      pageSize={pageSize}
      onPageSizeChange={onPageSizeChange}
      search={search}
      onSearch={onSearch}
      searchPlaceholder="Search by object, action or error"
      emptyText={search || result ? "No log entries match the filters." : "No log entries yet."}
      getRowId={(r) => String(r.id)}
      toolbar={
        <label className="flex items-center gap-2">
          <span>Result</span>
          <select className="input w-auto" value={result} onChange={(e) => onResultChange(e.target.value)}>
            <option value="">All</option>
            <option value="Success">Successful</option>
            <option value="Failed">Failed</option>
            <option value="Skipped">Skipped</option>
            {onRetry && (
              <>
                <option value="Pending">Pending</option>
                <option value="Retrying">Retrying</option>
                <option value="Deferred">Deferred</option>
              </>
            )}
          </select>
        </label>
      }
    />
  );
}

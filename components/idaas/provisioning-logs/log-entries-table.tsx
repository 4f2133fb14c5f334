"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import { DataTable, type TablePage } from "@/components/data-table";
import { StatusBadge } from "@/components/status-badge";
import { formatTime } from "../format-time";
import type { LogEntryView } from "./hooks";

const OBJECT_LABEL: Record<string, string> = { user: "User", group: "Group", membership: "Group member" };

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
}: {
  label: string;
  data?: TablePage<LogEntryView & { applicationName?: string }>;
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
            <div className="text-text-3">{OBJECT_LABEL[row.original.objectType] ?? row.original.objectType}</div>
          </div>
        ),
      },
      { header: "Action", cell: ({ row }) => row.original.action },
      { header: "Result", cell: ({ row }) => <StatusBadge status={row.original.result === "Success" ? "Successful" : row.original.result} /> },
      { header: "HTTP Status", cell: ({ row }) => row.original.httpStatus ?? "-" },
      { header: "SCIM Error", cell: ({ row }) => row.original.scimType ?? "-" },
      { header: "Detail", cell: ({ row }) => <span className="break-words">{row.original.detail ?? "-"}</span> },
      { header: "Duration", cell: ({ row }) => `${row.original.durationMs} ms` },
    ],
    [showApplication],
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
            <option value="Success">Success</option>
            <option value="Failed">Failed</option>
            <option value="Skipped">Skipped</option>
          </select>
        </label>
      }
    />
  );
}

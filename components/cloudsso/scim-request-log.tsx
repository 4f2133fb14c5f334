"use client";

import { useMemo, useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, queryState, useTableState } from "@/components/data-table";
import { Dialog } from "@/components/dialog";
import { formatTime } from "@/lib/format";
import { useScimRequests, type ScimRequestLogView } from "@/lib/client/cloudsso";

type Entry = ScimRequestLogView;

function prettyBody(body: string | null): string {
  if (!body) return "(no body)";
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export function ScimRequestLog() {
  const table = useTableState();
  const [status, setStatus] = useState("");
  const [open, setOpen] = useState<Entry | null>(null);
  const { page, pageSize } = table.params;
  const params = { page, pageSize, status };
  const logs = useScimRequests(params);

  const columns = useMemo<ColumnDef<Entry, unknown>[]>(
    () => [
      { header: "Time", cell: ({ row }) => formatTime(row.original.Time) },
      { header: "Method", accessorKey: "Method" },
      { header: "Path", cell: ({ row }) => <span className="break-all font-mono">{row.original.Path}</span> },
      {
        header: "Status",
        cell: ({ row }) => (
          <span className={row.original.Status >= 400 ? "text-error" : "text-success"}>{row.original.Status}</span>
        ),
      },
      { header: "Latency", cell: ({ row }) => `${row.original.LatencyMs} ms` },
      { header: "Credential ID", cell: ({ row }) => <span className="font-mono">{row.original.CredentialId ?? "-"}</span> },
      {
        header: "Error",
        cell: ({ row }) =>
          row.original.Detail ? (
            <span className="text-text-2">
              {row.original.ScimType ? `${row.original.ScimType}: ` : ""}
              {row.original.Detail}
            </span>
          ) : (
            "-"
          ),
      },
      {
        header: "Actions",
        cell: ({ row }) => (
          <button type="button" className="link" onClick={() => setOpen(row.original)}>
            View Request
          </button>
        ),
      },
    ],
    [],
  );

  return (
    <>
      <DataTable
        label="SCIM requests"
        columns={columns}
        {...queryState(logs)}
        {...table.pageProps}
        emptyText="No SCIM requests yet. Requests appear here as soon as an identity provider calls the SCIM endpoint."
        toolbar={
          <label className="flex items-center gap-2 text-text-2">
            Status
            <select
              className="input w-auto"
              value={status}
              onChange={(e) => {
                setStatus(e.target.value);
                table.resetPage();
              }}
            >
              <option value="">All</option>
              <option value="success">Successful (2xx/3xx)</option>
              <option value="error">Failed (4xx/5xx)</option>
              <option value="401">401 Unauthorized</option>
              <option value="403">403 Forbidden</option>
              <option value="409">409 Conflict</option>
            </select>
          </label>
        }
        getRowId={(e) => String(e.Id)}
      />
      <Dialog
        open={open !== null}
        onOpenChange={(o) => !o && setOpen(null)}
        title="SCIM Request"
        width={720}
        footer={
          <button type="button" className="btn btn-primary" onClick={() => setOpen(null)}>
            OK
          </button>
        }
      >
        {open && (
          <>
            <p className="mb-2 font-mono">
              {open.Method} {open.Path} → {open.Status} ({open.LatencyMs} ms)
            </p>
            <pre className="max-h-[420px] overflow-auto rounded-[2px] bg-[#f7f7f7] p-3 font-mono text-[12px]">
              {prettyBody(open.RequestBody)}
            </pre>
          </>
        )}
      </Dialog>
    </>
  );
}

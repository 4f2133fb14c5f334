"use client";

import { useMemo, useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, queryState, useTableState } from "@/components/data-table";
import { Dialog } from "@/components/dialog";
import { formatTime } from "@/lib/format";
import { useScimRequest, useScimRequests, type ScimRequestLogView } from "@/lib/client/cloudsso";

type Entry = ScimRequestLogView;

function prettyBody(body: string | null): string {
  if (!body) return "(no body)";
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function HeaderList({ label, headers }: { label: string; headers: Record<string, string> }) {
  const entries = Object.entries(headers);
  return (
    <section aria-label={label} className="mb-3">
      <h3 className="mb-1 font-medium">{label}</h3>
      {entries.length === 0 ? (
        <p className="text-text-3">-</p>
      ) : (
        <dl className="grid grid-cols-[180px_1fr] gap-x-3 rounded-[2px] bg-[#f7f7f7] p-3 font-mono text-[12px]">
          {entries.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-text-3">{k}</dt>
              <dd className="break-all">{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function Body({ label, body }: { label: string; body: string | null }) {
  return (
    <section aria-label={label} className="mb-3">
      <h3 className="mb-1 font-medium">{label}</h3>
      <pre className="max-h-[300px] overflow-auto rounded-[2px] bg-[#f7f7f7] p-3 font-mono text-[12px]">{prettyBody(body)}</pre>
    </section>
  );
}

/** The whole exchange: request headers (secrets redacted) and body, response status, headers and body, duration. */
function ExchangeDetail({ entry }: { entry: Entry }) {
  const detail = useScimRequest(entry.Id);
  return (
    <>
      <p className="mb-3 font-mono">
        {entry.Method} {entry.Path} → {entry.Status} ({entry.LatencyMs} ms)
      </p>
      {entry.Status < 400 && entry.Detail && (
        <p role="note" className="mb-3 rounded-[2px] border border-[#ffe7ba] bg-[#fffbe6] p-2">
          {entry.Detail}
        </p>
      )}
      {detail.error && <p role="alert" className="text-error">{detail.error.message}</p>}
      {!detail.data && !detail.error && <p className="text-text-3">Loading…</p>}
      {detail.data && (
        <>
          <HeaderList label="Request Headers" headers={detail.data.RequestHeaders} />
          <Body label="Request Body" body={detail.data.RequestBody} />
          <section aria-label="Response" className="mb-3">
            <h3 className="mb-1 font-medium">Response</h3>
            <p>
              Status <span className={entry.Status >= 400 ? "text-error" : "text-success"}>{entry.Status}</span> · Duration {entry.LatencyMs} ms
            </p>
          </section>
          <HeaderList label="Response Headers" headers={detail.data.ResponseHeaders} />
          <Body label="Response Body" body={detail.data.ResponseBody} />
        </>
      )}
    </>
  );
}

export function ScimRequestLog() {
  const table = useTableState();
  const [status, setStatus] = useState("");
  const [method, setMethod] = useState("");
  const [path, setPath] = useState("");
  const [credentialId, setCredentialId] = useState("");
  const [open, setOpen] = useState<Entry | null>(null);
  const { page, pageSize } = table.params;
  const params = { page, pageSize, status, method, path, credentialId };
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
        // A failure's SCIM error, or on a success what the server tolerated ("Tolerated: unquoted filter value …").
        header: "Error / Note",
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
          <>
            <label className="flex items-center gap-2 text-text-2">
              Method
              <select
                className="input w-auto"
                value={method}
                onChange={(e) => {
                  setMethod(e.target.value);
                  table.resetPage();
                }}
              >
                <option value="">All</option>
                {["GET", "POST", "PUT", "PATCH", "DELETE"].map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </label>
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
                <option value="404">404 Not Found</option>
                <option value="409">409 Conflict</option>
              </select>
            </label>
            <label className="flex items-center gap-2 text-text-2">
              Path
              <input
                className="input w-[180px]"
                placeholder="e.g. /Users"
                value={path}
                onChange={(e) => {
                  setPath(e.target.value);
                  table.resetPage();
                }}
              />
            </label>
            <label className="flex items-center gap-2 text-text-2">
              Credential
              <input
                className="input w-[200px]"
                placeholder="Credential ID"
                value={credentialId}
                onChange={(e) => {
                  setCredentialId(e.target.value);
                  table.resetPage();
                }}
              />
            </label>
          </>
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
        {open && <ExchangeDetail entry={open} />}
      </Dialog>
    </>
  );
}

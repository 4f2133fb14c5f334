"use client";

import { useState } from "react";
import { useRealtimeLogs } from "./hooks";
import { LogEntriesTable } from "./log-entries-table";

/** Real-time pushes (outbox deliveries, no task), newest first. */
export function RealtimeLogsTable({ instanceId }: { instanceId: string }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [search, setSearch] = useState("");
  const [result, setResult] = useState("");
  const query = useRealtimeLogs(instanceId, { page, pageSize, search: search || undefined, result: result || undefined });
  return (
    <LogEntriesTable
      label="Real-time log entries"
      showApplication
      data={query.data}
      isLoading={query.isLoading}
      error={query.error}
      page={page}
      pageSize={pageSize}
      onPageChange={setPage}
      onPageSizeChange={(n) => {
        setPageSize(n);
        setPage(1);
      }}
      search={search}
      onSearch={(s) => {
        setSearch(s);
        setPage(1);
      }}
      result={result}
      onResultChange={(r) => {
        setResult(r);
        setPage(1);
      }}
    />
  );
}

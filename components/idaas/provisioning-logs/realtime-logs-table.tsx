"use client";

import { useState } from "react";
import { queryState, useTableState } from "@/components/data-table";
import { useRealtimeLogs } from "./hooks";
import { LogEntriesTable } from "./log-entries-table";

/** Real-time pushes (outbox deliveries, no task), newest first. */
export function RealtimeLogsTable({ instanceId }: { instanceId: string }) {
  const table = useTableState();
  const [result, setResult] = useState("");
  const query = useRealtimeLogs(instanceId, { ...table.params, search: table.params.search || undefined, result: result || undefined });
  return (
    <LogEntriesTable
      label="Real-time log entries"
      showApplication
      {...queryState(query)}
      {...table.tableProps}
      result={result}
      onResultChange={(r) => {
        setResult(r);
        table.resetPage();
      }}
    />
  );
}

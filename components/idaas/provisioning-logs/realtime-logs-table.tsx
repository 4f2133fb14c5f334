"use client";

import { useState } from "react";
import { toast } from "sonner";
import { queryState, useTableState } from "@/components/data-table";
import { useRealtimeLogs, useRetryLogEntry } from "@/lib/client/idaas-provisioning-logs";
import { LogEntriesTable } from "./log-entries-table";
import { errorMessage } from "@/lib/api-client";

/** Real-time pushes (outbox deliveries, no task), newest first, from queued to settled. */
export function RealtimeLogsTable({ instanceId }: { instanceId: string }) {
  const table = useTableState();
  const [result, setResult] = useState("");
  const query = useRealtimeLogs(instanceId, { ...table.params, search: table.params.search || undefined, result: result || undefined });
  const retry = useRetryLogEntry(instanceId);
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
      retrying={retry.isPending ? (retry.variables ?? null) : null}
      onRetry={async (entry) => {
        try {
          await retry.mutateAsync(entry.id);
          toast.success(`Retrying ${entry.objectName} now.`);
        } catch (e) {
          toast.error(errorMessage(e));
        }
      }}
    />
  );
}

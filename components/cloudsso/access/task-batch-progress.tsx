"use client";

import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table";
import { BATCH_PAGE_SIZE, useTaskBatch } from "@/lib/client/cloudsso-access";
import type { AssignmentKey } from "@/lib/cloudsso/access/schemas";
import { taskColumns } from "./task-columns";

/** A name for each ID the progress mentions (the caller knows what it asked for). */
export interface BatchNames {
  account: (id: string) => string;
  principal: (type: string, id: string) => string;
  configuration: (id: string) => string;
}

/**
 * Progress of one batch of tasks: counts, then every task with its status and failure reason,
 * re-read until none is InProgress; triplets that already existed are listed as such (no task).
 */
export function TaskBatchProgress({
  batchId,
  existing = [],
  names,
  label = "Tasks of this configuration",
}: {
  batchId: string;
  existing?: AssignmentKey[];
  names?: BatchNames;
  label?: string;
}) {
  const [page, setPage] = useState(1);
  const batch = useTaskBatch(batchId, page);
  const columns = useMemo(() => taskColumns({ withTimes: false }), []);
  const d = batch.data;
  const total = d?.tasks.total ?? 0;
  const succeeded = d ? total - d.inProgress - d.failed : 0;
  return (
    <div>
      <p className="mb-2 text-text-2" role="status" aria-live="polite" data-testid="batch-summary">
        {!d
          ? "Starting…"
          : d.inProgress > 0
            ? `In progress: ${d.inProgress} of ${total} tasks running.`
            : `Completed: ${succeeded} succeeded, ${d.failed} failed${existing.length ? `, ${existing.length} already existed` : ""}.`}
      </p>
      {total > 0 && (
        <DataTable
          label={label}
          columns={columns}
          data={d?.tasks}
          isLoading={batch.isLoading}
          error={batch.error}
          page={page}
          pageSize={BATCH_PAGE_SIZE}
          onPageChange={setPage}
          getRowId={(t) => t.taskId}
        />
      )}
      {existing.length > 0 && (
        <div className="mt-3">
          <p className="mb-1 text-text-2">
            Already existed ({existing.length}): these access assignments were there before, so no task was created for them.
          </p>
          <ul aria-label="Access assignments that already existed" className="max-h-[160px] overflow-y-auto border border-line-2">
            {existing.map((k) => (
              <li key={`${k.accountId}/${k.principalType}/${k.principalId}/${k.accessConfigurationId}`} className="border-b border-line-2 px-3 py-1.5 last:border-b-0">
                {names ? names.principal(k.principalType, k.principalId) : k.principalId} ({k.principalType}) ·{" "}
                {names ? names.account(k.accountId) : k.accountId} · {names ? names.configuration(k.accessConfigurationId) : k.accessConfigurationId} —{" "}
                <span className="text-text-3">Already exists</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** Whether the batch still runs (for a Finish/Close button). */
export function useBatchRunning(batchId: string | null): boolean {
  const b = useTaskBatch(batchId, 1);
  return !!batchId && (!b.data || b.data.inProgress > 0);
}

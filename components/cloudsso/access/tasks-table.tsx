"use client";

import { useMemo, useState } from "react";
import { DataTable, queryState, useTableState } from "@/components/data-table";
import { useAccessTasks } from "@/lib/client/cloudsso-access";
import { TASK_STATUSES } from "@/lib/cloudsso/access/schemas";
import { taskColumns } from "./task-columns";

/** Tasks: every assignment and provisioning change, newest first, re-read while any runs. */
export function TasksTable() {
  const table = useTableState();
  const [status, setStatus] = useState("");
  const tasks = useAccessTasks({ page: table.params.page, pageSize: table.params.pageSize, status });
  const columns = useMemo(() => taskColumns(), []);
  return (
    <DataTable
      label="Tasks"
      columns={columns}
      {...queryState(tasks)}
      {...table.pageProps}
      emptyText={status ? `No ${status} tasks.` : "No tasks yet. Assigning access or re-provisioning creates tasks."}
      toolbar={
        <label className="flex items-center gap-2 text-text-2">
          Status
          <select
            className="input w-[160px]"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              table.resetPage();
            }}
          >
            <option value="">All</option>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      }
      getRowId={(t) => t.taskId}
    />
  );
}

"use client";

import { FilterSelect } from "@/components/filter-select";
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
        <FilterSelect
          label="Status"
          value={status}
          options={TASK_STATUSES}
          className="w-[160px]"
          onChange={(v) => {
            setStatus(v);
            table.resetPage();
          }}
        />
      }
      getRowId={(t) => t.taskId}
    />
  );
}

"use client";

import { FilterSelect } from "@/components/filter-select";
import type { ColumnDef } from "@tanstack/react-table";
import { useState } from "react";
import clsx from "clsx";
import { DataTable, queryState, Truncate, useTableState } from "@/components/data-table";
import { formatTime } from "@/lib/format";
import { SIGN_IN_RESULTS } from "@/lib/idaas/portal/vocabulary";
import { useSignInLog, type SignInLogEntry } from "@/lib/client/idaas-sso";

const columns: ColumnDef<SignInLogEntry, unknown>[] = [
  { header: "Time", cell: ({ row }) => formatTime(row.original.createdAt) },
  { header: "Username", cell: ({ row }) => row.original.username },
  { header: "Event", cell: ({ row }) => row.original.event },
  { header: "Application", cell: ({ row }) => <Truncate text={row.original.applicationName} max={200} /> },
  {
    header: "Result",
    cell: ({ row }) => (
      <span className={clsx("inline-flex items-center gap-1", row.original.result === "Success" ? "text-success" : "text-error")}>
        <span className="inline-block h-1.5 w-1.5 rounded-full bg-current" aria-hidden />
        {row.original.result}
      </span>
    ),
  },
  { header: "Reason", cell: ({ row }) => <Truncate text={row.original.reason} max={420} /> },
];

/** Log › Sign-in: who signed in to the IDaaS user portal or to an application, when, the result and why. */
export function SignInLog({ instanceId }: { instanceId: string }) {
  const table = useTableState();
  const [result, setResult] = useState("");
  const query = useSignInLog(instanceId, { ...table.params, search: table.params.search || undefined, result: result || undefined });
  return (
    <DataTable
      label="Sign-in log"
      columns={columns}
      {...queryState(query)}
      {...table.tableProps}
      searchPlaceholder="Search by username or application"
      emptyText="No sign-ins yet. Accounts sign in at the IDaaS user portal."
      getRowId={(r) => String(r.id)}
      toolbar={
        <FilterSelect
          label="Result"
          value={result}
          options={SIGN_IN_RESULTS}
          onChange={(v) => {
            setResult(v);
            table.resetPage();
          }}
        />
      }
    />
  );
}

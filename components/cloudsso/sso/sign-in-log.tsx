"use client";

import { FilterSelect } from "@/components/filter-select";
import { useMemo, useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, queryState, Truncate, useTableState } from "@/components/data-table";
import { formatTime } from "@/lib/format";
import { useSignInLogs, type SignInLogView } from "@/lib/client/cloudsso-sso";

/** The CloudSSO Sign-in Log: every logon to the user portal — who, when, how, result and why. */
export function SignInLog() {
  const table = useTableState();
  const [result, setResult] = useState("");
  const logs = useSignInLogs({ ...table.params, result });

  const columns = useMemo<ColumnDef<SignInLogView, unknown>[]>(
    () => [
      { header: "Time", cell: ({ row }) => formatTime(row.original.time) },
      { header: "Username", cell: ({ row }) => <span className="font-mono">{row.original.userName}</span> },
      { header: "Logon Method", cell: ({ row }) => (row.original.method === "SSO" ? "SSO" : "Username and password") },
      {
        header: "Result",
        cell: ({ row }) => <span className={row.original.result === "Success" ? "text-success" : "text-error"}>{row.original.result}</span>,
      },
      { header: "Reason", cell: ({ row }) => <span className="font-mono">{row.original.reason ?? "-"}</span> },
      {
        header: "Details",
        cell: ({ row }) => <Truncate text={row.original.detail ?? row.original.reasonText} max={420} />,
      },
    ],
    [],
  );

  return (
    <DataTable
      label="Sign-in log"
      columns={columns}
      {...queryState(logs)}
      {...table.tableProps}
      searchPlaceholder="Search by username"
      emptyText="No sign-ins yet. Each logon to the CloudSSO user portal, successful or not, appears here."
      toolbar={
        <FilterSelect
          label="Result"
          value={result}
          options={["Success", "Failure"]}
          onChange={(v) => {
            setResult(v);
            table.resetPage();
          }}
        />
      }
    />
  );
}

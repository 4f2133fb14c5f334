"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { Truncate } from "@/components/data-table";
import { StatusBadge } from "@/components/status-badge";
import { formatTime } from "@/lib/format";
import type { TaskView } from "@/lib/cloudsso/access/schemas";

/** Where a task's principal lives in the console. */
export function principalHref(type: string | null, id: string | null): string | null {
  if (!type || !id) return null;
  return type === "Group" ? `/cloudsso/groups/${encodeURIComponent(id)}` : `/cloudsso/users/${encodeURIComponent(id)}`;
}

export const accountHref = (accountId: string) => `/cloudsso/multi-account/accounts/${encodeURIComponent(accountId)}`;
export const configurationHref = (id: string) => `/cloudsso/access-configurations/${encodeURIComponent(id)}`;

function Principal({ t }: { t: TaskView }) {
  const href = principalHref(t.principalType, t.principalId);
  if (!href || !t.principalName) return <span className="text-text-3">-</span>;
  return (
    <Link className="link" href={href}>
      {t.principalName}
    </Link>
  );
}

/** The columns every task table shows (Tasks page, the wizard's progress, Re-provision progress). */
export function taskColumns({ withTimes = true, withType = true }: { withTimes?: boolean; withType?: boolean } = {}): ColumnDef<TaskView, unknown>[] {
  const cols: ColumnDef<TaskView, unknown>[] = [];
  if (withType) cols.push({ header: "Task Type", accessorKey: "taskType" });
  cols.push(
    { header: "Status", cell: ({ row }) => <StatusBadge status={row.original.status} /> },
    { header: "Principal", cell: ({ row }) => <Principal t={row.original} /> },
    { header: "Principal Type", cell: ({ row }) => row.original.principalType ?? "-" },
    {
      header: "Account",
      cell: ({ row }) => (
        <Link className="link" href={accountHref(row.original.accountId)}>
          {row.original.accountName}
        </Link>
      ),
    },
    {
      header: "Access Configuration",
      cell: ({ row }) => (
        <Link className="link" href={configurationHref(row.original.accessConfigurationId)}>
          {row.original.accessConfigurationName}
        </Link>
      ),
    },
    { header: "Failure Reason", cell: ({ row }) => <Truncate text={row.original.failureReason} max={260} className="text-error" /> },
  );
  if (withTimes) {
    cols.push(
      { header: "Start Time", cell: ({ row }) => formatTime(row.original.startTime) },
      { header: "End Time", cell: ({ row }) => formatTime(row.original.endTime) },
    );
  }
  return cols;
}

"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, queryState, Truncate, useTableState } from "@/components/data-table";
import { StatusBadge } from "@/components/status-badge";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { runWithToast } from "@/components/run-with-toast";
import { formatTime } from "@/lib/format";
import { useApplications, useDeleteApplication, useSetApplicationStatus, type ApplicationView } from "@/lib/client/idaas-applications";

const HEALTH_TONE = { Healthy: "text-success", Waiting: "text-text-2", Deferred: "text-[#c77700]", Failing: "text-error" } as const;

type Pending = { kind: "Enabled" | "Disabled" | "delete"; app: ApplicationView } | null;

export function ApplicationsTable({ instanceId }: { instanceId: string }) {
  const table = useTableState();
  const [pending, setPending] = useState<Pending>(null);
  const router = useRouter();
  const apps = useApplications(instanceId, table.params, { refetchInterval: 3000 });
  const setStatus = useSetApplicationStatus(instanceId);
  const del = useDeleteApplication(instanceId);
  const base = `/idaas/instances/${instanceId}/applications`;

  const columns = useMemo<ColumnDef<ApplicationView, unknown>[]>(
    () => [
      {
        header: "Application Name",
        cell: ({ row }) => (
          <div>
            <Link className="link" href={`${base}/${row.original.id}`}>
              {row.original.name}
            </Link>
            <div className="font-mono text-text-3">{row.original.id}</div>
          </div>
        ),
      },
      { header: "Template", accessorKey: "templateName" },
      { header: "Status", cell: ({ row }) => <StatusBadge status={row.original.status} /> },
      {
        header: "Provisioning",
        cell: ({ row }) => {
          const h = row.original.health;
          const text =
            h.state === "Failing" && h.failingSince ? `Failing since ${formatTime(h.failingSince)}` : h.state === "Healthy" ? "Healthy" : h.summary;
          // One line each (the full summary on hover), so a long last error never widens the table.
          return (
            <div className={HEALTH_TONE[h.state]}>
              <div>
                <Truncate text={text} max={240} />
              </div>
              {h.state === "Failing" && (
                <div className="text-text-3">
                  <Truncate text={h.summary} max={240} />
                </div>
              )}
            </div>
          );
        },
      },
      { header: "Created", cell: ({ row }) => formatTime(row.original.createdAt) },
      {
        header: "Actions",
        cell: ({ row }) => {
          const a = row.original;
          return (
            <span className="space-x-3 whitespace-nowrap">
              <Link className="link" href={`${base}/${a.id}`} aria-label={`Details of ${a.name}`}>
                Details
              </Link>
              <button
                type="button"
                className="link"
                onClick={() => setPending({ kind: a.status === "Enabled" ? "Disabled" : "Enabled", app: a })}
              >
                {a.status === "Enabled" ? "Disable" : "Enable"}
              </button>
              <button type="button" className="link" onClick={() => setPending({ kind: "delete", app: a })}>
                Delete
              </button>
            </span>
          );
        },
      },
    ],
    [base],
  );

  return (
    <>
      <DataTable
        label="Applications"
        columns={columns}
        {...queryState(apps)}
        {...table.tableProps}
        searchPlaceholder="Search by application name or ID"
        emptyText={table.params.search ? "No applications match your search." : "No applications yet. Click Add Application to open the Marketplace."}
        getRowId={(a) => a.id}
        toolbar={
          <button type="button" className="btn btn-primary" onClick={() => router.push(`${base}/marketplace`)}>
            Add Application
          </button>
        }
      />
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(o) => !o && setPending(null)}
        title={
          pending?.kind === "delete"
            ? "Delete Application"
            : pending?.kind === "Disabled"
              ? "Disable Application"
              : "Enable Application"
        }
        danger={pending?.kind === "delete"}
        message={
          pending?.kind === "delete"
            ? `Delete application "${pending.app.name}"? Its provisioning configuration is removed and nothing more is pushed to it. Accounts already provisioned to the target are not deleted there. This cannot be undone.`
            : pending?.kind === "Disabled"
              ? `Disable application "${pending.app.name}"? While disabled, nothing is pushed to it; account and group changes made meanwhile are kept and delivered in order when it is enabled again.`
              : `Enable application "${pending?.app.name}"?`
        }
        onConfirm={async () => {
          if (!pending) return;
          const { kind, app } = pending;
          if (kind === "delete") await runWithToast(() => del.mutateAsync(app.id), `Application "${app.name}" deleted.`);
          else
            await runWithToast(
              () => setStatus.mutateAsync({ appId: app.id, status: kind }),
              `Application "${app.name}" ${kind === "Enabled" ? "enabled" : "disabled"}.`,
            );
        }}
      />
    </>
  );
}

"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, queryState, Truncate, useTableState } from "@/components/data-table";
import { StatusBadge } from "@/components/status-badge";
import { formatTime } from "@/lib/format";
import { PROVISIONING_STATUS_LABELS, type AccessConfigurationView } from "@/lib/cloudsso/access/schemas";
import { useAccessConfigurations } from "@/lib/client/cloudsso-access";
import { CreateAccessConfigurationDialog } from "./create-access-configuration-dialog";
import { DeleteAccessConfigurationDialog } from "./delete-access-configuration-dialog";
import { configurationHref } from "./task-columns";

/** "Provisioned (2)" / "Re-provisioning Required (1 of 2)" / "Not provisioned". */
export function ProvisioningSummary({ c }: { c: AccessConfigurationView }) {
  if (c.reprovisionRequiredCount > 0)
    return (
      <span>
        <StatusBadge status={PROVISIONING_STATUS_LABELS.ReprovisionRequired} />{" "}
        <span className="text-text-3">
          ({c.reprovisionRequiredCount} of {c.provisionedAccountCount} accounts)
        </span>
      </span>
    );
  if (c.provisionedAccountCount > 0)
    return (
      <span>
        <StatusBadge status={PROVISIONING_STATUS_LABELS.Provisioned} />{" "}
        <span className="text-text-3">
          ({c.provisionedAccountCount} account{c.provisionedAccountCount === 1 ? "" : "s"})
        </span>
      </span>
    );
  return <span className="text-text-3">Not provisioned</span>;
}

export function AccessConfigurationsTable() {
  const table = useTableState();
  const list = useAccessConfigurations(table.params);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<AccessConfigurationView | null>(null);

  const columns = useMemo<ColumnDef<AccessConfigurationView, unknown>[]>(
    () => [
      {
        header: "Access Configuration Name",
        cell: ({ row }) => (
          <Link className="link" href={configurationHref(row.original.id)}>
            {row.original.name}
          </Link>
        ),
      },
      { header: "Description", cell: ({ row }) => <Truncate text={row.original.description} max={220} /> },
      { header: "Session Duration", cell: ({ row }) => `${row.original.sessionDuration} s` },
      {
        header: "Policies",
        cell: ({ row }) => (
          <Truncate
            text={[...row.original.systemPolicies, ...(row.original.inlinePolicy ? ["Inline policy"] : [])].join(", ")}
            max={240}
          />
        ),
      },
      { header: "Provisioning Status", cell: ({ row }) => <ProvisioningSummary c={row.original} /> },
      { header: "Created", cell: ({ row }) => formatTime(row.original.createdAt) },
      {
        header: "Actions",
        cell: ({ row }) => (
          <span className="flex gap-3">
            <Link className="link" href={configurationHref(row.original.id)}>
              Details
            </Link>
            <button type="button" className="link" onClick={() => setDeleting(row.original)}>
              Delete
            </button>
          </span>
        ),
      },
    ],
    [],
  );

  return (
    <>
      <DataTable
        label="Access configurations"
        columns={columns}
        {...queryState(list)}
        {...table.tableProps}
        searchPlaceholder="Search by access configuration name"
        emptyText={table.params.search ? "No access configurations match your search." : "No access configurations yet."}
        toolbar={
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            Create Access Configuration
          </button>
        }
        getRowId={(c) => c.id}
      />
      <CreateAccessConfigurationDialog open={creating} onOpenChange={setCreating} />
      <DeleteAccessConfigurationDialog configuration={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}

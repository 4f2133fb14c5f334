"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { toast } from "sonner";
import { DataTable, queryState, Truncate, useTableState } from "@/components/data-table";
import { StatusBadge } from "@/components/status-badge";
import { errorMessage } from "@/lib/api-client";
import { formatTime } from "@/lib/format";
import { PROVISIONING_STATUS_LABELS, type AccessConfigurationView, type ProvisioningView } from "@/lib/cloudsso/access/schemas";
import { useProvision, useProvisionings } from "@/lib/client/cloudsso-access";
import { useBatchRunning, TaskBatchProgress } from "./task-batch-progress";
import { DeprovisionDialog, type DeprovisionTarget } from "./deprovision-dialog";
import { accountHref } from "./task-columns";

/**
 * The Provisioning tab: the accounts where the access configuration is provisioned, each with its
 * Provisioning Status; Re-provision per row or for the selected rows, De-provision per row, and
 * the progress of the last batch started here.
 */
export function ProvisioningTab({ c }: { c: AccessConfigurationView }) {
  const table = useTableState();
  const rows = useProvisionings(c.id, table.params);
  const provision = useProvision();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [batch, setBatch] = useState<{ id: string; label: string } | null>(null);
  const [deprovisioning, setDeprovisioning] = useState<DeprovisionTarget | null>(null);
  const running = useBatchRunning(batch?.id ?? null);
  const busy = provision.isPending || running;

  const reprovision = async (accountIds: string[]) => {
    try {
      const r = await provision.mutateAsync({ id: c.id, accountIds });
      setBatch({ id: r.batchId, label: `Re-provision on ${accountIds.length} account${accountIds.length === 1 ? "" : "s"}` });
      setSelected(new Set());
      toast.success("Re-provisioning started.");
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };

  const items = rows.data?.items ?? [];
  const allSelected = items.length > 0 && items.every((r) => selected.has(r.accountId));
  const columns = useMemo<ColumnDef<ProvisioningView, unknown>[]>(
    () => [
      {
        id: "select",
        header: () => (
          <input
            type="checkbox"
            aria-label="Select all accounts"
            checked={allSelected}
            onChange={(e) => setSelected(e.target.checked ? new Set(items.map((r) => r.accountId)) : new Set())}
          />
        ),
        cell: ({ row }) => (
          <input
            type="checkbox"
            aria-label={`Select ${row.original.accountName}`}
            checked={selected.has(row.original.accountId)}
            onChange={(e) => {
              const next = new Set(selected);
              if (e.target.checked) next.add(row.original.accountId);
              else next.delete(row.original.accountId);
              setSelected(next);
            }}
          />
        ),
      },
      {
        header: "Account",
        cell: ({ row }) => (
          <Link className="link" href={accountHref(row.original.accountId)} title={`Account ID ${row.original.accountId}`}>
            {row.original.accountName}
          </Link>
        ),
      },
      { header: "Folder", cell: ({ row }) => <Truncate text={row.original.folderPath} max={140} /> },
      { header: "Provisioning Status", cell: ({ row }) => <StatusBadge status={PROVISIONING_STATUS_LABELS[row.original.status]} /> },
      { header: "RAM Role", cell: ({ row }) => <span className="font-mono">{row.original.ramRoleName}</span> },
      { header: "Policies", cell: ({ row }) => <Truncate text={row.original.ramPolicyNames.join(", ")} max={200} /> },
      { header: "Updated", cell: ({ row }) => formatTime(row.original.updatedAt) },
      {
        header: "Actions",
        cell: ({ row }) => (
          <span className="flex gap-3">
            <button type="button" className="link" disabled={busy} onClick={() => reprovision([row.original.accountId])}>
              Re-provision
            </button>
            <button
              type="button"
              className="link"
              disabled={busy}
              onClick={() =>
                setDeprovisioning({
                  accessConfigurationId: c.id,
                  accessConfigurationName: c.name,
                  accountId: row.original.accountId,
                  accountName: row.original.accountName,
                })
              }
            >
              De-provision
            </button>
          </span>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reprovision closes over the same mutation
    [items, selected, allSelected, busy, c.id, c.name],
  );

  return (
    <div className="flex flex-col gap-4">
      {batch && (
        <section className="card" aria-label={batch.label}>
          <h2 className="mb-2 text-[14px] font-medium">{batch.label}</h2>
          <TaskBatchProgress batchId={batch.id} label={`Tasks: ${batch.label}`} />
        </section>
      )}
      <DataTable
        label="Provisioned accounts"
        columns={columns}
        {...queryState(rows)}
        {...table.pageProps}
        emptyText="Not provisioned on any account yet. Assigning it to a user or group on an account provisions it there."
        toolbar={
          <>
            <button type="button" className="btn btn-primary" disabled={selected.size === 0 || busy} onClick={() => reprovision([...selected])}>
              Re-provision Selected
            </button>
            <span className="text-text-3">{selected.size} selected</span>
          </>
        }
        getRowId={(r) => r.accountId}
      />
      <DeprovisionDialog
        target={deprovisioning}
        onClose={() => setDeprovisioning(null)}
        onStarted={(r) => {
          if (deprovisioning) setBatch({ id: r.batchId, label: `De-provision from ${deprovisioning.accountName}` });
        }}
      />
    </div>
  );
}

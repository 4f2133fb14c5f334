"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { DataTable, queryState, useTableState } from "@/components/data-table";
import { Dialog, FormDialogFooter } from "@/components/dialog";
import { FormField } from "@/components/form-field";
import { runWithToast } from "@/components/run-with-toast";
import { StatusBadge } from "@/components/status-badge";
import {
  useAccounts,
  useDeleteAccount,
  useMoveAccount,
  useSetAccountStatus,
  type AccountView,
} from "@/lib/client/idaas-directory";
import { accountMoveSchema } from "@/lib/idaas/schemas";
import { AccountFormDialog } from "./account-form-dialog";
import { formatTime } from "@/lib/format";
import { showServerErrors } from "@/components/server-errors";
import { UnitSelect } from "./unit-select";
import type { UnitTreeNode } from "./unit-tree";

type Pending =
  | { kind: "create" }
  | { kind: "edit"; account: AccountView }
  | { kind: "move"; account: AccountView }
  | { kind: "delete"; account: AccountView }
  | { kind: "status"; account: AccountView }
  | null;

/** Accounts of the selected unit and (unless unticked) its sub-units, with every account action. */
export function AccountsPanel({
  instanceId,
  unit,
  units,
}: {
  instanceId: string;
  unit: UnitTreeNode;
  units: UnitTreeNode[];
}) {
  const table = useTableState();
  const [includeSubUnits, setIncludeSubUnits] = useState(true);
  const [pending, setPending] = useState<Pending>(null);
  const query = useAccounts(instanceId, { unitId: unit.id, includeSubUnits, ...table.params });
  const setStatus = useSetAccountStatus(instanceId);
  const del = useDeleteAccount(instanceId);

  const columns = useMemo<ColumnDef<AccountView, unknown>[]>(
    () => [
      {
        header: "Username / Display Name",
        cell: ({ row }) => (
          <div>
            <Link className="link" href={`/idaas/instances/${encodeURIComponent(instanceId)}/accounts/${encodeURIComponent(row.original.id)}`}>
              {row.original.username}
            </Link>
            <div className="text-text-3">{row.original.displayName || "-"}</div>
          </div>
        ),
      },
      { header: "Email", cell: ({ row }) => row.original.email || "-" },
      {
        header: "Organizational Unit",
        cell: ({ row }) => (
          <span title={row.original.extraUnits.map((u) => u.name).join(", ")}>
            {row.original.primaryUnitName}
            {row.original.extraUnits.length > 0 && (
              <span className="text-text-3"> +{row.original.extraUnits.length}</span>
            )}
          </span>
        ),
      },
      { header: "Status", cell: ({ row }) => <StatusBadge status={row.original.status} /> },
      { header: "Created", cell: ({ row }) => formatTime(row.original.createdAt) },
      {
        header: "Actions",
        cell: ({ row }) => {
          const a = row.original;
          return (
            <div className="flex gap-3" aria-label={`Actions for ${a.username}`} role="group">
              <button type="button" className="link" onClick={() => setPending({ kind: "edit", account: a })}>
                Edit
              </button>
              <button type="button" className="link" onClick={() => setPending({ kind: "status", account: a })}>
                {a.status === "Enabled" ? "Disable" : "Enable"}
              </button>
              <button type="button" className="link" onClick={() => setPending({ kind: "move", account: a })}>
                Move
              </button>
              <button type="button" className="link" onClick={() => setPending({ kind: "delete", account: a })}>
                Delete
              </button>
            </div>
          );
        },
      },
    ],
    [instanceId],
  );

  const statusTarget = pending?.kind === "status" ? pending.account : undefined;
  const deleteTarget = pending?.kind === "delete" ? pending.account : undefined;

  return (
    <div>
      <div className="mb-3 flex items-center gap-2">
        <h2 className="text-[14px] font-medium" title={unit.path}>
          {unit.name}
        </h2>
        <span className="text-text-3">{unit.id}</span>
      </div>
      <DataTable
        label="Accounts"
        columns={columns}
        {...queryState(query)}
        {...table.tableProps}
        searchPlaceholder="Search by username or email"
        emptyText={table.params.search ? "No accounts match your search." : "No accounts in this organizational unit."}
        getRowId={(a) => a.id}
        toolbar={
          <>
            <button type="button" className="btn btn-primary" onClick={() => setPending({ kind: "create" })}>
              Create Account
            </button>
            <label className="ml-2 flex items-center gap-1.5 text-text-2">
              <input
                type="checkbox"
                checked={includeSubUnits}
                onChange={(e) => {
                  setIncludeSubUnits(e.target.checked);
                  table.resetPage();
                }}
              />
              Include sub-units
            </label>
          </>
        }
      />

      {(pending?.kind === "create" || pending?.kind === "edit") && (
        <AccountFormDialog
          instanceId={instanceId}
          account={pending.kind === "edit" ? pending.account : undefined}
          defaultUnitId={unit.id}
          units={units}
          onClose={() => setPending(null)}
        />
      )}
      {pending?.kind === "move" && (
        <AccountMoveDialog instanceId={instanceId} account={pending.account} units={units} onClose={() => setPending(null)} />
      )}
      <ConfirmDialog
        open={Boolean(statusTarget)}
        onOpenChange={(o) => !o && setPending(null)}
        title={statusTarget?.status === "Enabled" ? "Disable Account" : "Enable Account"}
        message={
          statusTarget?.status === "Enabled"
            ? `Disable "${statusTarget?.username}"? The account can no longer sign in, and applications it is provisioned to see it as inactive.`
            : `Enable "${statusTarget?.username}"?`
        }
        onConfirm={async () => {
          if (!statusTarget) return;
          const next = statusTarget.status === "Enabled" ? "Disabled" : "Enabled";
          await runWithToast(
            () => setStatus.mutateAsync({ accountId: statusTarget.id, status: next }),
            `Account "${statusTarget.username}" ${next === "Enabled" ? "enabled" : "disabled"}.`,
          );
        }}
      />
      <ConfirmDialog
        open={Boolean(deleteTarget)}
        onOpenChange={(o) => !o && setPending(null)}
        title="Delete Account"
        danger
        message={`Delete "${deleteTarget?.username}"? It is removed from every organizational unit and group. This cannot be undone.`}
        onConfirm={async () => {
          if (deleteTarget) await runWithToast(() => del.mutateAsync(deleteTarget.id), `Account "${deleteTarget.username}" deleted.`);
        }}
      />
    </div>
  );
}

function AccountMoveDialog({
  instanceId,
  account,
  units,
  onClose,
}: {
  instanceId: string;
  account: AccountView;
  units: UnitTreeNode[];
  onClose: () => void;
}) {
  const move = useMoveAccount(instanceId);
  const form = useForm<z.input<typeof accountMoveSchema>, unknown, z.output<typeof accountMoveSchema>>({
    resolver: zodResolver(accountMoveSchema),
    defaultValues: { primaryUnitId: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await move.mutateAsync({ accountId: account.id, primaryUnitId: values.primaryUnitId });
      toast.success(`Account "${account.username}" moved.`);
      onClose();
    } catch (err) {
      showServerErrors(err, form.setError, ["primaryUnitId"]);
    }
  });
  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title="Move Account"
      footer={<FormDialogFooter form="account-move-form" busy={isSubmitting} onCancel={onClose} />}
    >
      <form id="account-move-form" onSubmit={onSubmit} noValidate>
        <p className="mb-4 text-text-2">
          Move <span className="text-text">{account.username}</span> from{" "}
          <span className="text-text">{account.primaryUnitName}</span> to another primary organizational unit.
        </p>
        <FormField label="Target Organizational Unit" required error={errors.primaryUnitId?.message}>
          {(p) => (
            <UnitSelect
              {...p}
              units={units}
              exclude={new Set([account.primaryUnitId])}
              {...form.register("primaryUnitId")}
            />
          )}
        </FormField>
      </form>
    </Dialog>
  );
}

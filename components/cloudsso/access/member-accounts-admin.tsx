"use client";

import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import type { z } from "zod";
import { DataTable, useTableState } from "@/components/data-table";
import { Dialog, FormDialogFooter } from "@/components/dialog";
import { FormField } from "@/components/form-field";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { runWithToast } from "@/components/run-with-toast";
import { showServerErrors } from "@/components/server-errors";
import { formatTime } from "@/lib/format";
import { createAccountSchema, type AccountView, type FolderView } from "@/lib/cloudsso/access/schemas";
import { useCreateAccount, useDeleteAccount, useRenameAccount, useResourceDirectory } from "@/lib/client/cloudsso-access";
import { accountHref } from "./task-columns";

type FormValues = z.input<typeof createAccountSchema>;

/** Add Member Account / Rename: Display Name (and, when adding, the folder). */
function AccountFormDialog({
  open,
  onOpenChange,
  account,
  folders,
  folderPath,
  rootFolderId,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  account?: AccountView;
  folders: FolderView[];
  folderPath: (id: string) => string;
  rootFolderId: string;
}) {
  const create = useCreateAccount();
  const rename = useRenameAccount();
  const { register, handleSubmit, reset, setError, formState } = useForm<FormValues>({ resolver: zodResolver(createAccountSchema) });
  useEffect(() => {
    if (open) reset({ displayName: account?.displayName ?? "", folderId: account?.folderId ?? rootFolderId });
  }, [open, account, rootFolderId, reset]);
  const onSubmit = handleSubmit(async (v) => {
    try {
      if (account) {
        await rename.mutateAsync({ accountId: account.accountId, displayName: v.displayName });
        toast.success("Account renamed.");
      } else {
        const a = await create.mutateAsync(v);
        toast.success(`Account ${a.displayName} (${a.accountId}) added.`);
      }
      onOpenChange(false);
    } catch (e) {
      showServerErrors(e, setError, ["displayName", "folderId"]);
    }
  });
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={account ? "Rename Member Account" : "Add Member Account"}
      footer={<FormDialogFooter form="member-account-form" busy={formState.isSubmitting} onCancel={() => onOpenChange(false)} />}
    >
      <form id="member-account-form" onSubmit={onSubmit} noValidate>
        {account && <p className="mb-3 text-text-3">Account ID: {account.accountId}</p>}
        <FormField label="Display Name" required error={formState.errors.displayName?.message} hint="2 to 50 characters: letters, digits, spaces and _ . -">
          {(p) => <input {...p} className="input" autoComplete="off" {...register("displayName")} />}
        </FormField>
        {!account && (
          <FormField label="Folder" required error={formState.errors.folderId?.message}>
            {(p) => (
              <select {...p} className="input" {...register("folderId")}>
                {folders.map((f) => (
                  <option key={f.id} value={f.id}>
                    {folderPath(f.id)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
      </form>
    </Dialog>
  );
}

/** The small admin page of the simulated Resource Directory: add, rename and remove member accounts. */
export function MemberAccountsAdmin() {
  const rd = useResourceDirectory();
  const del = useDeleteAccount();
  const table = useTableState();
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<AccountView | null>(null);
  const [removing, setRemoving] = useState<AccountView | null>(null);

  const folders = useMemo(() => rd.data?.folders ?? [], [rd.data]);
  const folderPath = useMemo(() => {
    const byId = new Map(folders.map((f) => [f.id, f]));
    const path = (id: string, depth = 0): string => {
      const f = byId.get(id);
      if (!f) return "";
      return f.parentId && depth < 20 ? `${path(f.parentId, depth + 1)} / ${f.name}` : f.name;
    };
    return path;
  }, [folders]);

  const { search, page, pageSize } = table.params;
  const data = useMemo(() => {
    if (!rd.data) return undefined;
    const q = search.toLowerCase();
    const all = rd.data.accounts.filter((a) => !q || a.displayName.toLowerCase().includes(q) || a.accountId.includes(q));
    return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length, page, pageSize };
  }, [rd.data, search, page, pageSize]);

  const columns = useMemo<ColumnDef<AccountView, unknown>[]>(
    () => [
      {
        header: "Display Name",
        cell: ({ row }) => (
          <Link className="link" href={accountHref(row.original.accountId)}>
            {row.original.displayName}
          </Link>
        ),
      },
      { header: "Account ID", cell: ({ row }) => <span className="font-mono">{row.original.accountId}</span> },
      { header: "Folder", accessorKey: "folderPath" },
      { header: "Type", accessorKey: "type" },
      { header: "Join Method", accessorKey: "joinMethod" },
      { header: "Status", accessorKey: "status" },
      { header: "Created", cell: ({ row }) => formatTime(row.original.createdAt) },
      {
        header: "Actions",
        cell: ({ row }) => (
          <span className="flex gap-3">
            <button type="button" className="link" onClick={() => setRenaming(row.original)}>
              Rename
            </button>
            <button type="button" className="link" onClick={() => setRemoving(row.original)}>
              Remove
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
        label="Member accounts"
        columns={columns}
        data={data}
        isLoading={rd.isLoading}
        error={rd.error}
        {...table.tableProps}
        searchPlaceholder="Search by display name or account ID"
        emptyText={search ? "No accounts match your search." : "No member accounts yet."}
        toolbar={
          <button type="button" className="btn btn-primary" disabled={!rd.data?.rootFolderId} onClick={() => setAdding(true)}>
            Add Member Account
          </button>
        }
        getRowId={(a) => a.accountId}
      />
      <AccountFormDialog
        open={adding || renaming !== null}
        onOpenChange={(o) => {
          if (!o) {
            setAdding(false);
            setRenaming(null);
          }
        }}
        account={renaming ?? undefined}
        folders={folders}
        folderPath={folderPath}
        rootFolderId={rd.data?.rootFolderId ?? ""}
      />
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        title="Remove Member Account"
        danger
        message={`Remove account ${removing?.displayName} (${removing?.accountId}) from the resource directory? An account with access assignments cannot be removed: remove them first.`}
        onConfirm={async () => {
          if (removing) await runWithToast(() => del.mutateAsync(removing.accountId), "Account removed.");
        }}
      />
    </>
  );
}

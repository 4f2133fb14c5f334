"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, queryState, useTableState } from "@/components/data-table";
import { StatusBadge } from "@/components/status-badge";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { runWithToast } from "@/components/run-with-toast";
import { formatTime } from "@/lib/format";
import { useDeleteUser, useUsers, useUserStatus, type UserView } from "@/lib/client/cloudsso";
import { ChangedBadge, changedRowProps, lastSynchronized } from "./live";
import { UserFormDialog } from "./user-form-dialog";

type Pending = { kind: "Enabled" | "Disabled" | "delete"; user: UserView } | null;

export function UsersTable() {
  const table = useTableState();
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const users = useUsers(table.params);
  const setStatus = useUserStatus();
  const del = useDeleteUser();

  const columns = useMemo<ColumnDef<UserView, unknown>[]>(
    () => [
      {
        header: "Username",
        cell: ({ row }) => (
          <span className="whitespace-nowrap">
            <Link className="link" href={`/cloudsso/users/${row.original.UserId}`}>
              {row.original.UserName}
            </Link>
            <ChangedBadge changed={row.original.ChangedRecently} />
          </span>
        ),
      },
      { header: "Display Name", accessorKey: "DisplayName" },
      { header: "Email", accessorKey: "Email" },
      { header: "Status", cell: ({ row }) => <StatusBadge status={row.original.Status} /> },
      { header: "Provisioning Type", accessorKey: "ProvisioningType" },
      { header: "Created", cell: ({ row }) => formatTime(row.original.CreateTime) },
      { header: "Last Synchronized", cell: ({ row }) => lastSynchronized(row.original.LastSyncTime) },
      {
        header: "Actions",
        cell: ({ row }) => {
          const u = row.original;
          return (
            <span className="space-x-3 whitespace-nowrap">
              <button
                type="button"
                className="link"
                onClick={() => setPending({ kind: u.Status === "Enabled" ? "Disabled" : "Enabled", user: u })}
              >
                {u.Status === "Enabled" ? "Disable" : "Enable"}
              </button>
              <button
                type="button"
                className="link"
                disabled={u.ReadOnly}
                title={u.ReadOnly ? "Synchronized by SCIM: delete it in the identity provider." : undefined}
                onClick={() => setPending({ kind: "delete", user: u })}
              >
                Delete
              </button>
            </span>
          );
        },
      },
    ],
    [],
  );

  return (
    <>
      <DataTable
        label="Users"
        columns={columns}
        {...queryState(users)}
        {...table.tableProps}
        searchPlaceholder="Search by username"
        emptyText={table.params.search ? "No users match your search." : "No users yet. Create a user or turn on SCIM synchronization."}
        toolbar={
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            Create User
          </button>
        }
        getRowId={(u) => u.UserId}
        rowProps={changedRowProps}
      />
      <UserFormDialog open={creating} onOpenChange={setCreating} />
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(o) => !o && setPending(null)}
        title={pending?.kind === "delete" ? "Delete User" : pending?.kind === "Disabled" ? "Disable User" : "Enable User"}
        danger={pending?.kind === "delete"}
        message={
          pending?.kind === "delete"
            ? `Delete user ${pending.user.UserName}? The user is removed from all groups and its access assignments are removed. This cannot be undone.`
            : `${pending?.kind === "Disabled" ? "Disable" : "Enable"} user ${pending?.user.UserName}?`
        }
        onConfirm={async () => {
          if (!pending) return;
          const { kind, user } = pending;
          await runWithToast(
            () => (kind === "delete" ? del.mutateAsync(user.UserId) : setStatus.mutateAsync({ id: user.UserId, status: kind })),
            kind === "delete" ? "User deleted." : `User ${kind === "Disabled" ? "disabled" : "enabled"}.`,
          );
        }}
      />
    </>
  );
}

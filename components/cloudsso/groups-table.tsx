"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, queryState, useTableState } from "@/components/data-table";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { runWithToast } from "@/components/run-with-toast";
import { formatTime } from "@/lib/format";
import { useDeleteGroup, useGroups, type GroupView } from "@/lib/client/cloudsso";
import { GroupFormDialog } from "./group-form-dialog";
import { ChangedBadge, changedRowProps, lastSynchronized } from "./live";

export function GroupsTable() {
  const table = useTableState();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<GroupView | null>(null);
  const groups = useGroups(table.params);
  const del = useDeleteGroup();

  const columns = useMemo<ColumnDef<GroupView, unknown>[]>(
    () => [
      {
        header: "Group Name",
        cell: ({ row }) => (
          <span className="whitespace-nowrap">
            <Link className="link" href={`/cloudsso/groups/${row.original.GroupId}`}>
              {row.original.GroupName}
            </Link>
            <ChangedBadge changed={row.original.ChangedRecently} />
          </span>
        ),
      },
      { header: "Description", cell: ({ row }) => row.original.Description || "-" },
      { header: "Members", accessorKey: "MemberCount" },
      { header: "Provisioning Type", accessorKey: "ProvisioningType" },
      { header: "Created", cell: ({ row }) => formatTime(row.original.CreateTime) },
      { header: "Last Synchronized", cell: ({ row }) => lastSynchronized(row.original.LastSyncTime) },
      {
        header: "Actions",
        cell: ({ row }) => (
          <button
            type="button"
            className="link"
            disabled={row.original.ReadOnly}
            title={row.original.ReadOnly ? "Synchronized by SCIM: delete it in the identity provider." : undefined}
            onClick={() => setDeleting(row.original)}
          >
            Delete
          </button>
        ),
      },
    ],
    [],
  );

  return (
    <>
      <DataTable
        label="Groups"
        columns={columns}
        {...queryState(groups)}
        {...table.tableProps}
        searchPlaceholder="Search by group name"
        emptyText={table.params.search ? "No groups match your search." : "No groups yet."}
        toolbar={
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            Create Group
          </button>
        }
        getRowId={(g) => g.GroupId}
        rowProps={changedRowProps}
      />
      <GroupFormDialog open={creating} onOpenChange={setCreating} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title="Delete Group"
        danger
        message={`Delete group ${deleting?.GroupName}? Its memberships and access assignments are removed. This cannot be undone.`}
        onConfirm={async () => {
          if (deleting) await runWithToast(() => del.mutateAsync(deleting.GroupId), "Group deleted.");
        }}
      />
    </>
  );
}

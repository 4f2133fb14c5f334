"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { DataTable, queryState, useTableState } from "@/components/data-table";
import { runWithToast } from "@/components/run-with-toast";
import { useDeleteGroup, useGroups, type GroupView } from "@/lib/client/idaas-directory";
import { formatTime } from "@/lib/format";
import { GroupFormDialog } from "./group-form-dialog";

export function GroupsList({ instanceId }: { instanceId: string }) {
  const table = useTableState();
  const [editing, setEditing] = useState<GroupView | "new" | null>(null);
  const [deleting, setDeleting] = useState<GroupView | null>(null);
  const query = useGroups(instanceId, table.params);
  const del = useDeleteGroup(instanceId);
  const base = `/idaas/instances/${encodeURIComponent(instanceId)}/groups`;

  const columns = useMemo<ColumnDef<GroupView, unknown>[]>(
    () => [
      {
        header: "Group Name",
        cell: ({ row }) => (
          <Link className="link" href={`${base}/${encodeURIComponent(row.original.id)}`}>
            {row.original.name}
          </Link>
        ),
      },
      { header: "Group ID", cell: ({ row }) => <span className="text-text-3">{row.original.id}</span> },
      { header: "Description", cell: ({ row }) => row.original.description || "-" },
      { header: "Members", cell: ({ row }) => row.original.memberCount },
      { header: "Created", cell: ({ row }) => formatTime(row.original.createdAt) },
      {
        header: "Actions",
        cell: ({ row }) => (
          <div className="flex gap-3" role="group" aria-label={`Actions for ${row.original.name}`}>
            <Link className="link" href={`${base}/${encodeURIComponent(row.original.id)}`}>
              Manage Members
            </Link>
            <button type="button" className="link" onClick={() => setEditing(row.original)}>
              Edit
            </button>
            <button type="button" className="link" onClick={() => setDeleting(row.original)}>
              Delete
            </button>
          </div>
        ),
      },
    ],
    [base],
  );

  return (
    <>
      <DataTable
        label="Groups"
        columns={columns}
        {...queryState(query)}
        {...table.tableProps}
        searchPlaceholder="Search by group name"
        emptyText={table.params.search ? "No groups match your search." : "No groups yet. Click Create Group to add one."}
        getRowId={(g) => g.id}
        toolbar={
          <button type="button" className="btn btn-primary" onClick={() => setEditing("new")}>
            Create Group
          </button>
        }
      />
      {editing && (
        <GroupFormDialog
          instanceId={instanceId}
          group={editing === "new" ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        open={Boolean(deleting)}
        onOpenChange={(o) => !o && setDeleting(null)}
        title="Delete Group"
        danger
        message={`Delete the group "${deleting?.name}"? Its memberships are removed; the accounts themselves stay.`}
        onConfirm={async () => {
          if (deleting) await runWithToast(() => del.mutateAsync(deleting.id), `Group "${deleting.name}" deleted.`);
        }}
      />
    </>
  );
}

"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { DataTable } from "@/components/data-table";
import { useDeleteGroup, useGroups, type GroupView } from "@/lib/idaas/hooks/use-groups";
import { formatTime } from "./format-time";
import { GroupFormDialog } from "./group-form-dialog";
import { errorMessage } from "./server-errors";

export function GroupsList({ instanceId }: { instanceId: string }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [search, setSearch] = useState("");
  const [editing, setEditing] = useState<GroupView | "new" | null>(null);
  const [deleting, setDeleting] = useState<GroupView | null>(null);
  const query = useGroups(instanceId, { page, pageSize, search });
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
        data={query.data}
        isLoading={query.isLoading}
        error={query.error}
        page={page}
        onPageChange={setPage}
        pageSize={pageSize}
        onPageSizeChange={(n) => {
          setPageSize(n);
          setPage(1);
        }}
        search={search}
        onSearch={(v) => {
          setSearch(v);
          setPage(1);
        }}
        searchPlaceholder="Search by group name"
        emptyText={search ? "No groups match your search." : "No groups yet. Click Create Group to add one."}
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
          if (!deleting) return;
          try {
            await del.mutateAsync(deleting.id);
            toast.success(`Group "${deleting.name}" deleted.`);
          } catch (err) {
            toast.error(errorMessage(err));
            throw err;
          }
        }}
      />
    </>
  );
}

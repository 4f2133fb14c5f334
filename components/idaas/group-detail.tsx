"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { DataTable, queryState, useTableState } from "@/components/data-table";
import { PageHeader } from "@/components/page-header";
import { runWithToast } from "@/components/run-with-toast";
import { StatusBadge } from "@/components/status-badge";
import { errorMessage } from "@/lib/api-client";
import {
  useAddGroupMembers,
  useDeleteGroup,
  useGroup,
  useGroupMembers,
  useGroupProvisioning,
  useRemoveGroupMember,
  type GroupMemberView,
} from "@/lib/client/idaas-directory";
import { AccountPickerDialog } from "./account-picker-dialog";
import { formatTime } from "@/lib/format";
import { instanceCrumbs } from "./instance-crumbs";
import { GroupFormDialog } from "./group-form-dialog";
import { ObjectProvisioningSection } from "./object-provisioning";

export function GroupDetail({
  instanceId,
  instanceName,
  groupId,
}: {
  instanceId: string;
  instanceName: string;
  groupId: string;
}) {
  const router = useRouter();
  const group = useGroup(instanceId, groupId);
  const table = useTableState();
  const members = useGroupMembers(instanceId, groupId, table.params);
  const provisioning = useGroupProvisioning(instanceId, groupId);
  const add = useAddGroupMembers(instanceId);
  const remove = useRemoveGroupMember(instanceId);
  const del = useDeleteGroup(instanceId);
  const [dialog, setDialog] = useState<"edit" | "add" | "delete" | null>(null);
  const [removing, setRemoving] = useState<GroupMemberView | null>(null);
  const base = `/idaas/instances/${encodeURIComponent(instanceId)}`;

  const columns = useMemo<ColumnDef<GroupMemberView, unknown>[]>(
    () => [
      {
        header: "Username",
        cell: ({ row }) => (
          <Link className="link" href={`${base}/accounts/${encodeURIComponent(row.original.accountId)}`}>
            {row.original.username}
          </Link>
        ),
      },
      { header: "Display Name", cell: ({ row }) => row.original.displayName || "-" },
      { header: "Email", cell: ({ row }) => row.original.email || "-" },
      { header: "Status", cell: ({ row }) => <StatusBadge status={row.original.status} /> },
      { header: "Added", cell: ({ row }) => formatTime(row.original.addedAt) },
      {
        header: "Actions",
        cell: ({ row }) => (
          <button
            type="button"
            className="link"
            aria-label={`Remove ${row.original.username}`}
            onClick={() => setRemoving(row.original)}
          >
            Remove
          </button>
        ),
      },
    ],
    [base],
  );

  const crumbs = instanceCrumbs(instanceId, instanceName, { label: "Groups", href: `${base}/groups` }, { label: group.data?.name ?? groupId });

  if (group.error) {
    return (
      <>
        <PageHeader crumbs={crumbs} title="Group" />
        <div role="alert" className="card text-error">
          {group.error.message}
        </div>
      </>
    );
  }
  const g = group.data;
  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={g?.name ?? "Group"}
        actions={
          g && (
            <>
              <button type="button" className="btn" onClick={() => setDialog("edit")}>
                Edit
              </button>
              <button type="button" className="btn" onClick={() => setDialog("delete")}>
                Delete
              </button>
            </>
          )
        }
      />
      <section className="card mb-4" aria-label="Group details">
        <h2 className="mb-3 text-[14px] font-medium">Details</h2>
        <dl className="grid grid-cols-[120px_1fr_120px_1fr] gap-y-2">
          <dt className="text-text-3">Group Name</dt>
          <dd>{g?.name}</dd>
          <dt className="text-text-3">Group ID</dt>
          <dd>{g?.id}</dd>
          <dt className="text-text-3">Description</dt>
          <dd className="whitespace-pre-wrap">{g?.description || "-"}</dd>
          <dt className="text-text-3">Created</dt>
          <dd>{formatTime(g?.createdAt)}</dd>
        </dl>
      </section>
      <ObjectProvisioningSection instanceId={instanceId} objectLabel="the group" query={provisioning} />
      <h2 className="mb-2 text-[14px] font-medium">Members</h2>
      <DataTable
        label="Group members"
        columns={columns}
        {...queryState(members)}
        {...table.tableProps}
        searchPlaceholder="Search members"
        emptyText={table.params.search ? "No members match your search." : "This group has no members. Click Add Members."}
        getRowId={(m) => m.accountId}
        toolbar={
          <button type="button" className="btn btn-primary" onClick={() => setDialog("add")}>
            Add Members
          </button>
        }
      />

      {dialog === "edit" && g && <GroupFormDialog instanceId={instanceId} group={g} onClose={() => setDialog(null)} />}
      {dialog === "add" && (
        <AccountPickerDialog
          instanceId={instanceId}
          title="Add Members"
          onClose={() => setDialog(null)}
          onConfirm={async (accountIds) => {
            try {
              const { added } = await add.mutateAsync({ groupId, accountIds });
              toast.success(
                added === accountIds.length
                  ? `${added} member${added === 1 ? "" : "s"} added.`
                  : `${added} added; ${accountIds.length - added} already in the group.`,
              );
              setDialog(null);
            } catch (err) {
              toast.error(errorMessage(err));
            }
          }}
        />
      )}
      <ConfirmDialog
        open={Boolean(removing)}
        onOpenChange={(o) => !o && setRemoving(null)}
        title="Remove Member"
        message={`Remove "${removing?.username}" from "${g?.name}"?`}
        onConfirm={async () => {
          if (removing) await runWithToast(() => remove.mutateAsync({ groupId, accountId: removing.accountId }), `"${removing.username}" removed from the group.`);
        }}
      />
      <ConfirmDialog
        open={dialog === "delete"}
        onOpenChange={(o) => !o && setDialog(null)}
        title="Delete Group"
        danger
        message={`Delete the group "${g?.name}"? Its memberships are removed; the accounts themselves stay.`}
        onConfirm={async () => {
          await runWithToast(() => del.mutateAsync(groupId), `Group "${g?.name}" deleted.`);
          router.push(`${base}/groups`);
        }}
      />
    </>
  );
}

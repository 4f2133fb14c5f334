"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { PageHeader } from "@/components/page-header";
import { Tabs } from "@/components/tabs";
import { DataTable, queryState, useTableState } from "@/components/data-table";
import { StatusBadge } from "@/components/status-badge";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { runWithToast } from "@/components/run-with-toast";
import { formatTime } from "@/lib/format";
import { useDeleteGroup, useGroup, useMembers, useRemoveMember, type MemberView } from "@/lib/client/cloudsso";
import { GroupFormDialog } from "./group-form-dialog";
import { ChangedBadge, lastSynchronized } from "./live";
import { AddMembersDialog } from "./add-members-dialog";
import { GroupAssignmentsTab } from "./access/principal-access-tabs";
import { useGroupAssignments } from "@/lib/client/cloudsso-access";

export function GroupDetail({ groupId }: { groupId: string }) {
  const router = useRouter();
  const group = useGroup(groupId);
  const table = useTableState();
  const members = useMembers(groupId, table.params);
  const remove = useRemoveMember();
  const del = useDeleteGroup();
  const assignments = useGroupAssignments(groupId);
  const assignmentCount = assignments.data?.items.length ?? 0;
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<MemberView | null>(null);
  const [deleting, setDeleting] = useState(false);
  const readOnly = group.data?.ReadOnly ?? true;

  const columns = useMemo<ColumnDef<MemberView, unknown>[]>(
    () => [
      { header: "Username", cell: ({ row }) => <Link className="link" href={`/cloudsso/users/${row.original.UserId}`}>{row.original.UserName}</Link> },
      { header: "Display Name", cell: ({ row }) => row.original.DisplayName || "-" },
      { header: "Status", cell: ({ row }) => <StatusBadge status={row.original.Status} /> },
      { header: "Provisioning Type", accessorKey: "ProvisioningType" },
      { header: "Joined", cell: ({ row }) => formatTime(row.original.JoinTime) },
      {
        header: "Actions",
        cell: ({ row }) => (
          <button type="button" className="link" disabled={readOnly} onClick={() => setRemoving(row.original)}>
            Remove
          </button>
        ),
      },
    ],
    [readOnly],
  );

  const crumbs = [{ label: "CloudSSO", href: "/cloudsso" }, { label: "Groups", href: "/cloudsso/groups" }, { label: group.data?.GroupName ?? groupId }];
  if (group.error) return <><PageHeader crumbs={crumbs} title="Group" /><div role="alert" className="card text-error">{group.error.message}</div></>;
  if (!group.data) return <div className="card text-text-3">Loading…</div>;
  const g = group.data;

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={g.GroupName}
        actions={
          <>
            <button type="button" className="btn" disabled={g.ReadOnly} onClick={() => setEditing(true)}>Edit</button>
            <button type="button" className="btn" disabled={g.ReadOnly} onClick={() => setDeleting(true)}>Delete</button>
          </>
        }
      >
        {g.ReadOnly && (
          <p className="mt-2 rounded-[2px] bg-selected px-3 py-2 text-text-2">
            This group is synchronized by SCIM. While SCIM synchronization is on, change it and its members in the identity provider.
          </p>
        )}
      </PageHeader>
      <Tabs
        label="Group"
        tabs={[
          {
            value: "details",
            label: "Details",
            content: (
              <dl className="card grid grid-cols-[160px_1fr] gap-y-3">
                {([
                  ["Group Name", g.GroupName],
                  ["Group ID", g.GroupId],
                  ["Description", g.Description || "-"],
                  ["Provisioning Type", g.ProvisioningType],
                  ["External ID", g.ExternalId ?? "-"],
                  ["Members", String(g.MemberCount)],
                  ["Created", formatTime(g.CreateTime)],
                  ["Modified", <span key="m">{formatTime(g.UpdateTime)}<ChangedBadge changed={g.ChangedRecently} /></span>],
                  ["Last Synchronized", lastSynchronized(g.LastSyncTime)],
                ] as const).map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt className="text-text-3">{k}</dt>
                    <dd>{v}</dd>
                  </div>
                ))}
              </dl>
            ),
          },
          {
            value: "users",
            label: "Users",
            content: (
              <DataTable
                label="Group members"
                columns={columns}
                {...queryState(members)}
                {...table.tableProps}
                onPageSizeChange={undefined}
                searchPlaceholder="Search by username"
                emptyText="This group has no members."
                toolbar={
                  <button type="button" className="btn btn-primary" disabled={g.ReadOnly} onClick={() => setAdding(true)}>
                    Add Users
                  </button>
                }
                getRowId={(m) => m.UserId}
              />
            ),
          },
          { value: "access", label: "Access Assignments", content: <GroupAssignmentsTab groupId={g.GroupId} /> },
        ]}
      />
      <GroupFormDialog open={editing} onOpenChange={setEditing} group={g} />
      <AddMembersDialog groupId={g.GroupId} open={adding} onOpenChange={setAdding} />
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        title="Remove User"
        message={`Remove ${removing?.UserName} from group ${g.GroupName}?`}
        onConfirm={async () => {
          if (removing) await runWithToast(() => remove.mutateAsync({ groupId: g.GroupId, userId: removing.UserId }), "User removed from the group.");
        }}
      />
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title="Delete Group"
        danger
        message={`Delete group ${g.GroupName}? ${assignmentCount > 0 ? `Its ${assignmentCount} access assignment${assignmentCount === 1 ? " is" : "s are"}` : "Its access assignments are"} removed first, so its members lose the access they had through it. This cannot be undone.`}
        onConfirm={async () => {
          await runWithToast(() => del.mutateAsync(g.GroupId), "Group deleted.");
          router.push("/cloudsso/groups");
        }}
      />
    </>
  );
}

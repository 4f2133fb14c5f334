"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { PageHeader } from "@/components/page-header";
import { Tabs } from "@/components/tabs";
import { SetPasswordButton } from "@/components/cloudsso/sso/set-password";
import { StatusBadge } from "@/components/status-badge";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { runWithToast } from "@/components/run-with-toast";
import { formatTime } from "@/lib/format";
import { useDeleteUser, useUser, useUserGroups, useUserStatus } from "@/lib/client/cloudsso";
import { UserFormDialog } from "./user-form-dialog";
import { ChangedBadge, lastSynchronized } from "./live";
import { UserPermissionsTab } from "./access/principal-access-tabs";
import { useUserPermissions } from "@/lib/client/cloudsso-access";

export function UserDetail({ userId }: { userId: string }) {
  const router = useRouter();
  const user = useUser(userId);
  const groups = useUserGroups(userId);
  const setStatus = useUserStatus();
  const del = useDeleteUser();
  const permissions = useUserPermissions(userId);
  const direct = (permissions.data?.items ?? []).filter((p) => p.via.some((v) => v.type === "User")).length;
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<"status" | "delete" | null>(null);
  const crumbs = [{ label: "CloudSSO", href: "/cloudsso" }, { label: "Users", href: "/cloudsso/users" }, { label: user.data?.UserName ?? userId }];

  if (user.error) return <><PageHeader crumbs={crumbs} title="User" /><div role="alert" className="card text-error">{user.error.message}</div></>;
  if (!user.data) return <div className="card text-text-3">Loading…</div>;
  const u = user.data;

  const rows: [string, React.ReactNode][] = [
    ["Username", u.UserName],
    ["User ID", <span key="id" className="font-mono">{u.UserId}</span>],
    ["Display Name", u.DisplayName || "-"],
    ["First Name", u.FirstName || "-"],
    ["Last Name", u.LastName || "-"],
    ["Email", u.Email || "-"],
    ["Status", <StatusBadge key="s" status={u.Status} />],
    ["Provisioning Type", u.ProvisioningType],
    ["External ID", u.ExternalId ?? "-"],
    ["Description", u.Description || "-"],
    ["Created", formatTime(u.CreateTime)],
    ["Modified", <span key="m">{formatTime(u.UpdateTime)}<ChangedBadge changed={u.ChangedRecently} /></span>],
    ["Last Synchronized", lastSynchronized(u.LastSyncTime)],
  ];

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={u.UserName}
        actions={
          <>
            <button type="button" className="btn" disabled={u.ReadOnly} onClick={() => setEditing(true)}>
              Edit
            </button>
            {u.ProvisioningType === "Manual" && <SetPasswordButton userId={u.UserId} userName={u.UserName} />}
            <button type="button" className="btn" onClick={() => setConfirm("status")}>
              {u.Status === "Enabled" ? "Disable" : "Enable"}
            </button>
            <button type="button" className="btn" disabled={u.ReadOnly} onClick={() => setConfirm("delete")}>
              Delete
            </button>
          </>
        }
      >
        {u.ReadOnly && (
          <p className="mt-2 rounded-[2px] bg-selected px-3 py-2 text-text-2">
            This user is synchronized by SCIM. While SCIM synchronization is on, only its status can be changed here.
          </p>
        )}
      </PageHeader>
      <Tabs
        label="User"
        tabs={[
          {
            value: "details",
            label: "Details",
            content: (
              <dl className="card grid grid-cols-[160px_1fr] gap-y-3">
                {rows.map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt className="text-text-3">{k}</dt>
                    <dd>{v}</dd>
                  </div>
                ))}
              </dl>
            ),
          },
          {
            value: "groups",
            label: "Joined Groups",
            content: (
              <div className="card">
                <table className="w-full text-left" aria-label="Joined groups">
                  <thead>
                    <tr className="bg-selected">
                      {["Group Name", "Description", "Provisioning Type", "Joined"].map((h) => (
                        <th key={h} className="h-10 px-4 font-medium">{h}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {(groups.data?.items ?? []).map((g) => (
                      <tr key={g.GroupId} className="border-b border-line-2">
                        <td className="h-10 px-4"><Link className="link" href={`/cloudsso/groups/${g.GroupId}`}>{g.GroupName}</Link></td>
                        <td className="px-4">{g.Description || "-"}</td>
                        <td className="px-4">{g.ProvisioningType}</td>
                        <td className="px-4">{formatTime(g.JoinTime)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {groups.data?.items.length === 0 && <div className="py-8 text-center text-text-3">This user has not joined any group.</div>}
              </div>
            ),
          },
          { value: "permissions", label: "Permissions", content: <UserPermissionsTab userId={userId} /> },
        ]}
      />
      <UserFormDialog open={editing} onOpenChange={setEditing} user={u} />
      <ConfirmDialog
        open={confirm !== null}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={confirm === "delete" ? "Delete User" : u.Status === "Enabled" ? "Disable User" : "Enable User"}
        danger={confirm === "delete"}
        message={confirm === "delete"
            ? `Delete user ${u.UserName}? ${direct > 0 ? `Its ${direct} access assignment${direct === 1 ? " is" : "s are"}` : "Its access assignments are"} removed first (access through groups stays with the groups). This cannot be undone.` : `${u.Status === "Enabled" ? "Disable" : "Enable"} user ${u.UserName}?`}
        onConfirm={async () => {
          if (confirm === "delete") {
            await runWithToast(() => del.mutateAsync(u.UserId), "User deleted.");
            router.push("/cloudsso/users");
          } else {
            await runWithToast(() => setStatus.mutateAsync({ id: u.UserId, status: u.Status === "Enabled" ? "Disabled" : "Enabled" }), "User status updated.");
          }
        }}
      />
    </>
  );
}

"use client";

import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { formatTime } from "@/lib/format";
import { PROVISIONING_STATUS_LABELS, type PermissionVia } from "@/lib/cloudsso/access/schemas";
import { useGroupAssignments, useUserPermissions } from "@/lib/client/cloudsso-access";
import { accountHref, configurationHref } from "./task-columns";

function Table({ label, headers, children, empty }: { label: string; headers: string[]; children: React.ReactNode; empty: string | null }) {
  return (
    <div className="card">
      <table className="w-full text-left" aria-label={label}>
        <thead>
          <tr className="bg-selected">
            {headers.map((h) => (
              <th key={h} scope="col" className="h-10 whitespace-nowrap px-3 font-medium first:pl-4">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      {empty && <div className="py-8 text-center text-text-3">{empty}</div>}
    </div>
  );
}

function Via({ via }: { via: PermissionVia[] }) {
  return (
    <span className="flex flex-wrap gap-x-2">
      {via.map((v) =>
        v.type === "User" ? (
          <span key="direct">Direct</span>
        ) : (
          <span key={v.groupId}>
            Group:{" "}
            <Link className="link" href={`/cloudsso/groups/${encodeURIComponent(v.groupId)}`}>
              {v.groupName}
            </Link>
          </span>
        ),
      )}
    </span>
  );
}

/** A user's effective access: every account and access configuration it holds, directly or through its groups. */
export function UserPermissionsTab({ userId }: { userId: string }) {
  const q = useUserPermissions(userId);
  const items = q.data?.items ?? [];
  return (
    <>
      {q.error && (
        <div role="alert" className="card mb-2 text-error">
          {q.error.message}
        </div>
      )}
      <Table
        label="Permissions"
        headers={["Account", "Account ID", "Access Configuration", "Via", "Provisioning Status"]}
        empty={q.data && items.length === 0 ? "No access: this user has no access assignments, directly or through a group." : null}
      >
        {items.map((p) => (
          <tr key={`${p.accountId}:${p.accessConfigurationId}`} className="border-b border-line-2">
            <AccountAndConfigurationCells {...p} />
            <td className="px-3">
              <Via via={p.via} />
            </td>
            <td className="whitespace-nowrap px-3">
              {p.provisioningStatus ? <StatusBadge status={PROVISIONING_STATUS_LABELS[p.provisioningStatus]} /> : <span className="text-text-3">Not provisioned yet</span>}
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}

/** A group's access assignments (its members hold them through the group). */
export function GroupAssignmentsTab({ groupId }: { groupId: string }) {
  const q = useGroupAssignments(groupId);
  const items = q.data?.items ?? [];
  return (
    <>
      {q.error && (
        <div role="alert" className="card mb-2 text-error">
          {q.error.message}
        </div>
      )}
      <Table
        label="Access assignments"
        headers={["Account", "Account ID", "Access Configuration", "Assigned"]}
        empty={q.data && items.length === 0 ? "This group has no access assignments. Assign it under Multi-account Permission Configuration." : null}
      >
        {items.map((a) => (
          <tr key={`${a.accountId}:${a.accessConfigurationId}`} className="border-b border-line-2">
            <AccountAndConfigurationCells {...a} />
            <td className="whitespace-nowrap px-3">{formatTime(a.createdAt)}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}

/** Account (linked), Account ID and Access Configuration (linked): the first cells of both tabs. */
function AccountAndConfigurationCells(r: { accountId: string; accountName: string; accessConfigurationId: string; accessConfigurationName: string }) {
  return (
    <>
      <td className="h-10 px-3 pl-4">
        <Link className="link" href={accountHref(r.accountId)}>
          {r.accountName}
        </Link>
      </td>
      <td className="px-3 font-mono">{r.accountId}</td>
      <td className="px-3">
        <Link className="link" href={configurationHref(r.accessConfigurationId)}>
          {r.accessConfigurationName}
        </Link>
      </td>
    </>
  );
}

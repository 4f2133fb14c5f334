"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { toast } from "sonner";
import { PageHeader } from "@/components/page-header";
import { Tabs } from "@/components/tabs";
import { DataTable, queryState, useTableState } from "@/components/data-table";
import { StatusBadge } from "@/components/status-badge";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { runWithToast } from "@/components/run-with-toast";
import { errorMessage } from "@/lib/api-client";
import { formatTime } from "@/lib/format";
import { PROVISIONING_STATUS_LABELS, type AccountView, type AssignmentView, type RamRoleView } from "@/lib/cloudsso/access/schemas";
import { useAccountDetail, useAssignments, useDeleteAssignments, useProvision } from "@/lib/client/cloudsso-access";
import { ConfigureAssignmentsWizard } from "./configure-assignments-wizard";
import { ChangeAssignmentsDialog, type ChangeTarget } from "./change-assignments-dialog";
import { DeprovisionDialog, type DeprovisionTarget } from "./deprovision-dialog";
import { TaskBatchProgress, useBatchRunning } from "./task-batch-progress";
import { configurationHref, principalHref } from "./task-columns";

function AssignmentsTab({ account, onBatch }: { account: AccountView; onBatch: (id: string, label: string) => void }) {
  const table = useTableState();
  const list = useAssignments({ accountId: account.accountId, ...table.params, search: undefined });
  const del = useDeleteAssignments();
  const [wizard, setWizard] = useState(false);
  const [changing, setChanging] = useState<ChangeTarget | null>(null);
  const [removing, setRemoving] = useState<AssignmentView | null>(null);
  const [deprovisionLast, setDeprovisionLast] = useState(false);

  const columns = useMemo<ColumnDef<AssignmentView, unknown>[]>(
    () => [
      {
        header: "User/Group",
        cell: ({ row }) => (
          <Link className="link" href={principalHref(row.original.principalType, row.original.principalId)!}>
            {row.original.principalName}
          </Link>
        ),
      },
      { header: "Type", cell: ({ row }) => (row.original.principalType === "Group" ? "Group" : "User") },
      { header: "Provisioning Type", accessorKey: "principalProvisioningType" },
      {
        header: "Access Configuration",
        cell: ({ row }) => (
          <Link className="link" href={configurationHref(row.original.accessConfigurationId)}>
            {row.original.accessConfigurationName}
          </Link>
        ),
      },
      { header: "Assigned", cell: ({ row }) => formatTime(row.original.createdAt) },
      {
        header: "Actions",
        cell: ({ row }) => (
          <span className="flex gap-3">
            <button
              type="button"
              className="link"
              onClick={() => setChanging({ type: row.original.principalType, id: row.original.principalId, name: row.original.principalName })}
            >
              Change Access Assignments
            </button>
            <button
              type="button"
              className="link"
              onClick={() => {
                setDeprovisionLast(false);
                setRemoving(row.original);
              }}
            >
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
        label="Access assignments"
        columns={columns}
        {...queryState(list)}
        {...table.pageProps}
        emptyText="No access assignments on this account yet."
        toolbar={
          <button type="button" className="btn btn-primary" onClick={() => setWizard(true)}>
            Configure Access Assignments
          </button>
        }
        getRowId={(a) => `${a.principalType}:${a.principalId}:${a.accessConfigurationId}`}
      />
      {wizard && <ConfigureAssignmentsWizard accounts={[account]} open={wizard} onOpenChange={setWizard} />}
      {changing && (
        <ChangeAssignmentsDialog
          key={`${changing.type}:${changing.id}`}
          account={account}
          principal={changing}
          onClose={() => setChanging(null)}
        />
      )}
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        title="Remove Access Assignment"
        danger
        message={
          removing && (
            <>
              <p>
                Remove access configuration <strong>{removing.accessConfigurationName}</strong> from {removing.principalName} ({removing.principalType}) on
                account {account.displayName}?
              </p>
              <label className="mt-3 flex items-center gap-2">
                <input type="checkbox" checked={deprovisionLast} onChange={(e) => setDeprovisionLast(e.target.checked)} />
                De-provision {removing.accessConfigurationName} from the account if this is its last access assignment there
              </label>
            </>
          )
        }
        onConfirm={async () => {
          if (!removing) return;
          await runWithToast(async () => {
            const r = await del.mutateAsync({
              assignments: [
                {
                  accountId: removing.accountId,
                  principalType: removing.principalType,
                  principalId: removing.principalId,
                  accessConfigurationId: removing.accessConfigurationId,
                },
              ],
              deprovisionStrategy: deprovisionLast ? "DeprovisionForLastAccessAssignmentOnAccount" : "None",
            });
            onBatch(r.batchId, `Remove ${removing.accessConfigurationName} from ${removing.principalName}`);
          }, "Removal started.");
        }}
      />
    </>
  );
}

function ProvisionedTab({ account, roles, onBatch, busy }: { account: AccountView; roles: RamRoleView[]; onBatch: (id: string, label: string) => void; busy: boolean }) {
  const provision = useProvision();
  const [deprovisioning, setDeprovisioning] = useState<DeprovisionTarget | null>(null);
  const reprovision = async (r: RamRoleView) => {
    try {
      const res = await provision.mutateAsync({ id: r.accessConfigurationId, accountIds: [account.accountId] });
      onBatch(res.batchId, `Re-provision ${r.accessConfigurationName}`);
      toast.success("Re-provisioning started.");
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };
  const disabled = busy || provision.isPending;
  return (
    <div className="card">
      <table className="w-full text-left" aria-label="Provisioned access configurations">
        <thead>
          <tr className="bg-selected">
            {["Access Configuration", "RAM Role", "Policies", "Provisioning Status", "Updated", "Actions"].map((h) => (
              <th key={h} scope="col" className="h-10 whitespace-nowrap px-3 font-medium first:pl-4">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {roles.map((r) => (
            <tr key={r.roleName} className="border-b border-line-2">
              <td className="h-10 px-3 pl-4">
                <Link className="link" href={configurationHref(r.accessConfigurationId)}>
                  {r.accessConfigurationName}
                </Link>
              </td>
              <td className="px-3 font-mono">{r.roleName}</td>
              <td className="px-3">{r.policies.map((p) => p.name).join(", ") || "-"}</td>
              <td className="whitespace-nowrap px-3">
                <StatusBadge status={PROVISIONING_STATUS_LABELS[r.status]} />
              </td>
              <td className="whitespace-nowrap px-3">{formatTime(r.updatedAt)}</td>
              <td className="whitespace-nowrap px-3">
                <span className="flex gap-3">
                  <button type="button" className="link" disabled={disabled} onClick={() => reprovision(r)}>
                    Re-provision
                  </button>
                  <button
                    type="button"
                    className="link"
                    disabled={disabled}
                    onClick={() =>
                      setDeprovisioning({
                        accessConfigurationId: r.accessConfigurationId,
                        accessConfigurationName: r.accessConfigurationName,
                        accountId: account.accountId,
                        accountName: account.displayName,
                      })
                    }
                  >
                    De-provision
                  </button>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {roles.length === 0 && <div className="py-8 text-center text-text-3">No access configuration is provisioned in this account yet.</div>}
      <DeprovisionDialog
        target={deprovisioning}
        onClose={() => setDeprovisioning(null)}
        onStarted={(res) => deprovisioning && onBatch(res.batchId, `De-provision ${deprovisioning.accessConfigurationName}`)}
      />
    </div>
  );
}

/** The account's RAM as provisioning left it: roles with their policies and inline policy documents, the SAML IdP and the service-linked role. */
function RamSection({ roles, samlProvider, serviceLinkedRole }: { roles: RamRoleView[]; samlProvider: { name: string; createdAt: string } | null; serviceLinkedRole: { name: string; createdAt: string } | null }) {
  return (
    <section className="card mt-4" aria-labelledby="ram-title">
      <h2 id="ram-title" className="mb-1 text-[14px] font-medium">
        RAM Roles and Policies
      </h2>
      <p className="mb-3 text-text-3">Created in this member account by CloudSSO provisioning; visible in RAM, not modifiable there.</p>
      {!samlProvider && !serviceLinkedRole && roles.length === 0 && <p className="text-text-3">Nothing provisioned yet.</p>}
      <ul className="flex flex-col gap-3">
        {serviceLinkedRole && (
          <li>
            <span className="font-mono">{serviceLinkedRole.name}</span> <span className="text-text-3">— service-linked role, created {formatTime(serviceLinkedRole.createdAt)}</span>
          </li>
        )}
        {samlProvider && (
          <li>
            <span className="font-mono">{samlProvider.name}</span> <span className="text-text-3">— SAML identity provider, created {formatTime(samlProvider.createdAt)}</span>
          </li>
        )}
        {roles.map((r) => (
          <li key={r.roleName}>
            <span className="font-mono font-medium">{r.roleName}</span>{" "}
            <span className="text-text-3">
              — RAM role (trusts {samlProvider?.name ?? "the SAML identity provider"}), {PROVISIONING_STATUS_LABELS[r.status]}
            </span>
            <ul className="ml-5 mt-1 list-disc">
              {r.policies.map((p) => (
                <li key={p.name}>
                  <span className="font-mono">{p.name}</span> <span className="text-text-3">({p.type === "System" ? "system policy" : "custom policy"})</span>
                </li>
              ))}
            </ul>
            {r.inlinePolicy && (
              <details className="ml-5 mt-1">
                <summary className="cursor-pointer text-primary">{r.inlinePolicy.name} document</summary>
                <pre className="mt-1 max-h-[240px] overflow-auto rounded-[2px] bg-hover p-2 font-mono text-[12px]">{r.inlinePolicy.document}</pre>
              </details>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function AccountDetail({ accountId }: { accountId: string }) {
  const q = useAccountDetail(accountId);
  const [batch, setBatch] = useState<{ id: string; label: string } | null>(null);
  const running = useBatchRunning(batch?.id ?? null);
  const crumbs = [
    { label: "CloudSSO", href: "/cloudsso" },
    { label: "Multi-account Permission Configuration", href: "/cloudsso/multi-account" },
    { label: q.data?.account.displayName ?? accountId },
  ];
  if (q.error)
    return (
      <>
        <PageHeader crumbs={crumbs} title="Account" />
        <div role="alert" className="card text-error">
          {q.error.message}
        </div>
      </>
    );
  if (!q.data) return <div className="card text-text-3">Loading…</div>;
  const { account, ramRoles } = q.data;
  const onBatch = (id: string, label: string) => setBatch({ id, label });
  const info: [string, React.ReactNode][] = [
    ["Display Name", account.displayName],
    ["Account ID", <span key="id" className="font-mono">{account.accountId}</span>],
    ["Folder", account.folderPath],
    ["Type", account.type],
    ["Join Method", account.joinMethod],
    ["Status", account.status],
    ["Access Assignments", String(q.data.assignmentCount)],
    ["Created", formatTime(account.createdAt)],
  ];

  return (
    <>
      <PageHeader crumbs={crumbs} title={account.displayName} />
      <section className="card mb-4" aria-labelledby="basic-information">
        <h2 id="basic-information" className="mb-3 text-[14px] font-medium">
          Basic Information
        </h2>
        <dl className="grid grid-cols-[160px_1fr_160px_1fr] gap-x-4 gap-y-3">
          {info.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-text-3">{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      {batch && (
        <section className="card mb-4" aria-label={batch.label}>
          <h2 className="mb-2 text-[14px] font-medium">{batch.label}</h2>
          <TaskBatchProgress batchId={batch.id} label={`Tasks: ${batch.label}`} />
        </section>
      )}
      <Tabs
        label="Account"
        tabs={[
          { value: "assignments", label: "Access Assignments", content: <AssignmentsTab account={account} onBatch={onBatch} /> },
          {
            value: "provisioned",
            label: "Provisioned Access Configurations",
            content: <ProvisionedTab account={account} roles={ramRoles} onBatch={onBatch} busy={running} />,
          },
        ]}
      />
      <RamSection roles={ramRoles} samlProvider={q.data.samlProvider} serviceLinkedRole={q.data.serviceLinkedRole} />
    </>
  );
}

"use client";

import { PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/status-badge";
import { useAccount, useAccountProvisioning } from "@/lib/client/idaas-directory";
import { formatTime } from "@/lib/format";
import { instanceCrumbs } from "./instance-crumbs";
import { ObjectProvisioningSection } from "./object-provisioning";
import { PortalPasswordState, ResetPasswordButton } from "./reset-password";

/** An account's details and, per application, its provisioning state. */
export function AccountDetail({
  instanceId,
  instanceName,
  accountId,
}: {
  instanceId: string;
  instanceName: string;
  accountId: string;
}) {
  const account = useAccount(instanceId, accountId);
  const provisioning = useAccountProvisioning(instanceId, accountId);
  const base = `/idaas/instances/${encodeURIComponent(instanceId)}`;
  const a = account.data;
  const crumbs = instanceCrumbs(
    instanceId,
    instanceName,
    { label: "Accounts and Orgs", href: `${base}/accounts` },
    { label: a?.username ?? accountId },
  );

  if (account.error) {
    return (
      <>
        <PageHeader crumbs={crumbs} title="Account" />
        <div role="alert" className="card text-error">
          {account.error.message}
        </div>
      </>
    );
  }
  const field = (label: string, value: React.ReactNode) => (
    <>
      <dt className="text-text-3">{label}</dt>
      <dd className="min-w-0 break-words">{value === "" || value === undefined ? "-" : value}</dd>
    </>
  );
  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={a?.username ?? "Account"}
        actions={a && <ResetPasswordButton instanceId={instanceId} accountId={accountId} username={a.username} />}
      />
      <section className="card mb-4" aria-label="Account details">
        <h2 className="mb-3 text-[14px] font-medium">Details</h2>
        {a ? (
          <dl className="grid grid-cols-[140px_1fr_140px_1fr] gap-y-2">
            {field("Username", a.username)}
            {field("Account ID", a.id)}
            {field("Display Name", a.displayName)}
            {field("Status", <StatusBadge status={a.status} />)}
            {field("Email", a.email)}
            {field("Phone", a.phone)}
            {field("Organizational Unit", a.primaryUnitName)}
            {field("Other Units", a.extraUnits.map((u) => u.name).join(", "))}
            {field("External ID", a.externalId)}
            {field("Description", a.description)}
            {field("Created", formatTime(a.createdAt))}
            {field("Updated", formatTime(a.updatedAt))}
            {field("Portal Password", <PortalPasswordState instanceId={instanceId} accountId={accountId} />)}
          </dl>
        ) : (
          <div className="h-24 animate-pulse rounded-[2px] bg-hover" aria-label="Loading account" />
        )}
      </section>
      <ObjectProvisioningSection instanceId={instanceId} objectLabel="the account" query={provisioning} />
    </>
  );
}

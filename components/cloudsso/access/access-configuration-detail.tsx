"use client";

import { useState } from "react";
import { PageHeader } from "@/components/page-header";
import { Tabs } from "@/components/tabs";
import { formatTime } from "@/lib/format";
import { ramRoleName } from "@/lib/cloudsso/access/schemas";
import { useAccessConfiguration } from "@/lib/client/cloudsso-access";
import { EditAccessConfigurationDialog } from "./edit-access-configuration-dialog";
import { DeleteAccessConfigurationDialog } from "./delete-access-configuration-dialog";
import { PolicyTab } from "./policy-tab";
import { ProvisioningTab } from "./provisioning-tab";
import { ProvisioningSummary } from "./access-configurations-table";

export function AccessConfigurationDetail({ id }: { id: string }) {
  const q = useAccessConfiguration(id);
  const [tab, setTab] = useState("policy");
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const crumbs = [
    { label: "CloudSSO", href: "/cloudsso" },
    { label: "Access Configuration", href: "/cloudsso/access-configurations" },
    { label: q.data?.name ?? id },
  ];
  if (q.error)
    return (
      <>
        <PageHeader crumbs={crumbs} title="Access Configuration" />
        <div role="alert" className="card text-error">
          {q.error.message}
        </div>
      </>
    );
  if (!q.data) return <div className="card text-text-3">Loading…</div>;
  const c = q.data;
  const info: [string, React.ReactNode][] = [
    ["Access Configuration Name", c.name],
    ["Access Configuration ID", <span key="id" className="font-mono">{c.id}</span>],
    ["Session Duration", `${c.sessionDuration} seconds`],
    ["Relay State", c.relayState || "Console home page"],
    ["Description", c.description || "-"],
    ["RAM Role in Accounts", <span key="r" className="font-mono">{ramRoleName(c.name)}</span>],
    ["Provisioning Status", <ProvisioningSummary key="p" c={c} />],
    ["Access Assignments", String(c.assignmentCount)],
    ["Created", formatTime(c.createdAt)],
    ["Modified", formatTime(c.updatedAt)],
  ];

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={c.name}
        actions={
          <>
            <button type="button" className="btn" onClick={() => setEditing(true)}>
              Modify
            </button>
            <button type="button" className="btn" onClick={() => setDeleting(true)}>
              Delete
            </button>
          </>
        }
      />
      {c.reprovisionRequiredCount > 0 && (
        <div role="status" className="mb-4 flex items-center justify-between gap-4 rounded-[2px] border border-[#ffc440] bg-[#fff6d9] px-4 py-2.5 text-text">
          <span>
            The policies of {c.name} changed after it was provisioned: {c.reprovisionRequiredCount} account
            {c.reprovisionRequiredCount === 1 ? " needs" : "s need"} re-provisioning (Re-provisioning Required) before the change takes effect there.
          </span>
          <button type="button" className="link shrink-0" onClick={() => setTab("provisioning")}>
            Go to Provisioning
          </button>
        </div>
      )}
      <section className="card mb-4" aria-labelledby="basic-information">
        <h2 id="basic-information" className="mb-3 text-[14px] font-medium">
          Basic Information
        </h2>
        <dl className="grid grid-cols-[200px_1fr_200px_1fr] gap-x-4 gap-y-3">
          {info.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-text-3">{k}</dt>
              <dd className="min-w-0 break-words">{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      <Tabs
        label="Access configuration"
        value={tab}
        onValueChange={setTab}
        tabs={[
          { value: "policy", label: "Policy", content: <PolicyTab c={c} /> },
          { value: "provisioning", label: "Provisioning", content: <ProvisioningTab c={c} /> },
        ]}
      />
      <EditAccessConfigurationDialog c={c} open={editing} onOpenChange={setEditing} />
      <DeleteAccessConfigurationDialog
        configuration={deleting ? c : null}
        onClose={() => setDeleting(false)}
        redirectTo="/cloudsso/access-configurations"
      />
    </>
  );
}

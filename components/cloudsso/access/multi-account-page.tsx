"use client";

import Link from "next/link";
import { useState } from "react";
import { useResourceDirectory } from "@/lib/client/cloudsso-access";
import { ResourceDirectoryTree } from "./resource-directory-tree";
import { ConfigureAssignmentsWizard } from "./configure-assignments-wizard";

/** Multi-account Permission Configuration: the Resource Directory tree, select accounts › Configure Access Assignments. */
export function MultiAccountPermissions() {
  const rd = useResourceDirectory();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [wizard, setWizard] = useState(false);
  const accounts = (rd.data?.accounts ?? []).filter((a) => selected.has(a.accountId));

  return (
    <section className="card" aria-labelledby="rd-title">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h2 id="rd-title" className="text-[14px] font-medium">
          Resource Directory
        </h2>
        <span className="text-text-3">
          {rd.data ? `${rd.data.accounts.length} member accounts · ${selected.size} selected` : ""}
        </span>
        <div className="ml-auto flex gap-2">
          <Link className="btn" href="/cloudsso/multi-account/accounts">
            Manage Member Accounts
          </Link>
          <Link className="btn" href="/cloudsso/tasks">
            Tasks
          </Link>
          <button type="button" className="btn btn-primary" disabled={selected.size === 0} onClick={() => setWizard(true)}>
            Configure Access Assignments
          </button>
        </div>
      </div>
      <p className="mb-3 text-text-3">
        Select one or more accounts (or a folder), then click Configure Access Assignments. Open an account to see its access assignments and the
        access configurations provisioned in it.
      </p>
      {rd.error && (
        <div role="alert" className="py-4 text-error">
          {rd.error.message}
        </div>
      )}
      {rd.isLoading && <div className="py-6 text-text-3">Loading…</div>}
      {rd.data && rd.data.accounts.length === 0 && (
        <p className="mb-2 text-text-3">
          No member accounts yet. <Link className="link" href="/cloudsso/multi-account/accounts">Add Member Account</Link> to simulate one.
        </p>
      )}
      {rd.data && <ResourceDirectoryTree rd={rd.data} selected={selected} onChange={setSelected} />}
      {wizard && (
        <ConfigureAssignmentsWizard
          accounts={accounts}
          open={wizard}
          onOpenChange={(o) => {
            setWizard(o);
            if (!o) setSelected(new Set());
          }}
        />
      )}
    </section>
  );
}

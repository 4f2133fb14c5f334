"use client";

import { useMemo, useState } from "react";
import { useUnits } from "@/lib/client/idaas-directory";
import { AccountsPanel } from "./accounts-panel";
import { OrgTree } from "./org-tree";
import { buildUnitTree } from "./unit-tree";

/** Accounts and Orgs: organization tree on the left, the selected unit's accounts on the right. */
export function AccountsAndOrgs({ instanceId }: { instanceId: string }) {
  const units = useUnits(instanceId);
  const tree = useMemo(() => buildUnitTree(units.data ?? []), [units.data]);
  const [selectedId, setSelectedId] = useState<string | undefined>();
  // Falls back to the root when nothing is selected yet or the selected unit was deleted.
  const selected = tree.flat.find((u) => u.id === selectedId) ?? tree.roots[0];

  if (units.error) {
    return (
      <div role="alert" className="card text-error">
        {units.error.message}
      </div>
    );
  }
  return (
    <div className="flex items-start gap-4">
      <div className="w-[280px] shrink-0">
        {units.isLoading ? (
          <div className="card text-text-3">Loading…</div>
        ) : (
          <OrgTree
            instanceId={instanceId}
            roots={tree.roots}
            flat={tree.flat}
            selected={selected}
            onSelect={setSelectedId}
          />
        )}
      </div>
      <div className="min-w-0 flex-1">
        {selected && <AccountsPanel key={selected.id} instanceId={instanceId} unit={selected} units={tree.flat} />}
      </div>
    </div>
  );
}

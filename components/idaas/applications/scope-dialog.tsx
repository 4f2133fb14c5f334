"use client";

import { useMemo, useState } from "react";
import { toast } from "sonner";
import { Dialog } from "@/components/dialog";
import { ApiError, errorMessage } from "@/lib/api-client";
import { useSaveProvisioningScope, useScopeCoverage, useScopeOptions, type ScopeOptions } from "@/lib/client/idaas-applications";

interface Node {
  id: string;
  name: string;
  depth: number;
  children: Node[];
}

function buildTree(units: ScopeOptions["units"]): Node[] {
  const byParent = new Map<string | null, ScopeOptions["units"]>();
  for (const u of units) byParent.set(u.parentId, [...(byParent.get(u.parentId) ?? []), u]);
  const ids = new Set(units.map((u) => u.id));
  const build = (parentId: string | null, depth: number): Node[] =>
    (byParent.get(parentId) ?? []).map((u) => ({ id: u.id, name: u.name, depth, children: build(u.id, depth + 1) }));
  // Roots: units without a parent, or whose parent is not listed.
  const roots = units.filter((u) => u.parentId === null || !ids.has(u.parentId));
  return roots.map((u) => ({ id: u.id, name: u.name, depth: 0, children: build(u.id, 1) }));
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/**
 * How many distinct accounts and groups a selection covers (sub-organizations, extra-unit
 * accounts and members of the groups included), counted by the server. An empty scope shows
 * "0 accounts" before Push Now would find nothing to push.
 */
export function ScopeCoverage({
  instanceId,
  appId,
  selection,
}: {
  instanceId: string;
  appId: string;
  selection: { unitIds: string[]; groupIds: string[] };
}) {
  const coverage = useScopeCoverage(instanceId, appId, selection);
  if (coverage.error) return <span className="text-error">Counting failed: {coverage.error.message}</span>;
  if (!coverage.data) return <span className="text-text-3">Counting accounts…</span>;
  return (
    <span>
      Covers {plural(coverage.data.accounts, "account")} and {plural(coverage.data.groups, "group")}
    </span>
  );
}

/**
 * Configure Provisioning Scope → Configuration. Checking an organization includes everything
 * below it, so its descendants show as checked and locked while it is checked.
 */
export function ScopeDialog({
  instanceId,
  appId,
  open,
  onOpenChange,
  current,
}: {
  instanceId: string;
  appId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  current: { unitIds: string[]; groupIds: string[] };
}) {
  const options = useScopeOptions(instanceId, appId, open);
  const save = useSaveProvisioningScope(instanceId, appId);
  // The caller mounts this dialog when it opens, so the selection starts from the saved scope.
  const [units, setUnits] = useState<Set<string>>(() => new Set(current.unitIds));
  const [groups, setGroups] = useState<Set<string>>(() => new Set(current.groupIds));
  const [groupFilter, setGroupFilter] = useState("");
  const [error, setError] = useState<string | null>(null);

  const tree = useMemo(() => buildTree(options.data?.units ?? []), [options.data]);
  const visibleGroups = (options.data?.groups ?? []).filter((g) =>
    g.name.toLowerCase().includes(groupFilter.trim().toLowerCase()),
  );

  const toggle = (set: Set<string>, id: string) => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  };

  const renderNode = (n: Node, inherited: boolean): React.ReactNode => {
    const checked = inherited || units.has(n.id);
    const inputId = `scope-unit-${n.id}`;
    return (
      <li key={n.id}>
        <div className="flex h-8 items-center gap-2 hover:bg-hover" style={{ paddingLeft: 8 + n.depth * 20 }}>
          <input
            id={inputId}
            type="checkbox"
            checked={checked}
            disabled={inherited}
            onChange={() => setUnits((s) => toggle(s, n.id))}
          />
          <label htmlFor={inputId} className={inherited ? "text-text-3" : undefined}>
            {n.name}
          </label>
          {inherited && <span className="text-text-4">(included by parent)</span>}
        </div>
        {n.children.length > 0 && <ul>{n.children.map((c) => renderNode(c, checked))}</ul>}
      </li>
    );
  };

  const onSave = async () => {
    setError(null);
    try {
      await save.mutateAsync({ unitIds: [...units], groupIds: [...groups] });
      toast.success("Provisioning scope saved.");
      onOpenChange(false);
    } catch (e) {
      const fe = e instanceof ApiError ? Object.values(e.fieldErrors) : [];
      setError(fe.length > 0 ? fe.join(" ") : errorMessage(e));
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !save.isPending && onOpenChange(o)}
      title="Configure Provisioning Scope"
      width={720}
      footer={
        <>
          <button type="button" className="btn btn-primary" disabled={save.isPending || !options.data} onClick={onSave}>
            {save.isPending ? "Saving…" : "Save"}
          </button>
          <button type="button" className="btn" disabled={save.isPending} onClick={() => onOpenChange(false)}>
            Cancel
          </button>
        </>
      }
    >
      <p className="mb-3 text-text-2">
        Accounts in the selected organizations (including their sub-organizations) and members of the selected groups
        are provisioned to this application.
      </p>
      <p role="status" aria-live="polite" className="mb-3 font-medium" data-testid="scope-coverage">
        <ScopeCoverage instanceId={instanceId} appId={appId} selection={{ unitIds: [...units], groupIds: [...groups] }} />
      </p>
      {options.isLoading && <div className="py-6 text-center text-text-3">Loading…</div>}
      {options.error && (
        <div role="alert" className="py-6 text-center text-error">
          {options.error.message}
        </div>
      )}
      {options.data && (
        <div className="grid grid-cols-2 gap-4">
          <fieldset className="min-w-0 rounded-[2px] border border-line-2">
            <legend className="ml-2 px-1 font-medium">Organization</legend>
            <ul className="max-h-[320px] overflow-y-auto py-1" aria-label="Organization">
              {tree.map((n) => renderNode(n, false))}
            </ul>
          </fieldset>
          <fieldset className="min-w-0 rounded-[2px] border border-line-2">
            <legend className="ml-2 px-1 font-medium">Group</legend>
            <div className="px-2 pt-1">
              <label htmlFor="scope-group-filter" className="sr-only">
                Filter groups
              </label>
              <input
                id="scope-group-filter"
                className="input"
                placeholder="Filter groups"
                value={groupFilter}
                onChange={(e) => setGroupFilter(e.target.value)}
              />
            </div>
            <ul className="max-h-[280px] overflow-y-auto py-1" aria-label="Group">
              {visibleGroups.map((g) => {
                const inputId = `scope-group-${g.id}`;
                return (
                  <li key={g.id} className="flex h-8 items-center gap-2 px-2 hover:bg-hover">
                    <input
                      id={inputId}
                      type="checkbox"
                      checked={groups.has(g.id)}
                      onChange={() => setGroups((s) => toggle(s, g.id))}
                    />
                    <label htmlFor={inputId}>{g.name}</label>
                  </li>
                );
              })}
              {visibleGroups.length === 0 && (
                <li className="px-2 py-4 text-center text-text-3">
                  {options.data.groups.length === 0 ? "No groups in this instance." : "No groups match the filter."}
                </li>
              )}
            </ul>
          </fieldset>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-3 text-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}

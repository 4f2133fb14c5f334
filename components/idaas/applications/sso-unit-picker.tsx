"use client";

import { useState } from "react";
import { Dialog } from "@/components/dialog";
import { buildUnitTree } from "@/components/idaas/unit-tree";
import { useUnits } from "@/lib/client/idaas-directory";

/** Authorize › Manually › Add Organization: tick organizations (each includes its sub-organizations). */
export function SsoUnitPickerDialog({
  instanceId,
  selected,
  onConfirm,
  onClose,
}: {
  instanceId: string;
  selected: string[];
  onConfirm: (units: { id: string; name: string }[]) => void;
  onClose: () => void;
}) {
  const units = useUnits(instanceId);
  const [ticked, setTicked] = useState<Set<string>>(() => new Set(selected));
  const { flat } = buildUnitTree(units.data ?? []);
  const toggle = (id: string) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title="Add Organization"
      width={520}
      footer={
        <>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!units.data}
            onClick={() => onConfirm(flat.filter((u) => ticked.has(u.id)).map((u) => ({ id: u.id, name: u.name })))}
          >
            Confirm
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        </>
      }
    >
      <p className="mb-3 text-text-2">Accounts in the selected organizations and their sub-organizations may sign in to the application.</p>
      {units.isLoading && <div className="py-6 text-center text-text-3">Loading…</div>}
      {units.error && (
        <div role="alert" className="py-6 text-center text-error">
          {units.error.message}
        </div>
      )}
      <ul className="max-h-[360px] overflow-y-auto rounded-[2px] border border-line-2 py-1" aria-label="Organization">
        {flat.map((u) => (
          <li key={u.id}>
            <label className="flex h-8 cursor-pointer items-center gap-2 hover:bg-hover" style={{ paddingLeft: 8 + u.depth * 20 }}>
              <input type="checkbox" checked={ticked.has(u.id)} onChange={() => toggle(u.id)} />
              {u.name}
            </label>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

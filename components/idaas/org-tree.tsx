"use client";

import clsx from "clsx";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { errorMessage } from "@/lib/api-client";
import { useDeleteUnit } from "@/lib/client/idaas-directory";
import { UnitMoveDialog, UnitNameDialog } from "./unit-dialogs";
import type { UnitTreeNode } from "./unit-tree";

type Action = "create" | "rename" | "move" | "delete" | null;

/**
 * Organization tree with the actions for the selected unit above it. The root organization can
 * be renamed and get sub-units but cannot be moved or deleted.
 */
export function OrgTree({
  instanceId,
  roots,
  flat,
  selected,
  onSelect,
}: {
  instanceId: string;
  roots: UnitTreeNode[];
  flat: UnitTreeNode[];
  selected: UnitTreeNode | undefined;
  onSelect: (id: string) => void;
}) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [action, setAction] = useState<Action>(null);
  const del = useDeleteUnit(instanceId);
  const isRoot = selected ? selected.parentId === null : true;

  const toggle = (id: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const renderNode = (n: UnitTreeNode) => {
    const open = !collapsed.has(n.id);
    const isSel = selected?.id === n.id;
    return (
      <li key={n.id} role="none">
        <div
          className={clsx("flex h-8 items-center pr-2 hover:bg-hover", isSel && "bg-selected text-primary")}
          style={{ paddingLeft: 8 + n.depth * 16 }}
        >
          {n.children.length > 0 ? (
            <button
              type="button"
              className="mr-1 w-4 text-text-3"
              aria-label={`${open ? "Collapse" : "Expand"} ${n.name}`}
              onClick={() => toggle(n.id)}
            >
              {open ? "▾" : "▸"}
            </button>
          ) : (
            <span className="mr-1 w-4" aria-hidden />
          )}
          <button
            type="button"
            role="treeitem"
            aria-selected={isSel}
            aria-expanded={n.children.length > 0 ? open : undefined}
            className="min-w-0 flex-1 truncate text-left"
            title={n.path}
            onClick={() => onSelect(n.id)}
          >
            {n.name}
          </button>
          <span
            className="ml-2 text-text-3"
            aria-hidden
            title={`${n.accountCount} account${n.accountCount === 1 ? "" : "s"} in ${n.name}, sub-units included`}
          >
            {n.accountCount}
          </span>
        </div>
        {open && n.children.length > 0 && <ul role="group">{n.children.map(renderNode)}</ul>}
      </li>
    );
  };

  return (
    <div className="rounded-[4px] bg-white">
      <div
        role="toolbar"
        aria-label="Organization actions"
        className="flex flex-wrap gap-x-3 gap-y-1 border-b border-line-2 px-3 py-3"
      >
        <button type="button" className="link" disabled={!selected} onClick={() => setAction("create")}>
          Create Unit
        </button>
        <button type="button" className="link" disabled={!selected} onClick={() => setAction("rename")}>
          Rename
        </button>
        <button type="button" className="link" disabled={isRoot} onClick={() => setAction("move")}>
          Move
        </button>
        <button type="button" className="link" disabled={isRoot} onClick={() => setAction("delete")}>
          Delete
        </button>
      </div>
      <ul role="tree" aria-label="Organizations" className="max-h-[calc(100vh-260px)] overflow-y-auto py-2">
        {roots.map(renderNode)}
      </ul>

      {selected && (action === "create" || action === "rename") && (
        <UnitNameDialog
          instanceId={instanceId}
          mode={action}
          unit={selected}
          onClose={(createdId) => {
            setAction(null);
            if (createdId) onSelect(createdId);
          }}
        />
      )}
      {selected && action === "move" && (
        <UnitMoveDialog instanceId={instanceId} unit={selected} units={flat} onClose={() => setAction(null)} />
      )}
      {selected && (
        <ConfirmDialog
          open={action === "delete"}
          onOpenChange={(o) => !o && setAction(null)}
          title="Delete Organizational Unit"
          danger
          message={
            <>
              Delete <span className="font-medium text-text">{selected.path}</span>? A unit that still contains
              accounts or sub-units cannot be deleted.
            </>
          }
          onConfirm={async () => {
            try {
              await del.mutateAsync(selected.id);
              toast.success(`Organizational unit "${selected.name}" deleted.`);
              if (selected.parentId) onSelect(selected.parentId);
            } catch (err) {
              // A refusal (unit not empty) is final for this dialog: close it and say why.
              toast.error(errorMessage(err));
            }
          }}
        />
      )}
    </div>
  );
}

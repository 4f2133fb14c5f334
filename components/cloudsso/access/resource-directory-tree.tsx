"use client";

import Link from "next/link";
import { useMemo } from "react";
import type { AccountView, FolderView, ResourceDirectoryView } from "@/lib/cloudsso/access/schemas";
import { accountHref } from "./task-columns";

interface Node {
  folder: FolderView;
  folders: Node[];
  accounts: AccountView[];
}

function buildTree(rd: ResourceDirectoryView): Node | null {
  const byParent = new Map<string | null, FolderView[]>();
  for (const f of rd.folders) byParent.set(f.parentId, [...(byParent.get(f.parentId) ?? []), f]);
  const accountsBy = new Map<string, AccountView[]>();
  for (const a of rd.accounts) accountsBy.set(a.folderId, [...(accountsBy.get(a.folderId) ?? []), a]);
  const build = (f: FolderView, depth: number): Node => ({
    folder: f,
    folders: depth > 20 ? [] : (byParent.get(f.id) ?? []).map((c) => build(c, depth + 1)),
    accounts: accountsBy.get(f.id) ?? [],
  });
  const root = rd.folders.find((f) => f.id === rd.rootFolderId);
  return root ? build(root, 0) : null;
}

function accountsUnder(n: Node): string[] {
  return [...n.accounts.map((a) => a.accountId), ...n.folders.flatMap(accountsUnder)];
}

/**
 * The Resource Directory navigation tree (folders › accounts) with a checkbox per account and per
 * folder (a folder's checkbox selects every account below it).
 */
export function ResourceDirectoryTree({
  rd,
  selected,
  onChange,
}: {
  rd: ResourceDirectoryView;
  selected: Set<string>;
  onChange: (next: Set<string>) => void;
}) {
  const root = useMemo(() => buildTree(rd), [rd]);
  if (!root) return <p className="py-6 text-center text-text-3">The resource directory has no root folder yet.</p>;

  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    onChange(next);
  };

  const renderNode = (n: Node, depth: number): React.ReactNode => {
    const ids = accountsUnder(n);
    const all = ids.length > 0 && ids.every((id) => selected.has(id));
    const some = ids.some((id) => selected.has(id));
    return (
      <li key={n.folder.id}>
        <div className="flex h-8 items-center gap-2" style={{ paddingLeft: depth * 20 }}>
          <input
            type="checkbox"
            aria-label={`${n.folder.name} (folder)`}
            checked={all}
            disabled={ids.length === 0}
            ref={(el) => {
              if (el) el.indeterminate = some && !all;
            }}
            onChange={(e) => toggle(ids, e.target.checked)}
          />
          <span aria-hidden className="text-text-3">
            ▾
          </span>
          <span className="font-medium">{n.folder.name}</span>
          <span className="text-text-3">
            {ids.length} account{ids.length === 1 ? "" : "s"}
          </span>
        </div>
        <ul>
          {n.folders.map((c) => renderNode(c, depth + 1))}
          {n.accounts.map((a) => (
            <li key={a.accountId}>
              <div className="flex h-8 items-center gap-2 hover:bg-hover" style={{ paddingLeft: (depth + 1) * 20 }}>
                <input
                  type="checkbox"
                  aria-label={a.displayName}
                  checked={selected.has(a.accountId)}
                  onChange={(e) => toggle([a.accountId], e.target.checked)}
                />
                <Link className="link" href={accountHref(a.accountId)}>
                  {a.displayName}
                </Link>
                <span className="font-mono text-text-3">{a.accountId}</span>
              </div>
            </li>
          ))}
        </ul>
      </li>
    );
  };

  return (
    <ul aria-label="Resource Directory">
      {renderNode(root, 0)}
    </ul>
  );
}

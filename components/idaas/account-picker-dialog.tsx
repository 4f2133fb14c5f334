"use client";

import { useState } from "react";
import { Dialog } from "@/components/dialog";
import { SearchForm } from "@/components/search-form";
import { useAccounts } from "@/lib/client/idaas-directory";

const PAGE_SIZE = 10;

/** Search accounts and tick the ones to add; selections survive paging and new searches. */
export function AccountPickerDialog({
  instanceId,
  title,
  onConfirm,
  onClose,
}: {
  instanceId: string;
  title: string;
  /** The ticked accounts' ids, and their usernames in the same order. */
  onConfirm: (accountIds: string[], usernames: string[]) => Promise<void>;
  onClose: () => void;
}) {
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const [busy, setBusy] = useState(false);
  const query = useAccounts(instanceId, { search, page, pageSize: PAGE_SIZE });
  const total = query.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  const toggle = (id: string, username: string) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (next.has(id)) next.delete(id);
      else next.set(id, username);
      return next;
    });

  return (
    <Dialog
      open
      onOpenChange={(o) => !o && !busy && onClose()}
      title={title}
      width={640}
      footer={
        <>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || selected.size === 0}
            onClick={async () => {
              setBusy(true);
              try {
                await onConfirm([...selected.keys()], [...selected.values()]);
              } finally {
                setBusy(false);
              }
            }}
          >
            {busy ? "Processing…" : "OK"}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={onClose}>
            Cancel
          </button>
        </>
      }
    >
      <SearchForm
        className="mb-3 flex"
        label="Search accounts"
        placeholder="Search by username or email"
        value={search}
        onSearch={(value) => {
          setSearch(value);
          setPage(1);
        }}
      />
      <div className="min-h-[200px] rounded-[2px] border border-line-2">
        {query.isLoading && <div className="py-8 text-center text-text-3">Loading…</div>}
        {query.error && (
          <div role="alert" className="py-8 text-center text-error">
            {query.error.message}
          </div>
        )}
        {query.data?.items.length === 0 && <div className="py-8 text-center text-text-3">No accounts found.</div>}
        <ul aria-label="Accounts">
          {query.data?.items.map((a) => (
            <li key={a.id} className="border-b border-line-2 last:border-b-0">
              <label className="flex h-10 cursor-pointer items-center gap-2 px-3 hover:bg-hover">
                <input type="checkbox" checked={selected.has(a.id)} onChange={() => toggle(a.id, a.username)} />
                <span className="text-text">{a.username}</span>
                <span className="text-text-3">{a.displayName}</span>
                <span className="ml-auto text-text-3">{a.email}</span>
              </label>
            </li>
          ))}
        </ul>
      </div>
      <div className="mt-2 flex items-center gap-3 text-text-2">
        <span>
          {selected.size} selected{selected.size > 0 && `: ${[...selected.values()].slice(0, 5).join(", ")}`}
          {selected.size > 5 && "…"}
        </span>
        <span className="ml-auto">Total {total}</span>
        <button type="button" className="btn h-7 px-2" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          Previous
        </button>
        <span>
          {page} / {pages}
        </span>
        <button type="button" className="btn h-7 px-2" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          Next
        </button>
      </div>
    </Dialog>
  );
}

"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Dialog } from "@/components/dialog";
import { useAddMembers, useUsers } from "@/lib/client/cloudsso";
import { errorMessage } from "@/lib/api-client";

/** Pick users (searchable, paged) to add to a manual group. */
export function AddMembersDialog({ groupId, open, onOpenChange }: { groupId: string; open: boolean; onOpenChange: (o: boolean) => void }) {
  const [search, setSearch] = useState("");
  const [draft, setDraft] = useState("");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const users = useUsers({ page: 1, pageSize: 50, search });
  const add = useAddMembers();

  const close = () => {
    setSelected(new Set());
    onOpenChange(false);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => (o ? onOpenChange(true) : close())}
      title="Add Users"
      footer={
        <>
          <button
            type="button"
            className="btn btn-primary"
            disabled={selected.size === 0 || add.isPending}
            onClick={async () => {
              try {
                await add.mutateAsync({ groupId, userIds: [...selected] });
                toast.success(`${selected.size} user(s) added.`);
                close();
              } catch (e) {
                toast.error(errorMessage(e));
              }
            }}
          >
            OK
          </button>
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
        </>
      }
    >
      <form
        className="mb-3 flex"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(draft.trim());
        }}
      >
        <input className="input" aria-label="Search users" placeholder="Search by username" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="btn ml-[-1px]">Search</button>
      </form>
      <ul className="max-h-[320px] overflow-y-auto border border-line-2" aria-label="Users to add">
        {(users.data?.items ?? []).map((u) => (
          <li key={u.UserId} className="border-b border-line-2 px-3 py-2 last:border-b-0">
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={selected.has(u.UserId)}
                onChange={(e) => {
                  const next = new Set(selected);
                  if (e.target.checked) next.add(u.UserId);
                  else next.delete(u.UserId);
                  setSelected(next);
                }}
              />
              <span>{u.UserName}</span>
              {u.DisplayName && <span className="text-text-3">({u.DisplayName})</span>}
            </label>
          </li>
        ))}
        {users.data?.items.length === 0 && <li className="px-3 py-6 text-center text-text-3">No users found.</li>}
      </ul>
      <p className="mt-2 text-text-3">{selected.size} selected</p>
    </Dialog>
  );
}

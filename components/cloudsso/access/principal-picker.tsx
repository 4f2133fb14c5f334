"use client";

import { useState } from "react";
import { Tabs } from "@/components/tabs";
import { SearchForm } from "@/components/search-form";
import { useGroups, useUsers } from "@/lib/client/cloudsso";
import type { PrincipalType } from "@/lib/cloudsso/access/schemas";

export interface PickedPrincipal {
  type: PrincipalType;
  id: string;
  name: string;
}

const key = (p: { type: string; id: string }) => `${p.type}:${p.id}`;

function PickList({
  items,
  type,
  selected,
  onChange,
  empty,
}: {
  items: { id: string; name: string; extra?: string; scim: boolean }[];
  type: PrincipalType;
  selected: PickedPrincipal[];
  onChange: (next: PickedPrincipal[]) => void;
  empty: string;
}) {
  const keys = new Set(selected.map(key));
  return (
    <ul className="max-h-[300px] overflow-y-auto border border-line-2" aria-label={type === "User" ? "Users" : "Groups"}>
      {items.map((i) => {
        const checked = keys.has(key({ type, id: i.id }));
        return (
          <li key={i.id} className="border-b border-line-2 px-3 py-1.5 last:border-b-0">
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={checked}
                onChange={(e) =>
                  onChange(e.target.checked ? [...selected, { type, id: i.id, name: i.name }] : selected.filter((s) => key(s) !== key({ type, id: i.id })))
                }
              />
              <span>{i.name}</span>
              {i.extra && <span className="text-text-3">({i.extra})</span>}
              {i.scim && <span className="rounded-[2px] border border-line px-1 text-[11px] text-text-3">SCIM</span>}
            </label>
          </li>
        );
      })}
      {items.length === 0 && <li className="px-3 py-6 text-center text-text-3">{empty}</li>}
    </ul>
  );
}

/** Step 1 of the wizard: users and groups (manual or SCIM-synchronized alike), searchable. */
export function PrincipalPicker({ selected, onChange }: { selected: PickedPrincipal[]; onChange: (next: PickedPrincipal[]) => void }) {
  const [userSearch, setUserSearch] = useState("");
  const [groupSearch, setGroupSearch] = useState("");
  const users = useUsers({ page: 1, pageSize: 100, search: userSearch });
  const groups = useGroups({ page: 1, pageSize: 100, search: groupSearch });
  return (
    <div>
      <Tabs
        label="Users or groups"
        tabs={[
          {
            value: "users",
            label: "Users",
            content: (
              <>
                <SearchForm className="mb-2 flex" label="Search users by username" value={userSearch} onSearch={setUserSearch} />
                <PickList
                  type="User"
                  selected={selected}
                  onChange={onChange}
                  empty={users.isLoading ? "Loading…" : "No users found."}
                  items={(users.data?.items ?? []).map((u) => ({ id: u.UserId, name: u.UserName, extra: u.DisplayName || undefined, scim: u.ProvisioningType !== "Manual" }))}
                />
              </>
            ),
          },
          {
            value: "groups",
            label: "Groups",
            content: (
              <>
                <SearchForm className="mb-2 flex" label="Search groups by name" value={groupSearch} onSearch={setGroupSearch} />
                <PickList
                  type="Group"
                  selected={selected}
                  onChange={onChange}
                  empty={groups.isLoading ? "Loading…" : "No groups found."}
                  items={(groups.data?.items ?? []).map((g) => ({ id: g.GroupId, name: g.GroupName, extra: `${g.MemberCount} members`, scim: g.ProvisioningType !== "Manual" }))}
                />
              </>
            ),
          },
        ]}
      />
      <p className="mt-2 text-text-3">
        {selected.length} selected{selected.length ? `: ${selected.map((s) => `${s.name} (${s.type})`).join(", ")}` : ""}
      </p>
    </div>
  );
}

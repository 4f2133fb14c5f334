"use client";

import { useState } from "react";
import { SearchForm } from "@/components/search-form";
import { useAccessConfigurations } from "@/lib/client/cloudsso-access";
import type { AccessConfigurationView } from "@/lib/cloudsso/access/schemas";

/** What a picker needs of a selected access configuration. */
export type PickedConfiguration = Pick<AccessConfigurationView, "id" | "name">;

/** Step 2 of the wizard (and Change Access Assignments): access configurations by name, with their policies. */
export function ConfigurationPicker({
  selected,
  onChange,
}: {
  selected: PickedConfiguration[];
  onChange: (next: PickedConfiguration[]) => void;
}) {
  const [search, setSearch] = useState("");
  const list = useAccessConfigurations({ page: 1, pageSize: 100, search });
  const ids = new Set(selected.map((c) => c.id));
  const items = list.data?.items ?? [];
  return (
    <div>
      <SearchForm className="mb-2 flex" label="Search access configurations" value={search} onSearch={setSearch} />
      <ul className="max-h-[320px] overflow-y-auto border border-line-2" aria-label="Access configurations">
        {items.map((c) => (
          <li key={c.id} className="border-b border-line-2 px-3 py-1.5 last:border-b-0">
            <label className="flex items-start gap-2">
              <input
                type="checkbox"
                className="mt-0.5"
                checked={ids.has(c.id)}
                onChange={(e) => onChange(e.target.checked ? [...selected, c] : selected.filter((s) => s.id !== c.id))}
              />
              <span>
                <span className="font-medium">{c.name}</span>
                <span className="block text-text-3">
                  {[...c.systemPolicies, ...(c.inlinePolicy ? ["Inline policy"] : [])].join(", ") || "No policies"}
                  {c.description ? ` — ${c.description}` : ""}
                </span>
              </span>
            </label>
          </li>
        ))}
        {list.data && items.length === 0 && (
          <li className="px-3 py-6 text-center text-text-3">
            {search ? "No access configurations match." : "No access configurations yet: create one under Access Configuration first."}
          </li>
        )}
      </ul>
      <p className="mt-2 text-text-3">
        {selected.length} selected{selected.length ? `: ${selected.map((c) => c.name).join(", ")}` : ""}
      </p>
    </div>
  );
}

"use client";

import { useState } from "react";
import { ACCESS_LIMITS } from "@/lib/cloudsso/access/schemas";
import { useSystemPolicies } from "@/lib/client/cloudsso-access";

/**
 * Pick system policies from the built-in catalogue: search by name or description, each a
 * checkbox named by the policy with its description beside it. `exclude` (already attached) are
 * not offered; at most `max` can be selected.
 */
export function SystemPolicyPicker({
  selected,
  onChange,
  exclude = [],
  max = ACCESS_LIMITS.systemPoliciesMax,
  error,
}: {
  selected: string[];
  onChange: (next: string[]) => void;
  exclude?: string[];
  max?: number;
  error?: string;
}) {
  const catalogue = useSystemPolicies();
  const [search, setSearch] = useState("");
  const q = search.trim().toLowerCase();
  const items = (catalogue.data?.items ?? []).filter(
    (p) => !exclude.includes(p.name) && (!q || p.name.toLowerCase().includes(q) || p.description.toLowerCase().includes(q)),
  );
  const atMax = selected.length >= max;
  return (
    <div role="group" aria-label="System policies">
      <input
        className="input mb-2"
        type="search"
        aria-label="Search system policies"
        placeholder="Search system policies by name or description"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <ul className="max-h-[260px] overflow-y-auto border border-line-2" aria-label="System policy catalogue">
        {items.map((p) => {
          const checked = selected.includes(p.name);
          return (
            <li key={p.name} className="border-b border-line-2 px-3 py-1.5 last:border-b-0">
              <label className="flex items-start gap-2">
                <input
                  type="checkbox"
                  className="mt-0.5"
                  checked={checked}
                  disabled={!checked && atMax}
                  onChange={(e) => onChange(e.target.checked ? [...selected, p.name] : selected.filter((n) => n !== p.name))}
                />
                <span>
                  <span className="font-medium">{p.name}</span>
                  <span className="block text-text-3">{p.description}</span>
                </span>
              </label>
            </li>
          );
        })}
        {catalogue.data && items.length === 0 && <li className="px-3 py-6 text-center text-text-3">No system policies match.</li>}
        {catalogue.isLoading && <li className="px-3 py-6 text-center text-text-3">Loading…</li>}
      </ul>
      <p className="mt-1 text-text-3">
        {selected.length} selected (at most {max}){selected.length ? `: ${selected.join(", ")}` : ""}
      </p>
      {error && (
        <p role="alert" className="mt-1 text-error">
          {error}
        </p>
      )}
    </div>
  );
}

"use client";

import type { UnitTreeNode } from "./unit-tree";

/** Native select of units, indented by depth so the hierarchy stays visible. */
export function UnitSelect({
  units,
  exclude,
  placeholder = "Select an organizational unit",
  ...props
}: {
  units: UnitTreeNode[];
  exclude?: Set<string>;
  placeholder?: string;
} & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select className="input" {...props}>
      <option value="">{placeholder}</option>
      {units
        .filter((u) => !exclude?.has(u.id))
        .map((u) => (
          <option key={u.id} value={u.id}>
            {"\u00a0\u00a0".repeat(u.depth)}
            {u.name}
          </option>
        ))}
    </select>
  );
}

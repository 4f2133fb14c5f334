"use client";

type Option = string | { value: string; label: string };

/**
 * A list's toolbar filter: a labelled select whose first option, "All", clears the filter. Changing
 * it calls onChange (callers go back to the first page there, since the result set changed).
 */
export function FilterSelect({
  label,
  value,
  options,
  onChange,
  className = "w-auto",
}: {
  label: string;
  value: string;
  options: readonly Option[];
  onChange: (value: string) => void;
  className?: string;
}) {
  return (
    <label className="flex items-center gap-2 text-text-2">
      {label}
      <select className={`input ${className}`} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {options.map((o) => {
          const { value: v, label: l } = typeof o === "string" ? { value: o, label: o } : o;
          return (
            <option key={v} value={v}>
              {l}
            </option>
          );
        })}
      </select>
    </label>
  );
}

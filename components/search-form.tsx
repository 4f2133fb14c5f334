"use client";

import { useState } from "react";

/**
 * A search box and its Search button; submitting passes the trimmed text. `label` is the box's
 * accessible name; `value` is the search in effect (the box follows it when it changes).
 */
export function SearchForm({
  label,
  placeholder = label,
  value = "",
  onSearch,
  className,
  inputClassName = "input",
}: {
  label: string;
  placeholder?: string;
  value?: string;
  onSearch: (value: string) => void;
  className?: string;
  inputClassName?: string;
}) {
  const [draft, setDraft] = useState(value);
  // The search changed from outside (e.g. a reset): show it (React's "adjust state on prop change").
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setDraft(value);
  }
  return (
    <form
      role="search"
      className={className}
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(draft.trim());
      }}
    >
      <input
        className={inputClassName}
        aria-label={label}
        placeholder={placeholder}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button type="submit" className="btn ml-[-1px]">
        Search
      </button>
    </form>
  );
}

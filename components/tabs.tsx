"use client";

import * as RadixTabs from "@radix-ui/react-tabs";

/** Console tabs (role="tab"), underline style. */
export function Tabs({
  tabs,
  value,
  onValueChange,
  defaultValue,
  label,
}: {
  tabs: { value: string; label: string; content: React.ReactNode }[];
  value?: string;
  onValueChange?: (v: string) => void;
  defaultValue?: string;
  label: string;
}) {
  return (
    <RadixTabs.Root value={value} onValueChange={onValueChange} defaultValue={defaultValue ?? tabs[0]?.value}>
      <RadixTabs.List aria-label={label} className="mb-4 flex border-b border-line-2">
        {tabs.map((t) => (
          <RadixTabs.Trigger
            key={t.value}
            value={t.value}
            className="-mb-px border-b-2 border-transparent px-4 py-2 text-[13px] text-text-2 hover:text-primary data-[state=active]:border-primary data-[state=active]:text-primary"
          >
            {t.label}
          </RadixTabs.Trigger>
        ))}
      </RadixTabs.List>
      {tabs.map((t) => (
        <RadixTabs.Content key={t.value} value={t.value}>
          {t.content}
        </RadixTabs.Content>
      ))}
    </RadixTabs.Root>
  );
}

"use client";

import * as RadixSwitch from "@radix-ui/react-switch";
import clsx from "clsx";

/** Green console switch; its accessible name is the section title it controls. */
export function Switch({
  checked,
  onCheckedChange,
  label,
  disabled,
}: {
  checked: boolean;
  onCheckedChange: (next: boolean) => void;
  label: string;
  disabled?: boolean;
}) {
  return (
    <RadixSwitch.Root
      checked={checked}
      onCheckedChange={onCheckedChange}
      disabled={disabled}
      aria-label={label}
      className={clsx(
        "relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors disabled:opacity-50",
        checked ? "bg-success" : "bg-[#c4c6cf]",
      )}
    >
      <RadixSwitch.Thumb
        className={clsx(
          "block h-4 w-4 rounded-full bg-white shadow transition-transform",
          checked ? "translate-x-[18px]" : "translate-x-[2px]",
        )}
      />
    </RadixSwitch.Root>
  );
}

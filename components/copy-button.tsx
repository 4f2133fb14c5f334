"use client";

import { toast } from "sonner";

/** Copies text to the clipboard, with a fallback for non-secure origins (plain http demos). */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const ta = document.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.style.position = "fixed";
    ta.style.opacity = "0";
    document.body.appendChild(ta);
    ta.select();
    document.execCommand("copy");
    ta.remove();
  }
}

export function CopyButton({ text, label = "Copy", className = "btn" }: { text: string; label?: string; className?: string }) {
  return (
    <button
      type="button"
      className={className}
      onClick={async () => {
        await copyText(text);
        toast.success("Copied to clipboard");
      }}
    >
      {label}
    </button>
  );
}

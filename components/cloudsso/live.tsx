"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { formatTime } from "@/lib/format";
import { LIVE_REFRESH_MS, useSettings } from "@/lib/client/cloudsso";

/**
 * The live views' cues (issue 11 item 5): a row written in the last minute gets a subtle
 * background, a "Changed" badge and data-changed="true"; "Last synchronized" shows when SCIM last
 * wrote the object.
 */
export function changedRowProps(row: { ChangedRecently: boolean }) {
  return row.ChangedRecently ? { className: "bg-[#fffbe6]", "data-changed": "true" } : {};
}

export function ChangedBadge({ changed }: { changed: boolean }) {
  if (!changed) return null;
  // The space keeps the name it follows a word of its own ("alice Changed", not "aliceChanged")
  // for screen readers and for anyone finding the row by name.
  return (
    <>
      {" "}
      <span className="ml-2 rounded-[2px] border border-[#ffc440] bg-[#fff6d9] px-1 text-[11px] text-text-2" title="Changed in the last minute">
        Changed
      </span>
    </>
  );
}

export function lastSynchronized(time: string | null): string {
  return time ? formatTime(time) : "-";
}

/** For server-rendered pages (Overview): re-render every LIVE_REFRESH_MS while SCIM is on and the tab is visible. */
export function LiveRefresh() {
  const router = useRouter();
  const on = useSettings().data?.scimEnabled ?? false;
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, LIVE_REFRESH_MS);
    return () => clearInterval(t);
  }, [on, router]);
  return null;
}

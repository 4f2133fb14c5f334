"use client";

import clsx from "clsx";
import Link from "next/link";
import { useEffect, useState } from "react";
import type { ObjectProvisioningState } from "@/lib/client/idaas-directory";
import { formatTime, timeAgo } from "@/lib/format";
import { ObjectState } from "@/lib/idaas/provisioning/vocabulary";

const tone: Record<ObjectState, string> = {
  [ObjectState.Synchronized]: "text-success",
  [ObjectState.Failed]: "text-error",
  [ObjectState.Waiting]: "text-text-2",
  [ObjectState.Deferred]: "text-[#c77700]",
  [ObjectState.OutOfScope]: "text-text-3",
  [ObjectState.NotProvisioned]: "text-text-3",
};

/** "Synchronized 2 min ago", "Failed: 409 uniqueness — …", "Deferred — application disabled", … */
export function objectStateLabel(s: ObjectProvisioningState, now = Date.now()): string {
  switch (s.state) {
    case ObjectState.Synchronized:
      return s.at ? `${s.state} ${timeAgo(s.at, now)}` : s.state;
    case ObjectState.Failed:
      return `${s.state}: ${s.detail ?? "the delivery failed"}`;
    case ObjectState.Deferred:
      return `${s.state} — ${s.detail ?? "waiting to be released"}`;
    case ObjectState.Waiting:
      return s.detail ? `${s.state} — ${s.detail}` : s.state;
    default:
      return s.state;
  }
}

/** Re-renders every 15 s so relative times ("2 min ago") stay true between refetches. */
function useNow(intervalMs = 15_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/**
 * The "Provisioning" section of an account's or group's details: per application of the
 * instance, what the object's state there is (refreshed by the caller's hook every 3 s).
 */
export function ObjectProvisioningSection({
  instanceId,
  objectLabel,
  query,
}: {
  instanceId: string;
  objectLabel: string;
  query: { data?: ObjectProvisioningState[]; error: Error | null; isLoading: boolean };
}) {
  const now = useNow();
  const apps = `/idaas/instances/${encodeURIComponent(instanceId)}/applications`;
  return (
    <section className="card mb-4" aria-labelledby="object-provisioning-title">
      <h2 id="object-provisioning-title" className="mb-3 text-[14px] font-medium">
        Provisioning
      </h2>
      {query.error ? (
        <div role="alert" className="text-error">
          {query.error.message}
        </div>
      ) : query.isLoading ? (
        <div className="h-16 animate-pulse rounded-[2px] bg-hover" aria-label="Loading provisioning state" />
      ) : !query.data?.length ? (
        <p className="text-text-3">
          No applications yet: {objectLabel} is provisioned once an application with provisioning is added in{" "}
          <Link className="link" href={apps}>
            Application Management
          </Link>
          .
        </p>
      ) : (
        <table className="w-full table-fixed border-collapse" aria-label="Provisioning state by application">
          <thead>
            <tr className="h-10 bg-selected text-left text-text-2">
              <th className="w-[30%] px-3 font-normal">Application</th>
              <th className="px-3 font-normal">Provisioning State</th>
              <th className="w-[190px] px-3 font-normal">Time</th>
            </tr>
          </thead>
          <tbody>
            {query.data.map((s) => {
              const label = objectStateLabel(s, now);
              return (
                <tr key={s.applicationId} className="h-10 border-b border-line-2">
                  <td className="truncate px-3" title={s.applicationName}>
                    <Link className="link" href={`${apps}/${encodeURIComponent(s.applicationId)}`}>
                      {s.applicationName}
                    </Link>
                  </td>
                  <td className={clsx("truncate px-3", tone[s.state])} title={label}>
                    <span className="mr-1 inline-block h-1.5 w-1.5 rounded-full bg-current align-middle" aria-hidden />
                    {label}
                  </td>
                  <td className="truncate whitespace-nowrap px-3 text-text-2">{s.at ? formatTime(s.at) : "-"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

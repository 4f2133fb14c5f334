"use client";

import Link from "next/link";
import { useAccessSummary } from "@/lib/client/cloudsso-access";

export const ASSIGN_ACCESS_TITLE = "Step 4: Assign access in CloudSSO";

/**
 * The step after the seed's sync ("assign them to accounts and permission sets in the CloudSSO
 * console"): done once any access assignment exists, re-read live from /api/cloudsso/access-summary.
 * Shown beside the seed checklist on the CloudSSO overview and the landing guide, numbered after it.
 */
export function AssignAccessStep() {
  const q = useAccessSummary();
  const s = q.data;
  const done = !!s && s.accessAssignments > 0;
  const hint = !s
    ? "Reading…"
    : done
      ? `${s.accessAssignments} access assignment${s.accessAssignments === 1 ? "" : "s"} (${s.accounts} member account${s.accounts === 1 ? "" : "s"} in the resource directory)` +
        (s.inProgressTasks ? `; ${s.inProgressTasks} task${s.inProgressTasks === 1 ? "" : "s"} in progress` : "") +
        (s.failedTasks ? `; ${s.failedTasks} failed task${s.failedTasks === 1 ? "" : "s"}` : "") +
        (s.reprovisionRequired
          ? `; ${s.reprovisionRequired} provisioned access configuration${s.reprovisionRequired === 1 ? " needs" : "s need"} re-provisioning`
          : "") +
        "."
      : s.accessConfigurations === 0
        ? "Create an access configuration (e.g. ReadOnly with ReadOnlyAccess), then assign it to a synchronized group on one or more accounts."
        : `${s.accessConfigurations} access configuration${s.accessConfigurations === 1 ? "" : "s"} ready: select accounts under Multi-account Permission Configuration and click Configure Access Assignments.`;
  return (
    <section className="card mb-4" aria-labelledby="assign-access-title">
      <h2 id="assign-access-title" className="flex items-center gap-2 font-medium text-text">
        {ASSIGN_ACCESS_TITLE}
        {done && <span className="font-normal text-success">Done</span>}
      </h2>
      <p className="mb-2 text-text-3">
        After the sync: assign the synchronized users and groups to member accounts and access configurations, in the CloudSSO console.
      </p>
      <ol className="flex flex-col gap-2" aria-label={ASSIGN_ACCESS_TITLE}>
        <li className="flex items-start gap-2" data-done={done}>
          <span
            className={
              done
                ? "mt-px inline-flex h-4 min-w-8 shrink-0 items-center justify-center rounded-full bg-success px-1 text-[10px] text-white"
                : "mt-px inline-flex h-4 min-w-8 shrink-0 items-center justify-center rounded-full border border-line px-1 text-[10px] text-text-3"
            }
          >
            {done && <span aria-hidden>✓&nbsp;</span>}
            4.1
          </span>
          <span>
            <Link className="link" href="/cloudsso/multi-account">
              Assign access
            </Link>{" "}
            <span className={done ? "text-success" : "text-text-3"}>— {done ? "Done" : "Not done"}</span>
            <span className="block text-text-3">{hint}</span>
            {q.error && (
              <span role="alert" className="block text-error">
                {q.error.message}
              </span>
            )}
          </span>
        </li>
      </ol>
    </section>
  );
}

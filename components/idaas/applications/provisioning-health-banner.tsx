"use client";

import Link from "next/link";
import { toast } from "sonner";
import { formatTime } from "@/lib/format";
import { needsAttention } from "@/lib/idaas/provisioning/engine/health-rules";
import { useRetryNow, type ProvisioningHealth } from "@/lib/client/idaas-applications";
import { errorMessage } from "@/lib/api-client";

/**
 * Says when an application's real-time changes are kept (application disabled, switch off), failing,
 * or waiting unusually long, with the last error and Retry Now, so a failure is visible while it is
 * being retried.
 */
export function ProvisioningHealthBanner({
  instanceId,
  appId,
  health,
  applicationName,
}: {
  instanceId: string;
  appId: string;
  health: ProvisioningHealth | undefined;
  applicationName?: string;
}) {
  const retry = useRetryNow(instanceId, appId);
  if (!health || !needsAttention(health)) return null;
  const failing = health.state === "Failing";
  const logs = `/idaas/instances/${encodeURIComponent(instanceId)}/logs/provisioning?tab=realtime`;
  const onRetry = async () => {
    try {
      const { retried } = await retry.mutateAsync();
      toast.success(retried > 0 ? `Retrying ${retried} change${retried === 1 ? "" : "s"} now.` : "Nothing is waiting to be retried.");
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };
  return (
    <div
      role="alert"
      aria-label={applicationName ? `Provisioning to ${applicationName}` : "Provisioning health"}
      className={`mb-3 flex flex-wrap items-center gap-3 rounded-[2px] border px-3 py-2 ${failing ? "border-error bg-[#fdecea]" : "border-warning bg-[#fff8e6]"}`}
    >
      <span className="min-w-0 flex-1">
        {applicationName && <strong className="mr-1">{applicationName}:</strong>}
        {health.summary}
        {failing && health.failingSince && <span className="text-text-3"> (failing since {formatTime(health.failingSince)})</span>}
      </span>
      <Link className="link" href={logs}>
        Real-time Log Entries
      </Link>
      {failing && (
        <button type="button" className="btn" disabled={retry.isPending} onClick={onRetry}>
          {retry.isPending ? "Retrying…" : "Retry Now"}
        </button>
      )}
    </div>
  );
}

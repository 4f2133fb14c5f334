"use client";

import { ProvisioningHealthBanner } from "./provisioning-health-banner";
import { useInstanceProvisioningHealth } from "@/lib/client/idaas-applications";

/** One banner per application whose real-time changes are kept or failing (instance overview). */
export function InstanceProvisioningHealth({ instanceId }: { instanceId: string }) {
  const health = useInstanceProvisioningHealth(instanceId);
  return (
    <>
      {(health.data?.items ?? []).map((h) => (
        <ProvisioningHealthBanner key={h.applicationId} instanceId={instanceId} appId={h.applicationId} health={h} applicationName={h.applicationName} />
      ))}
    </>
  );
}

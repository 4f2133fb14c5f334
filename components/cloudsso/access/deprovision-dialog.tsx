"use client";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { runWithToast } from "@/components/run-with-toast";
import { useAssignments, useDeleteAssignments, useDeprovision } from "@/lib/client/cloudsso-access";
import type { TasksResult } from "@/lib/cloudsso/access/schemas";

export interface DeprovisionTarget {
  accessConfigurationId: string;
  accessConfigurationName: string;
  accountId: string;
  accountName: string;
}

/**
 * De-provision an access configuration from an account (reference §1.3): while assignments of it
 * remain on the account, a "Remove Permission" dialog removes them first (and the last removal
 * de-provisions); otherwise the "De-provision" dialog starts the task.
 */
export function DeprovisionDialog({
  target,
  onClose,
  onStarted,
}: {
  target: DeprovisionTarget | null;
  onClose: () => void;
  onStarted: (r: TasksResult) => void;
}) {
  const assignments = useAssignments(
    { accountId: target?.accountId, accessConfigurationId: target?.accessConfigurationId, page: 1, pageSize: 100 },
    target !== null,
  );
  const removeAssignments = useDeleteAssignments();
  const deprovision = useDeprovision();
  const remaining = assignments.data?.items ?? [];
  const mustRemove = remaining.length > 0;
  const ready = target !== null && assignments.data !== undefined && !assignments.isFetching;

  return (
    <ConfirmDialog
      open={target !== null && ready}
      onOpenChange={(o) => !o && onClose()}
      title={mustRemove ? "Remove Permission" : "De-provision"}
      danger
      message={
        target &&
        (mustRemove ? (
          <>
            {target.accessConfigurationName} is still assigned on account {target.accountName} to{" "}
            {remaining.map((a) => `${a.principalName} (${a.principalType})`).join(", ")}. Remove these {remaining.length} access assignment(s) and
            then de-provision the access configuration from the account?
          </>
        ) : (
          <>
            De-provision {target.accessConfigurationName} from account {target.accountName}? The RAM role AliyunReservedSSO-
            {target.accessConfigurationName} and its policies are deleted from the account.
          </>
        ))
      }
      onConfirm={async () => {
        if (!target) return;
        await runWithToast(async () => {
          const r = mustRemove
            ? await removeAssignments.mutateAsync({
                assignments: remaining.map((a) => ({
                  accountId: a.accountId,
                  principalType: a.principalType,
                  principalId: a.principalId,
                  accessConfigurationId: a.accessConfigurationId,
                })),
                deprovisionStrategy: "DeprovisionForLastAccessAssignmentOnAccount",
              })
            : await deprovision.mutateAsync({ id: target.accessConfigurationId, accountId: target.accountId });
          onStarted(r);
        }, mustRemove ? "Removing the access assignments, then de-provisioning." : "De-provisioning started.");
      }}
    />
  );
}

"use client";

import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { runWithToast } from "@/components/run-with-toast";
import type { AccessConfigurationView } from "@/lib/cloudsso/access/schemas";
import { useDeleteAccessConfiguration } from "@/lib/client/cloudsso-access";

/**
 * Delete an access configuration. The server refuses while it is assigned or provisioned (the
 * message says which); its policies are removed with it (ForceRemovePermissionPolicies).
 */
export function DeleteAccessConfigurationDialog({
  configuration: c,
  onClose,
  redirectTo,
}: {
  configuration: AccessConfigurationView | null;
  onClose: () => void;
  redirectTo?: string;
}) {
  const router = useRouter();
  const del = useDeleteAccessConfiguration();
  const policies = c ? c.systemPolicies.length + (c.inlinePolicy ? 1 : 0) : 0;
  return (
    <ConfirmDialog
      open={c !== null}
      onOpenChange={(o) => !o && onClose()}
      title="Delete Access Configuration"
      danger
      message={
        c && (
          <>
            Delete access configuration <strong>{c.name}</strong>?
            {policies > 0 && ` Its ${policies} permission polic${policies === 1 ? "y is" : "ies are"} removed with it.`}
            {(c.assignmentCount > 0 || c.provisionedAccountCount > 0) &&
              ` It still has ${c.assignmentCount} access assignment(s) and is provisioned on ${c.provisionedAccountCount} account(s): remove those and de-provision it first.`}{" "}
            This cannot be undone.
          </>
        )
      }
      onConfirm={async () => {
        if (!c) return;
        await runWithToast(() => del.mutateAsync({ id: c.id, force: true }), `Access configuration ${c.name} deleted.`);
        if (redirectTo) router.push(redirectTo);
      }}
    />
  );
}

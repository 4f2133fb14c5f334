"use client";

import { useRef, useState } from "react";
import { toast } from "sonner";
import { Dialog } from "@/components/dialog";
import { errorMessage } from "@/lib/api-client";
import type { AccountView, PrincipalType } from "@/lib/cloudsso/access/schemas";
import { useAssignments, useCreateAssignments, useDeleteAssignments } from "@/lib/client/cloudsso-access";
import { ConfigurationPicker, type PickedConfiguration } from "./configuration-picker";
import { TaskBatchProgress, useBatchRunning } from "./task-batch-progress";

export interface ChangeTarget {
  type: PrincipalType;
  id: string;
  name: string;
}

/**
 * (Mounted per principal by the caller, so each opening starts from the current assignments.)
 * Change Access Assignments of one user or group on one account (reference §1.4): tick or untick
 * access configurations › Next › Confirm (one task per added or removed configuration) › Close.
 */
export function ChangeAssignmentsDialog({ account, principal, onClose }: { account: AccountView; principal: ChangeTarget | null; onClose: () => void }) {
  const current = useAssignments(
    { accountId: account.accountId, principalType: principal?.type, principalId: principal?.id, page: 1, pageSize: 100 },
    principal !== null,
  );
  const create = useCreateAssignments();
  const remove = useDeleteAssignments();
  const [step, setStep] = useState<"pick" | "confirm" | "progress">("pick");
  const [picked, setPicked] = useState<PickedConfiguration[] | null>(null);
  const [batches, setBatches] = useState<string[]>([]);
  const submitting = useRef(false);
  const runningAdd = useBatchRunning(batches[0] ?? null);
  const runningRemove = useBatchRunning(batches[1] ?? null);

  const currentIds = (current.data?.items ?? []).map((a) => a.accessConfigurationId);

  // Until the admin ticks or unticks, the current assignments are the selection.
  const selected: PickedConfiguration[] =
    picked ?? (current.data?.items ?? []).map((a) => ({ id: a.accessConfigurationId, name: a.accessConfigurationName }));
  const toAdd = selected.filter((c) => !currentIds.includes(c.id));
  const toRemove = (current.data?.items ?? []).filter((a) => !selected.some((c) => c.id === a.accessConfigurationId));
  const busy = create.isPending || remove.isPending;

  const confirm = async () => {
    if (!principal || submitting.current) return;
    submitting.current = true;
    try {
      const ids: string[] = ["", ""];
      if (toAdd.length) {
        const r = await create.mutateAsync({
          accountIds: [account.accountId],
          principals: [{ type: principal.type, id: principal.id }],
          accessConfigurationIds: toAdd.map((c) => c.id),
        });
        ids[0] = r.batchId;
      }
      if (toRemove.length) {
        const r = await remove.mutateAsync({
          assignments: toRemove.map((a) => ({
            accountId: a.accountId,
            principalType: a.principalType,
            principalId: a.principalId,
            accessConfigurationId: a.accessConfigurationId,
          })),
        });
        ids[1] = r.batchId;
      }
      setBatches(ids);
      setStep("progress");
    } catch (e) {
      submitting.current = false;
      toast.error(errorMessage(e));
    }
  };

  return (
    <Dialog
      open={principal !== null}
      onOpenChange={(o) => !o && !busy && onClose()}
      title="Change Access Assignments"
      variant="drawer"
      width={720}
      footer={
        step === "pick" ? (
          <>
            <button type="button" className="btn btn-primary" disabled={!current.data || (toAdd.length === 0 && toRemove.length === 0)} onClick={() => setStep("confirm")}>
              Next
            </button>
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
          </>
        ) : step === "confirm" ? (
          <>
            <button type="button" className="btn" disabled={busy} onClick={() => setStep("pick")}>
              Previous
            </button>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={confirm}>
              Confirm
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-primary" disabled={runningAdd || runningRemove} onClick={onClose}>
            Close
          </button>
        )
      }
    >
      <p className="mb-3 text-text-2">
        {principal?.name} ({principal?.type}) on account {account.displayName} ({account.accountId})
      </p>
      {step === "pick" && <ConfigurationPicker selected={selected} onChange={setPicked} />}
      {step === "confirm" && (
        <dl className="grid grid-cols-[160px_1fr] gap-y-2">
          <dt className="text-text-3">Add</dt>
          <dd>{toAdd.map((c) => c.name).join(", ") || "-"}</dd>
          <dt className="text-text-3">Remove</dt>
          <dd>{toRemove.map((a) => a.accessConfigurationName).join(", ") || "-"}</dd>
        </dl>
      )}
      {step === "progress" && (
        <div className="flex flex-col gap-4">
          {batches[0] && <TaskBatchProgress batchId={batches[0]} label="Tasks: added access assignments" />}
          {batches[1] && <TaskBatchProgress batchId={batches[1]} label="Tasks: removed access assignments" />}
        </div>
      )}
    </Dialog>
  );
}

"use client";

import { useRef, useState } from "react";
import { toast } from "sonner";
import { Dialog } from "@/components/dialog";
import { errorMessage } from "@/lib/api-client";
import { ACCESS_LIMITS, type AccountView, type AssignmentKey } from "@/lib/cloudsso/access/schemas";
import { useCreateAssignments } from "@/lib/client/cloudsso-access";
import { PrincipalPicker, type PickedPrincipal } from "./principal-picker";
import { ConfigurationPicker, type PickedConfiguration } from "./configuration-picker";
import { TaskBatchProgress, useBatchRunning } from "./task-batch-progress";

const STEPS = ["Select Users or Groups", "Select Access Configurations", "Confirm", "Progress"] as const;

/**
 * Configure Access Assignments (SPEC §6, reference §1.4): users/groups › Next › access
 * configurations › Next › review › Start Configuration › progress › Finish. One task per new
 * (principal × account × configuration); triplets that already exist are reported, not duplicated.
 */
export function ConfigureAssignmentsWizard({
  accounts,
  open,
  onOpenChange,
}: {
  accounts: AccountView[];
  open: boolean;
  onOpenChange: (o: boolean) => void;
}) {
  const create = useCreateAssignments();
  const [step, setStep] = useState(0);
  const [principals, setPrincipals] = useState<PickedPrincipal[]>([]);
  const [configs, setConfigs] = useState<PickedConfiguration[]>([]);
  const [result, setResult] = useState<{ batchId: string; existing: AssignmentKey[]; tasks: number } | null>(null);
  // A second click before React re-renders must not send a second request.
  const starting = useRef(false);
  const running = useBatchRunning(result && result.tasks > 0 ? result.batchId : null);
  const triplets = accounts.length * principals.length * configs.length;

  const reset = () => {
    setStep(0);
    setPrincipals([]);
    setConfigs([]);
    setResult(null);
    starting.current = false;
  };
  const close = () => {
    onOpenChange(false);
    reset();
  };

  const start = async () => {
    if (starting.current) return;
    starting.current = true;
    try {
      const r = await create.mutateAsync({
        accountIds: accounts.map((a) => a.accountId),
        principals: principals.map((p) => ({ type: p.type, id: p.id })),
        accessConfigurationIds: configs.map((c) => c.id),
      });
      setResult({ batchId: r.batchId, existing: r.existing, tasks: r.tasks.length });
      setStep(3);
    } catch (e) {
      starting.current = false;
      toast.error(errorMessage(e));
    }
  };

  const names = {
    account: (id: string) => accounts.find((a) => a.accountId === id)?.displayName ?? id,
    principal: (_t: string, id: string) => principals.find((p) => p.id === id)?.name ?? id,
    configuration: (id: string) => configs.find((c) => c.id === id)?.name ?? id,
  };

  const footer =
    step === 0 ? (
      <>
        <button type="button" className="btn btn-primary" disabled={principals.length === 0} onClick={() => setStep(1)}>
          Next
        </button>
        <button type="button" className="btn" onClick={close}>
          Cancel
        </button>
      </>
    ) : step === 1 ? (
      <>
        <button type="button" className="btn" onClick={() => setStep(0)}>
          Previous
        </button>
        <button type="button" className="btn btn-primary" disabled={configs.length === 0} onClick={() => setStep(2)}>
          Next
        </button>
        <button type="button" className="btn" onClick={close}>
          Cancel
        </button>
      </>
    ) : step === 2 ? (
      <>
        <button type="button" className="btn" disabled={create.isPending} onClick={() => setStep(1)}>
          Previous
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={create.isPending || triplets > ACCESS_LIMITS.tripletsMax}
          onClick={start}
        >
          {create.isPending ? "Starting…" : "Start Configuration"}
        </button>
        <button type="button" className="btn" disabled={create.isPending} onClick={close}>
          Cancel
        </button>
      </>
    ) : (
      <button type="button" className="btn btn-primary" disabled={running} onClick={close}>
        Finish
      </button>
    );

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => (o ? onOpenChange(true) : !create.isPending && close())}
      title="Configure Access Assignments"
      variant="drawer"
      width={800}
      footer={footer}
    >
      <ol className="mb-4 flex gap-2" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li
            key={s}
            aria-current={i === step ? "step" : undefined}
            className={`flex items-center gap-1.5 ${i === step ? "font-medium text-primary" : i < step ? "text-text-2" : "text-text-3"}`}
          >
            <span className={`inline-flex h-5 w-5 items-center justify-center rounded-full border text-[11px] ${i === step ? "border-primary" : "border-line"}`}>
              {i + 1}
            </span>
            {s}
            {i < STEPS.length - 1 && <span className="mx-1 text-text-4">›</span>}
          </li>
        ))}
      </ol>
      <p className="mb-3 text-text-2">
        Accounts ({accounts.length}): {accounts.map((a) => a.displayName).join(", ")}
      </p>
      {step === 0 && <PrincipalPicker selected={principals} onChange={setPrincipals} />}
      {step === 1 && <ConfigurationPicker selected={configs} onChange={setConfigs} />}
      {step === 2 && (
        <section aria-label="Review">
          <dl className="grid grid-cols-[180px_1fr] gap-y-2">
            <dt className="text-text-3">Accounts</dt>
            <dd>{accounts.map((a) => `${a.displayName} (${a.accountId})`).join(", ")}</dd>
            <dt className="text-text-3">Users and groups</dt>
            <dd>{principals.map((p) => `${p.name} (${p.type})`).join(", ")}</dd>
            <dt className="text-text-3">Access configurations</dt>
            <dd>{configs.map((c) => c.name).join(", ")}</dd>
          </dl>
          <p className="mt-3 text-text-2">
            {triplets} access assignment{triplets === 1 ? "" : "s"} (accounts × users/groups × access configurations), one task each. Assignments that
            already exist are reported and not created again. The first assignment of an access configuration on an account provisions it there.
          </p>
          {triplets > ACCESS_LIMITS.tripletsMax && (
            <p role="alert" className="mt-2 text-error">
              One configuration can create at most {ACCESS_LIMITS.tripletsMax} access assignments: select fewer accounts, users, groups or access configurations.
            </p>
          )}
        </section>
      )}
      {step === 3 && result && (
        <TaskBatchProgress batchId={result.batchId} existing={result.existing} names={names} label="Configuration tasks" />
      )}
    </Dialog>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Dialog } from "@/components/dialog";
import { errorMessage } from "@/lib/api-client";
import { useResetDemo, useResetPreview } from "@/lib/client/demo";
import { RESET_CONFIRMATION, type ResetPreview } from "@/lib/demo/types";

const TITLE = "Reset to Sample Data";

/**
 * Trainer's reset: both consoles back to the sample organization, SCIM off, no applications. The
 * dialog says what it deletes (counted when it opens) and OK stays disabled until RESET is typed.
 */
export function ResetSampleDataButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        {TITLE}
      </button>
      {open && <ResetDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function ResetDialog({ onClose }: { onClose: () => void }) {
  const router = useRouter();
  const preview = useResetPreview(true);
  const reset = useResetDemo();
  const [typed, setTyped] = useState("");
  const confirmed = typed === RESET_CONFIRMATION;

  const run = async () => {
    try {
      const { summary } = await reset.mutateAsync(typed);
      toast.success(
        `Sample data loaded: ${summary.units} organizational units, ${summary.accounts} accounts, ${summary.groups} groups in IDaaS; ` +
          `${summary.cloudSsoUsers} manual users in CloudSSO.`,
      );
      onClose();
      router.refresh();
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };

  return (
    <Dialog
      open
      onOpenChange={(o) => !o && !reset.isPending && onClose()}
      title={TITLE}
      width={520}
      footer={
        <>
          <button type="button" className="btn btn-danger" disabled={!confirmed || reset.isPending} onClick={run}>
            {reset.isPending ? "Processing…" : "OK"}
          </button>
          <button type="button" className="btn" disabled={reset.isPending} onClick={onClose}>
            Cancel
          </button>
        </>
      }
    >
      <div className="text-[12px] leading-5 text-text-2">
        <p className="mb-3">
          This deletes the following from both consoles, including every provisioning task and log, and turns SCIM
          synchronization off. It cannot be undone.
        </p>
        {preview.isLoading ? (
          <p className="mb-3 text-text-3">Counting…</p>
        ) : preview.error || !preview.data ? (
          <p role="alert" className="mb-3 text-error">
            {preview.error ? errorMessage(preview.error) : "Could not count what will be deleted."}
          </p>
        ) : (
          <DeletionTable preview={preview.data} />
        )}
        {preview.data && (
          <p className="mb-3">
            Then it loads the sample data: {preview.data.sample.units} organizational units, {preview.data.sample.accounts} accounts
            and {preview.data.sample.groups} groups in IDaaS, and {preview.data.sample.cloudSsoUsers} manual users in CloudSSO.
          </p>
        )}
        <label htmlFor="reset-confirmation" className="mb-1 block text-text">
          Type {RESET_CONFIRMATION} to confirm
        </label>
        <input
          id="reset-confirmation"
          className="input"
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && confirmed && !reset.isPending) void run();
          }}
        />
      </div>
    </Dialog>
  );
}

function DeletionTable({ preview }: { preview: ResetPreview }) {
  const rows: [product: string, what: string, count: number][] = [
    ["IDaaS", "Organizational units", preview.idaas.units],
    ["IDaaS", "Accounts", preview.idaas.accounts],
    ["IDaaS", "Groups", preview.idaas.groups],
    ["IDaaS", "Applications", preview.idaas.applications],
    ["CloudSSO", "Users", preview.cloudSso.users],
    ["CloudSSO", "Groups", preview.cloudSso.groups],
    ["CloudSSO", "SCIM credentials", preview.cloudSso.credentials],
  ];
  return (
    <table className="mb-3 w-full border-collapse text-left" aria-label="What will be deleted">
      <thead>
        <tr className="bg-selected">
          <th scope="col" className="h-8 px-3 font-medium">
            Console
          </th>
          <th scope="col" className="px-3 font-medium">
            Deleted
          </th>
          <th scope="col" className="px-3 text-right font-medium">
            Count
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([product, what, count]) => (
          <tr key={`${product} ${what}`} className="border-b border-line-2">
            <td className="h-8 px-3">{product}</td>
            <td className="px-3">{what}</td>
            <td className="px-3 text-right tabular-nums">{count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

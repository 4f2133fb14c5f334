"use client";

import { useState } from "react";
import { Dialog } from "./dialog";

/**
 * Confirmation dialog (OK / Cancel). `onConfirm` may be async; the dialog stays open and shows
 * the button busy until it settles, and closes only on success.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  message,
  okLabel = "OK",
  danger,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  message: React.ReactNode;
  okLabel?: string;
  danger?: boolean;
  onConfirm: () => unknown | Promise<unknown>;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !busy && onOpenChange(o)}
      title={title}
      width={480}
      footer={
        <>
          <button
            type="button"
            className={danger ? "btn btn-danger" : "btn btn-primary"}
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await onConfirm();
                onOpenChange(false);
              } catch {
                /* the caller reports the error (toast); keep the dialog open */
              } finally {
                setBusy(false);
              }
            }}
          >
            {busy ? "Processing…" : okLabel}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => onOpenChange(false)}>
            Cancel
          </button>
        </>
      }
    >
      <div className="text-[12px] leading-5 text-text-2">{message}</div>
    </Dialog>
  );
}

"use client";

import { Dialog } from "./dialog";
import { CopyButton } from "./copy-button";

/** Shows a secret exactly once; nothing keeps it after the dialog closes. */
export function SecretDialog({
  open,
  onClose,
  title,
  secretLabel,
  secret,
  warning,
  details,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  secretLabel: string;
  secret: string;
  warning: string;
  details?: React.ReactNode;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !o && onClose()}
      title={title}
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          OK
        </button>
      }
    >
      <div role="alert" className="mb-4 rounded-[2px] border border-warning bg-[#fff8e6] px-3 py-2 text-text">
        {warning}
      </div>
      {details}
      <label className="mb-1 block text-text-2" htmlFor="shown-once-secret">
        {secretLabel}
      </label>
      <div className="flex gap-2">
        <input id="shown-once-secret" className="input font-mono" readOnly value={secret} onFocus={(e) => e.target.select()} />
        <CopyButton text={secret} />
      </div>
    </Dialog>
  );
}

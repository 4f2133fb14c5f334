"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { Dialog } from "@/components/dialog";
import { FormField } from "@/components/form-field";
import { showServerErrors } from "@/components/server-errors";
import { formatTime } from "@/lib/format";
import { resetPasswordSchema } from "@/lib/idaas/sso/schemas";
import { useAccountPassword, useResetPassword } from "@/lib/client/idaas-sso";
import type { z } from "zod";

type Values = z.input<typeof resetPasswordSchema>;

/** A random password the admin can hand over (letters and digits, 16 characters). */
function generatePassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

/** The account's IDaaS user portal password: set or not (never shown), and Reset Password. */
export function PortalPasswordState({ instanceId, accountId }: { instanceId: string; accountId: string }) {
  const state = useAccountPassword(instanceId, accountId);
  if (!state.data) return <span className="text-text-3">…</span>;
  return state.data.set ? <span>Set ({formatTime(state.data.updatedAt)})</span> : <span className="text-text-3">Not set</span>;
}

export function ResetPasswordButton({ instanceId, accountId, username }: { instanceId: string; accountId: string; username: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        Reset Password
      </button>
      {open && <ResetPasswordDialog instanceId={instanceId} accountId={accountId} username={username} onClose={() => setOpen(false)} />}
    </>
  );
}

function ResetPasswordDialog({ instanceId, accountId, username, onClose }: { instanceId: string; accountId: string; username: string; onClose: () => void }) {
  const reset = useResetPassword(instanceId, accountId);
  const [visible, setVisible] = useState(false);
  const { register, handleSubmit, setError, setValue, formState } = useForm<Values>({
    resolver: zodResolver(resetPasswordSchema),
    defaultValues: { password: "" },
  });
  const onSubmit = handleSubmit(async ({ password }) => {
    try {
      await reset.mutateAsync(password);
      toast.success(`Password reset. ${username} signs in to the IDaaS user portal with the new password.`);
      onClose();
    } catch (e) {
      showServerErrors(e, setError, ["password"]);
    }
  });
  return (
    <Dialog
      open
      onOpenChange={(o) => !o && !formState.isSubmitting && onClose()}
      title="Reset Password"
      width={480}
      footer={
        <>
          <button type="submit" form="reset-password-form" className="btn btn-primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? "Processing…" : "OK"}
          </button>
          <button type="button" className="btn" disabled={formState.isSubmitting} onClick={onClose}>
            Cancel
          </button>
        </>
      }
    >
      <form id="reset-password-form" onSubmit={onSubmit} noValidate>
        <p className="mb-3 text-text-2">
          Set the password {username} uses to sign in to the IDaaS user portal. Open portal sessions of the account end.
        </p>
        <FormField label="New Password" required error={formState.errors.password?.message} hint="At least 8 characters.">
          {(p) => (
            <div className="flex gap-2">
              <input {...p} type={visible ? "text" : "password"} className="input" autoComplete="new-password" {...register("password")} />
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setValue("password", generatePassword(), { shouldValidate: true });
                  setVisible(true);
                }}
              >
                Generate
              </button>
            </div>
          )}
        </FormField>
      </form>
    </Dialog>
  );
}

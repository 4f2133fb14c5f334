"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import type { z } from "zod";
import { Dialog, FormDialogFooter } from "@/components/dialog";
import { FormField } from "@/components/form-field";
import { showServerErrors } from "@/components/server-errors";
import { portalPasswordSchema } from "@/lib/cloudsso/sso/schemas";
import { useSetUserPassword, useSsoLogon, useUserPassword } from "@/lib/client/cloudsso-sso";

type FormValues = z.input<typeof portalPasswordSchema>;

/**
 * Set Password: a manual user's password for username-password logon to the CloudSSO user portal.
 * Unavailable while SSO Logon is on (users then sign in through the IdP).
 */
export function SetPasswordButton({ userId, userName }: { userId: string; userName: string }) {
  const [open, setOpen] = useState(false);
  const sso = useSsoLogon();
  const state = useUserPassword(userId);
  const ssoOn = sso.data?.ssoEnabled ?? false;
  return (
    <>
      <button
        type="button"
        className="btn"
        disabled={ssoOn}
        title={ssoOn ? "Passwords cannot be set while SSO logon is enabled." : state.data?.hasPassword ? "The user has a portal password." : "The user has no portal password yet."}
        onClick={() => setOpen(true)}
      >
        Set Password
      </button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title="Set Password"
        footer={<FormDialogFooter form="set-password-form" busy={false} onCancel={() => setOpen(false)} />}
      >
        {open && <PasswordForm userId={userId} userName={userName} hasPassword={state.data?.hasPassword ?? false} onDone={() => setOpen(false)} />}
      </Dialog>
    </>
  );
}

function PasswordForm({ userId, userName, hasPassword, onDone }: { userId: string; userName: string; hasPassword: boolean; onDone: () => void }) {
  const save = useSetUserPassword(userId);
  const { register, handleSubmit, setError, formState } = useForm<FormValues>({
    resolver: zodResolver(portalPasswordSchema),
    defaultValues: { password: "" },
  });
  const onSubmit = handleSubmit(async ({ password }) => {
    try {
      await save.mutateAsync(password);
      toast.success("The password is set.");
      onDone();
    } catch (e) {
      showServerErrors(e, setError, ["password"]);
    }
  });
  return (
    <form id="set-password-form" onSubmit={onSubmit} noValidate>
      <p className="mb-4 text-text-2">
        {userName} logs on to the CloudSSO user portal (the Login URL) with this password while SSO logon is disabled.
        {hasPassword ? " The current password is replaced." : ""}
      </p>
      <FormField label="Password" required error={formState.errors.password?.message} hint="8 to 64 characters with at least three of: lowercase, uppercase, digits, symbols.">
        {(p) => <input {...p} type="password" autoComplete="new-password" className="input" {...register("password")} />}
      </FormField>
    </form>
  );
}

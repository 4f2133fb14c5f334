"use client";

import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import type { z } from "zod";
import { CopyButton } from "@/components/copy-button";
import { Dialog, FormDialogFooter } from "@/components/dialog";
import { FormField } from "@/components/form-field";
import { showServerErrors } from "@/components/server-errors";
import { directoryNameBodySchema } from "@/lib/cloudsso/sso/schemas";
import { useSetDirectoryName, useSsoLogon } from "@/lib/client/cloudsso-sso";

type FormValues = z.input<typeof directoryNameBodySchema>;

/** The directory name that forms the Login URL of the CloudSSO user portal, with Edit. */
export function DirectoryNameSettings() {
  const view = useSsoLogon();
  const [editing, setEditing] = useState(false);
  if (!view.data) return null;
  const { directoryName, loginUrl } = view.data;
  return (
    <section className="card mt-4" aria-labelledby="directory-info-title">
      <h2 id="directory-info-title" className="mb-4 text-[14px] font-medium">
        Directory Information
      </h2>
      <dl className="grid max-w-[760px] grid-cols-[140px_1fr] items-center gap-y-3">
        <dt className="text-text-2">Directory Name</dt>
        <dd className="flex items-center gap-3">
          <span className="font-mono">{directoryName}</span>
          <button type="button" className="link" onClick={() => setEditing(true)}>
            Edit
          </button>
        </dd>
        <dt className="text-text-2">
          <label htmlFor="login-url">Login URL</label>
        </dt>
        <dd className="flex gap-2">
          <input id="login-url" className="input font-mono" readOnly value={loginUrl} />
          <CopyButton text={loginUrl} />
        </dd>
      </dl>
      <p className="mt-3 max-w-[760px] text-text-3">
        Users log on to the CloudSSO user portal at the Login URL. Changing the directory name changes the Login URL.
      </p>
      <EditDirectoryNameDialog open={editing} onOpenChange={setEditing} current={directoryName} />
    </section>
  );
}

function EditDirectoryNameDialog({ open, onOpenChange, current }: { open: boolean; onOpenChange: (o: boolean) => void; current: string }) {
  const save = useSetDirectoryName();
  const { register, handleSubmit, reset, setError, formState } = useForm<FormValues>({
    resolver: zodResolver(directoryNameBodySchema),
    defaultValues: { directoryName: current },
  });
  useEffect(() => {
    if (open) reset({ directoryName: current });
  }, [open, current, reset]);
  const onSubmit = handleSubmit(async ({ directoryName }) => {
    try {
      await save.mutateAsync(directoryName);
      toast.success("Directory name updated.");
      onOpenChange(false);
    } catch (e) {
      showServerErrors(e, setError, ["directoryName"]);
    }
  });
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Edit Directory Name"
      footer={<FormDialogFooter form="directory-name-form" busy={formState.isSubmitting} onCancel={() => onOpenChange(false)} />}
    >
      <form id="directory-name-form" onSubmit={onSubmit} noValidate>
        <FormField
          label="Directory Name"
          required
          error={formState.errors.directoryName?.message}
          hint="2 to 64 characters: lowercase letters, digits and hyphens (-). It cannot start or end with a hyphen, contain two hyphens in a row, or start with d-."
        >
          {(p) => <input {...p} className="input font-mono" {...register("directoryName")} />}
        </FormField>
      </form>
    </Dialog>
  );
}

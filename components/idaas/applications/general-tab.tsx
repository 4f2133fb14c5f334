"use client";

import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { runWithToast } from "@/components/run-with-toast";
import { CopyButton } from "@/components/copy-button";
import { FormField } from "@/components/form-field";
import { StatusBadge } from "@/components/status-badge";
import { showServerErrors } from "@/components/server-errors";
import { APPLICATION_NAME_MAX, renameApplicationSchema } from "@/lib/idaas/application-templates";
import { formatTime } from "@/lib/format";
import type { z } from "zod";
import { useRenameApplication, useSetApplicationStatus, type ApplicationView } from "@/lib/client/idaas-applications";

type FormValues = z.input<typeof renameApplicationSchema>;

export function GeneralTab({ instanceId, app }: { instanceId: string; app: ApplicationView }) {
  const rename = useRenameApplication(instanceId, app.id);
  const setStatus = useSetApplicationStatus(instanceId);
  const [confirmStatus, setConfirmStatus] = useState(false);
  const { register, handleSubmit, reset, setError, formState } = useForm<FormValues>({
    resolver: zodResolver(renameApplicationSchema),
    defaultValues: { name: app.name },
  });
  useEffect(() => reset({ name: app.name }), [app.name, reset]);

  const onSubmit = handleSubmit(async (values) => {
    try {
      await rename.mutateAsync(values.name);
      toast.success("Application name saved.");
    } catch (e) {
      showServerErrors(e, setError, ["name"]);
    }
  });

  const nextStatus = app.status === "Enabled" ? "Disabled" : "Enabled";

  return (
    <div className="card max-w-[760px]">
      <h2 className="mb-4 text-[14px] font-medium">Basic Information</h2>
      <form onSubmit={onSubmit} noValidate className="mb-2">
        <FormField label="Application Name" required error={formState.errors.name?.message} hint={`Up to ${APPLICATION_NAME_MAX} characters.`}>
          {(p) => (
            <div className="flex gap-2">
              <input {...p} className="input" autoComplete="off" {...register("name")} />
              <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting || !formState.isDirty}>
                Save
              </button>
            </div>
          )}
        </FormField>
      </form>
      <dl className="grid grid-cols-[160px_1fr] gap-y-3">
        <dt className="text-text-3">Application ID</dt>
        <dd className="flex items-center gap-2">
          <span className="font-mono">{app.id}</span>
          <CopyButton text={app.id} className="link" />
        </dd>
        <dt className="text-text-3">Template</dt>
        <dd>{app.templateName}</dd>
        <dt className="text-text-3">Status</dt>
        <dd className="flex items-center gap-3">
          <StatusBadge status={app.status} />
          <button type="button" className="link" onClick={() => setConfirmStatus(true)}>
            {app.status === "Enabled" ? "Disable" : "Enable"}
          </button>
        </dd>
        <dt className="text-text-3">Created</dt>
        <dd>{formatTime(app.createdAt)}</dd>
      </dl>
      <ConfirmDialog
        open={confirmStatus}
        onOpenChange={setConfirmStatus}
        title={nextStatus === "Disabled" ? "Disable Application" : "Enable Application"}
        message={
          nextStatus === "Disabled"
            ? `Disable application "${app.name}"? While disabled, no account or group changes are pushed to it.`
            : `Enable application "${app.name}"?`
        }
        onConfirm={async () => {
          await runWithToast(
            () => setStatus.mutateAsync({ appId: app.id, status: nextStatus }),
            `Application ${nextStatus === "Enabled" ? "enabled" : "disabled"}.`,
          );
        }}
      />
    </div>
  );
}

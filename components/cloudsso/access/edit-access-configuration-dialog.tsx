"use client";

import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { z } from "zod";
import { Dialog, FormDialogFooter } from "@/components/dialog";
import { FormField } from "@/components/form-field";
import { showServerErrors } from "@/components/server-errors";
import { ACCESS_LIMITS, descriptionSchema, relayStateSchema, sessionDurationSchema, type AccessConfigurationView } from "@/lib/cloudsso/access/schemas";
import { useUpdateAccessConfiguration } from "@/lib/client/cloudsso-access";

const formSchema = z.object({ sessionDuration: sessionDurationSchema, relayState: relayStateSchema, description: descriptionSchema });
type FormValues = z.input<typeof formSchema>;

/** UpdateAccessConfiguration: Session Duration, Relay State, Description (the name is immutable; no re-provision needed). */
export function EditAccessConfigurationDialog({ c, open, onOpenChange }: { c: AccessConfigurationView; open: boolean; onOpenChange: (o: boolean) => void }) {
  const update = useUpdateAccessConfiguration();
  const { register, handleSubmit, reset, setError, formState } = useForm<FormValues>({ resolver: zodResolver(formSchema) });
  useEffect(() => {
    if (open) reset({ sessionDuration: c.sessionDuration, relayState: c.relayState, description: c.description });
  }, [open, c, reset]);
  const onSubmit = handleSubmit(async (v) => {
    try {
      await update.mutateAsync({ id: c.id, body: { sessionDuration: Number(v.sessionDuration), relayState: v.relayState, description: v.description } });
      toast.success("Access configuration updated.");
      onOpenChange(false);
    } catch (e) {
      showServerErrors(e, setError, ["sessionDuration", "relayState", "description"]);
    }
  });
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Modify Access Configuration"
      footer={<FormDialogFooter form="edit-access-configuration" busy={formState.isSubmitting} onCancel={() => onOpenChange(false)} />}
    >
      <form id="edit-access-configuration" onSubmit={onSubmit} noValidate>
        <p className="mb-3 text-text-3">Access Configuration Name: {c.name} (cannot be changed)</p>
        <FormField label="Session Duration" error={formState.errors.sessionDuration?.message} hint={`Seconds, ${ACCESS_LIMITS.sessionMin}–${ACCESS_LIMITS.sessionMax}.`}>
          {(p) => <input {...p} className="input w-[200px]" type="number" {...register("sessionDuration")} />}
        </FormField>
        <FormField label="Relay State" error={formState.errors.relayState?.message}>
          {(p) => <input {...p} className="input" {...register("relayState")} />}
        </FormField>
        <FormField label="Description" error={formState.errors.description?.message}>
          {(p) => <textarea {...p} rows={3} className="input" {...register("description")} />}
        </FormField>
      </form>
    </Dialog>
  );
}

"use client";

import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect } from "react";
import { toast } from "sonner";
import type { z } from "zod";
import { Dialog, FormDialogFooter } from "@/components/dialog";
import { FormField } from "@/components/form-field";
import { showServerErrors } from "@/components/server-errors";
import { createGroupSchema } from "@/lib/cloudsso/schemas";
import { useSaveGroup, type GroupView } from "@/lib/client/cloudsso";

type FormValues = z.input<typeof createGroupSchema>;

export function GroupFormDialog({ open, onOpenChange, group }: { open: boolean; onOpenChange: (o: boolean) => void; group?: GroupView }) {
  const save = useSaveGroup();
  const { register, handleSubmit, reset, setError, formState } = useForm<FormValues>({
    resolver: zodResolver(createGroupSchema),
    defaultValues: { name: "", description: "" },
  });
  useEffect(() => {
    if (open) reset({ name: group?.GroupName ?? "", description: group?.Description ?? "" });
  }, [open, group, reset]);

  const onSubmit = handleSubmit(async (values) => {
    try {
      await save.mutateAsync({ id: group?.GroupId, body: values });
      toast.success(group ? "Group updated." : "Group created.");
      onOpenChange(false);
    } catch (e) {
      showServerErrors(e, setError, ["name", "description"]);
    }
  });

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={group ? "Edit Group" : "Create Group"}
      footer={<FormDialogFooter form="group-form" busy={formState.isSubmitting} onCancel={() => onOpenChange(false)} />}
    >
      <form id="group-form" onSubmit={onSubmit} noValidate>
        <FormField label="Group Name" required error={formState.errors.name?.message} hint="Up to 128 characters: letters, digits and _ - .">
          {(p) => <input {...p} className="input" {...register("name")} />}
        </FormField>
        <FormField label="Description" error={formState.errors.description?.message}>
          {(p) => <textarea {...p} rows={3} className="input" {...register("description")} />}
        </FormField>
      </form>
    </Dialog>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Dialog, FormDialogFooter } from "@/components/dialog";
import { FormField } from "@/components/form-field";
import { useCreateGroup, useUpdateGroup, type GroupView } from "@/lib/client/idaas-directory";
import { groupInputSchema, type GroupFormValues, type GroupInput } from "@/lib/idaas/schemas";
import { showServerErrors } from "@/components/server-errors";

/** Create Group (no `group`) or edit one. */
export function GroupFormDialog({
  instanceId,
  group,
  onClose,
}: {
  instanceId: string;
  group?: GroupView;
  onClose: (saved?: GroupView) => void;
}) {
  const create = useCreateGroup(instanceId);
  const update = useUpdateGroup(instanceId);
  const form = useForm<GroupFormValues, unknown, GroupInput>({
    resolver: zodResolver(groupInputSchema),
    defaultValues: { name: group?.name ?? "", description: group?.description ?? "" },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const saved = group
        ? await update.mutateAsync({ groupId: group.id, values })
        : await create.mutateAsync(values);
      toast.success(`Group "${saved.name}" ${group ? "updated" : "created"}.`);
      onClose(saved);
    } catch (err) {
      showServerErrors(err, form.setError, ["name", "description"]);
    }
  });
  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={group ? "Edit Group" : "Create Group"}
      footer={<FormDialogFooter form="group-form" busy={isSubmitting} onCancel={onClose} />}
    >
      <form id="group-form" onSubmit={onSubmit} noValidate>
        <FormField label="Group Name" required error={errors.name?.message} hint="Up to 128 characters.">
          {(p) => <input {...p} className="input" autoFocus {...form.register("name")} />}
        </FormField>
        <FormField label="Description" error={errors.description?.message}>
          {(p) => <textarea {...p} rows={3} className="input" {...form.register("description")} />}
        </FormField>
      </form>
    </Dialog>
  );
}

"use client";

import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect } from "react";
import { toast } from "sonner";
import { Dialog, FormDialogFooter } from "@/components/dialog";
import { FormField } from "@/components/form-field";
import { showServerErrors } from "@/components/server-errors";
import { createUserSchema } from "@/lib/cloudsso/schemas";
import { useSaveUser, type UserView } from "@/lib/client/cloudsso";
import type { z } from "zod";

type FormValues = z.input<typeof createUserSchema>;
const FIELDS = Object.keys(createUserSchema.shape);

/** Create User (manual) or edit an existing user; server field errors appear inline. */
export function UserFormDialog({ open, onOpenChange, user }: { open: boolean; onOpenChange: (o: boolean) => void; user?: UserView }) {
  const save = useSaveUser();
  const editing = Boolean(user);
  const form = useForm<FormValues>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { userName: "", firstName: "", lastName: "", displayName: "", email: "", description: "", status: "Enabled" },
  });
  const { register, handleSubmit, reset, setError, formState } = form;

  useEffect(() => {
    if (!open) return;
    reset(
      user
        ? {
            userName: user.UserName,
            firstName: user.FirstName,
            lastName: user.LastName,
            displayName: user.DisplayName,
            email: user.Email,
            description: user.Description,
            status: user.Status,
          }
        : { userName: "", firstName: "", lastName: "", displayName: "", email: "", description: "", status: "Enabled" },
    );
  }, [open, user, reset]);

  const onSubmit = handleSubmit(async (values) => {
    try {
      const body = editing
        ? { firstName: values.firstName, lastName: values.lastName, displayName: values.displayName, email: values.email, description: values.description }
        : values;
      await save.mutateAsync({ id: user?.UserId, body });
      toast.success(editing ? "User updated." : "User created.");
      onOpenChange(false);
    } catch (e) {
      showServerErrors(e, setError, FIELDS);
    }
  });

  const err = (k: keyof FormValues) => formState.errors[k]?.message as string | undefined;

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={editing ? "Edit User" : "Create User"}
      footer={<FormDialogFooter form="user-form" busy={formState.isSubmitting} onCancel={() => onOpenChange(false)} />}
    >
      <form id="user-form" onSubmit={onSubmit} noValidate>
        <FormField label="Username" required error={err("userName")} hint="Up to 64 characters: letters, digits and @ _ . -. Cannot be changed later.">
          {(p) => <input {...p} className="input" readOnly={editing} {...register("userName")} />}
        </FormField>
        <div className="grid grid-cols-2 gap-x-4">
          <FormField label="First Name" error={err("firstName")}>
            {(p) => <input {...p} className="input" {...register("firstName")} />}
          </FormField>
          <FormField label="Last Name" error={err("lastName")}>
            {(p) => <input {...p} className="input" {...register("lastName")} />}
          </FormField>
        </div>
        <FormField label="Display Name" error={err("displayName")}>
          {(p) => <input {...p} className="input" {...register("displayName")} />}
        </FormField>
        <FormField label="Email" error={err("email")}>
          {(p) => <input {...p} type="email" className="input" {...register("email")} />}
        </FormField>
        <FormField label="Description" error={err("description")}>
          {(p) => <textarea {...p} rows={3} className="input" {...register("description")} />}
        </FormField>
        {!editing && (
          <FormField label="Status" error={err("status")}>
            {(p) => (
              <select {...p} className="input" {...register("status")}>
                <option value="Enabled">Enabled</option>
                <option value="Disabled">Disabled</option>
              </select>
            )}
          </FormField>
        )}
      </form>
    </Dialog>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Dialog, FormDialogFooter } from "@/components/dialog";
import { FormField } from "@/components/form-field";
import { useCreateAccount, useUpdateAccount, type AccountView } from "@/lib/client/idaas-directory";
import { accountInputSchema, type AccountFormValues, type AccountInput } from "@/lib/idaas/schemas";
import { showServerErrors } from "@/components/server-errors";
import { UnitSelect } from "./unit-select";
import type { UnitTreeNode } from "./unit-tree";

const FIELDS = Object.keys(accountInputSchema.shape) as (keyof AccountFormValues)[];

function defaults(account: AccountView | undefined, unitId: string | undefined): AccountFormValues {
  return {
    username: account?.username ?? "",
    displayName: account?.displayName ?? "",
    givenName: account?.givenName ?? "",
    familyName: account?.familyName ?? "",
    email: account?.email ?? "",
    phone: account?.phone ?? "",
    status: (account?.status as AccountInput["status"]) ?? "Enabled",
    externalId: account?.externalId ?? "",
    description: account?.description ?? "",
    primaryUnitId: account?.primaryUnitId ?? unitId ?? "",
    extraUnitIds: account?.extraUnits.map((u) => u.id) ?? [],
  };
}

/** Create Account (no `account`) or edit one; the same zod schema validates here and on the server. */
export function AccountFormDialog({
  instanceId,
  account,
  defaultUnitId,
  units,
  onClose,
}: {
  instanceId: string;
  account?: AccountView;
  defaultUnitId?: string;
  units: UnitTreeNode[];
  onClose: () => void;
}) {
  const create = useCreateAccount(instanceId);
  const update = useUpdateAccount(instanceId);
  const form = useForm<AccountFormValues, unknown, AccountInput>({
    resolver: zodResolver(accountInputSchema),
    defaultValues: defaults(account, defaultUnitId),
  });
  const { errors, isSubmitting } = form.formState;
  // eslint-disable-next-line react-hooks/incompatible-library -- react-hook-form's watch is the documented API
  const primaryUnitId = form.watch("primaryUnitId");

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      if (account) {
        await update.mutateAsync({ accountId: account.id, values });
        toast.success(`Account "${values.username}" updated.`);
      } else {
        await create.mutateAsync(values);
        toast.success(`Account "${values.username}" created.`);
      }
      onClose();
    } catch (err) {
      showServerErrors(err, form.setError, FIELDS);
    }
  });

  const text = (name: keyof AccountFormValues, label: string, opts: { required?: boolean; hint?: string; type?: string } = {}) => (
    <FormField label={label} required={opts.required} hint={opts.hint} error={errors[name]?.message}>
      {(p) => <input {...p} type={opts.type ?? "text"} className="input" {...form.register(name as "username")} />}
    </FormField>
  );

  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={account ? "Edit Account" : "Create Account"}
      width={640}
      footer={<FormDialogFooter form="account-form" busy={isSubmitting} onCancel={onClose} />}
    >
      <form id="account-form" onSubmit={onSubmit} noValidate>
        {text("username", "Username", {
          required: true,
          hint: "Up to 64 characters: letters, digits, _ . @ -",
        })}
        {text("displayName", "Display Name")}
        <div className="grid grid-cols-2 gap-x-4">
          {text("givenName", "Given Name")}
          {text("familyName", "Family Name")}
        </div>
        {text("email", "Email", { type: "email" })}
        {text("phone", "Phone", { type: "tel" })}
        <FormField label="Status" error={errors.status?.message}>
          {(p) => (
            <select {...p} className="input" {...form.register("status")}>
              <option value="Enabled">Enabled</option>
              <option value="Disabled">Disabled</option>
            </select>
          )}
        </FormField>
        {text("externalId", "External ID", { hint: "Leave empty to use the account ID." })}
        <FormField label="Primary Organizational Unit" required error={errors.primaryUnitId?.message}>
          {(p) => <UnitSelect {...p} units={units} {...form.register("primaryUnitId")} />}
        </FormField>
        <fieldset className="mb-4">
          <legend className="mb-1 text-text-2">Additional Organizational Units</legend>
          <div className="max-h-32 overflow-y-auto rounded-[2px] border border-line px-2 py-1">
            {units
              .filter((u) => u.id !== primaryUnitId)
              .map((u) => (
                <label key={u.id} className="flex h-6 items-center gap-2" style={{ paddingLeft: u.depth * 12 }}>
                  <input type="checkbox" value={u.id} {...form.register("extraUnitIds")} />
                  {u.name}
                </label>
              ))}
          </div>
          {errors.extraUnitIds?.message && (
            <p role="alert" className="mt-1 text-error">
              {errors.extraUnitIds.message}
            </p>
          )}
        </fieldset>
        <FormField label="Description" error={errors.description?.message}>
          {(p) => <textarea {...p} rows={3} className="input" {...form.register("description")} />}
        </FormField>
      </form>
    </Dialog>
  );
}

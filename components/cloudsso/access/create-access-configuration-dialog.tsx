"use client";

import { useEffect } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { z } from "zod";
import { Dialog, FormDialogFooter } from "@/components/dialog";
import { FormField } from "@/components/form-field";
import { setServerFieldErrors } from "@/components/server-errors";
import { errorMessage } from "@/lib/api-client";
import {
  ACCESS_LIMITS,
  accessConfigurationNameSchema,
  descriptionSchema,
  policyDocumentProblems,
  relayStateSchema,
  sessionDurationSchema,
} from "@/lib/cloudsso/access/schemas";
import { useCreateAccessConfiguration } from "@/lib/client/cloudsso-access";
import { SystemPolicyPicker } from "./system-policy-picker";
import { INLINE_POLICY_TEMPLATE, PolicyDocumentField } from "./policy-document-field";
import { configurationHref } from "./task-columns";

const formSchema = z.object({
  name: accessConfigurationNameSchema,
  sessionDuration: sessionDurationSchema,
  relayState: relayStateSchema,
  description: descriptionSchema,
  withInline: z.boolean(),
  inlineDocument: z.string(),
  policyMode: z.enum(["use", "none"]),
  systemPolicies: z.array(z.string()),
}).superRefine((v, ctx) => {
  if (v.withInline) {
    const problems = policyDocumentProblems(v.inlineDocument);
    if (problems.length) ctx.addIssue({ code: "custom", path: ["inlineDocument"], message: problems[0] });
  }
  if (v.policyMode === "use" && v.systemPolicies.length === 0) {
    ctx.addIssue({ code: "custom", path: ["systemPolicies"], message: "Select at least one system policy, or choose Do Not Use System Policy." });
  }
});
type FormValues = z.input<typeof formSchema>;

const defaults: FormValues = {
  name: "",
  sessionDuration: ACCESS_LIMITS.sessionDefault,
  relayState: "",
  description: "",
  withInline: false,
  inlineDocument: INLINE_POLICY_TEMPLATE,
  policyMode: "use",
  systemPolicies: [],
};

/** The server's field names → this form's fields. */
function fieldPath(field: string): string {
  if (field.startsWith("inlinePolicy")) return "inlineDocument";
  if (field.startsWith("systemPolicies")) return "systemPolicies";
  return field;
}

/** Create Access Configuration (SPEC §6): the fields, then system policies, then an optional inline policy; one request, all or nothing. */
export function CreateAccessConfigurationDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  const router = useRouter();
  const create = useCreateAccessConfiguration();
  const { register, handleSubmit, reset, setError, setValue, formState, control } = useForm<FormValues>({
    resolver: zodResolver(formSchema),
    defaultValues: defaults,
  });
  useEffect(() => {
    if (open) {
      reset(defaults);
    }
  }, [open, reset]);
  const [policyMode, systemPolicies, withInline, inlineDocument] = useWatch({
    control,
    name: ["policyMode", "systemPolicies", "withInline", "inlineDocument"],
  });
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (v) => {
    try {
      const created = await create.mutateAsync({
        name: v.name,
        sessionDuration: Number(v.sessionDuration),
        relayState: v.relayState,
        description: v.description,
        systemPolicies: v.policyMode === "use" ? v.systemPolicies : [],
        inlinePolicy: v.withInline ? { name: "InlinePolicy", document: v.inlineDocument } : undefined,
      });
      toast.success(`Access configuration ${created.name} created.`);
      onOpenChange(false);
      router.push(configurationHref(created.id));
    } catch (e) {
      if (setServerFieldErrors(e, setError, undefined, fieldPath) === 0) toast.error(errorMessage(e));
    }
  });

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Create Access Configuration"
      variant="drawer"
      width={720}
      footer={<FormDialogFooter form="access-configuration-form" busy={formState.isSubmitting || create.isPending} onCancel={() => onOpenChange(false)} />}
    >
      <form id="access-configuration-form" onSubmit={onSubmit} noValidate>
        <h3 className="mb-3 text-[14px] font-medium">Basic Information</h3>
        <FormField
          label="Access Configuration Name"
          required
          error={errors.name?.message}
          hint={`Up to ${ACCESS_LIMITS.nameMax} characters: letters, digits and hyphens (-). It cannot be changed later.`}
        >
          {(p) => <input {...p} className="input" autoComplete="off" {...register("name")} />}
        </FormField>
        <FormField
          label="Session Duration"
          error={errors.sessionDuration?.message}
          hint={`Seconds, ${ACCESS_LIMITS.sessionMin}–${ACCESS_LIMITS.sessionMax}. Default ${ACCESS_LIMITS.sessionDefault} (1 hour).`}
        >
          {(p) => <input {...p} className="input w-[200px]" type="number" inputMode="numeric" {...register("sessionDuration")} />}
        </FormField>
        <FormField
          label="Relay State"
          error={errors.relayState?.message}
          hint="Optional: the Alibaba Cloud Management Console page users land on, e.g. https://ecs.console.aliyun.com/. Empty: the console home page."
        >
          {(p) => <input {...p} className="input" {...register("relayState")} />}
        </FormField>
        <FormField label="Description" error={errors.description?.message}>
          {(p) => <textarea {...p} rows={2} className="input" {...register("description")} />}
        </FormField>

        <h3 className="mb-2 mt-5 text-[14px] font-medium">System Policy</h3>
        <div role="radiogroup" aria-label="System Policy" className="mb-3 flex gap-6">
          <label className="flex items-center gap-1.5">
            <input type="radio" value="use" {...register("policyMode")} />
            Use System Policy
          </label>
          <label className="flex items-center gap-1.5">
            <input type="radio" value="none" {...register("policyMode")} />
            Do Not Use System Policy
          </label>
        </div>
        {policyMode === "use" && (
          <SystemPolicyPicker
            selected={systemPolicies}
            onChange={(next) => setValue("systemPolicies", next, { shouldValidate: formState.isSubmitted })}
            error={errors.systemPolicies?.message}
          />
        )}

        <h3 className="mb-2 mt-5 text-[14px] font-medium">Inline Policy</h3>
        <label className="mb-3 flex items-center gap-1.5">
          <input type="checkbox" {...register("withInline")} />
          Create Inline Policy
        </label>
        {withInline && (
          <PolicyDocumentField
            required
            value={inlineDocument}
            onChange={(v) => setValue("inlineDocument", v, { shouldValidate: formState.isSubmitted })}
            error={errors.inlineDocument?.message}
          />
        )}
      </form>
    </Dialog>
  );
}

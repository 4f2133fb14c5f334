"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { z } from "zod";
import { Dialog } from "@/components/dialog";
import { FormField } from "@/components/form-field";
import { showServerErrors } from "@/components/server-errors";
import { APPLICATION_NAME_MAX, APPLICATION_TEMPLATES, applicationNameSchema } from "@/lib/idaas/application-templates";
import { useCreateApplication } from "@/lib/client/idaas-applications";

type Template = (typeof APPLICATION_TEMPLATES)[number];

const formSchema = z.object({ name: applicationNameSchema });
type FormValues = z.input<typeof formSchema>;

/** Marketplace: one card per template, each with its own "Add Application" button. */
export function Marketplace({ instanceId }: { instanceId: string }) {
  const [chosen, setChosen] = useState<Template | null>(null);
  return (
    <>
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(280px,1fr))] gap-4" aria-label="Marketplace applications">
        {APPLICATION_TEMPLATES.map((t) => (
          <li key={t.id}>
            <section aria-label={t.name} className="card flex h-full flex-col">
              <div className="mb-2 flex items-center gap-3">
                <span
                  aria-hidden
                  className={`flex h-9 w-9 items-center justify-center rounded-[4px] text-[14px] font-medium text-white ${
                    t.id === "cloudsso" ? "bg-brand" : "bg-primary"
                  }`}
                >
                  {t.id === "cloudsso" ? "C" : "S"}
                </span>
                <div>
                  <h2 className="text-[14px] font-medium">{t.name}</h2>
                  <p className="text-text-3">{t.vendor} · SCIM 2.0 provisioning</p>
                </div>
              </div>
              <p className="mb-4 flex-1 leading-5 text-text-2">{t.description}</p>
              <div>
                <button
                  type="button"
                  className="btn btn-primary"
                  aria-label={`Add Application ${t.name}`}
                  onClick={() => setChosen(t)}
                >
                  Add Application
                </button>
              </div>
            </section>
          </li>
        ))}
      </ul>
      <AddApplicationDialog instanceId={instanceId} template={chosen} onClose={() => setChosen(null)} />
    </>
  );
}

function AddApplicationDialog({
  instanceId,
  template,
  onClose,
}: {
  instanceId: string;
  template: Template | null;
  onClose: () => void;
}) {
  const router = useRouter();
  const create = useCreateApplication(instanceId);
  const { register, handleSubmit, reset, setError, formState } = useForm<FormValues>({
    resolver: zodResolver(formSchema),
    defaultValues: { name: "" },
  });
  useEffect(() => {
    if (template) reset({ name: template.name });
  }, [template, reset]);

  const onSubmit = handleSubmit(async (values) => {
    if (!template) return;
    try {
      const app = await create.mutateAsync({ templateId: template.id, name: values.name });
      toast.success(`Application "${app.name}" added.`);
      router.push(`/idaas/instances/${instanceId}/applications/${app.id}`);
    } catch (e) {
      showServerErrors(e, setError, ["name"]);
    }
  });

  return (
    <Dialog
      open={template !== null}
      onOpenChange={(o) => !o && !formState.isSubmitting && onClose()}
      title="Add Application"
      variant="drawer"
      width={520}
      footer={
        <>
          <button type="submit" form="add-application-form" className="btn btn-primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? "Adding…" : "Add"}
          </button>
          <button type="button" className="btn" disabled={formState.isSubmitting} onClick={onClose}>
            Cancel
          </button>
        </>
      }
    >
      <form id="add-application-form" onSubmit={onSubmit} noValidate>
        <p className="mb-4 text-text-2">
          Template: <span className="text-text">{template?.name}</span>
        </p>
        <FormField
          label="Application Name"
          required
          error={formState.errors.name?.message}
          hint={`Up to ${APPLICATION_NAME_MAX} characters.`}
        >
          {(p) => <input {...p} className="input" autoComplete="off" {...register("name")} />}
        </FormField>
      </form>
    </Dialog>
  );
}

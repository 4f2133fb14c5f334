"use client";

import { useEffect, useState } from "react";
import { useFieldArray, useWatch, type Control, type UseFormReturn } from "react-hook-form";
import { MAPPING_TYPES, type ProvisioningConfigFormValues } from "@/lib/idaas/provisioning/config/config-schema";
import type { MappingRule } from "@/lib/idaas/provisioning/config/config-types";
import { ACCOUNT_FIELDS, GROUP_FIELDS } from "@/lib/idaas/mapping/fields";
import { useMappingPreview } from "@/lib/client/idaas-applications";

type Form = UseFormReturn<ProvisioningConfigFormValues>;

const SOURCE_HINT: Record<MappingRule["type"], string> = {
  field: "Field name, e.g. username",
  expression: 'Expression, e.g. lower(username) + "@example.com"',
  constant: "Fixed value",
};

/** Editable Field Mapping rows: target SCIM attribute ← mapping type + source. */
export function FieldMappingTable({
  form,
  name,
  label,
}: {
  form: Form;
  name: "userMapping" | "groupMapping";
  label: string;
}) {
  const { control, register, formState } = form;
  const { fields, append, remove } = useFieldArray({ control, name });
  const types = useWatch({ control, name });
  const rowErrors = formState.errors[name];
  const tableError = rowErrors?.message ?? rowErrors?.root?.message;
  const prefix = name === "userMapping" ? "Account" : "Group";
  const sourceFields: readonly string[] = name === "userMapping" ? ACCOUNT_FIELDS : GROUP_FIELDS;
  const listId = `${name}-source-fields`;

  return (
    <div className="w-full">
      {/* A form table: its fields fill the card and a field's error may take a second line. */}
      <table className="w-full border-collapse text-left [&_td]:whitespace-normal" aria-label={label}>
        <thead>
          <tr className="bg-selected">
            <th scope="col" className="h-10 w-[34%] px-3 font-medium">
              Target Attribute (SCIM)
            </th>
            <th scope="col" className="w-[16%] px-3 font-medium">
              Mapping Type
            </th>
            <th scope="col" className="px-3 font-medium">
              Source
            </th>
            <th scope="col" className="w-[80px] px-3 font-medium">
              Actions
            </th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f, i) => {
            const err = rowErrors?.[i];
            const type = (types?.[i]?.type ?? "field") as MappingRule["type"];
            const ids = { target: `${name}-${i}-target`, type: `${name}-${i}-type`, source: `${name}-${i}-source` };
            const messages = [err?.target?.message, err?.type?.message, err?.source?.message, err?.message, err?.root?.message].filter(
              Boolean,
            );
            return (
              <tr key={f.id} className="border-b border-line-2 align-top">
                <td className="px-3 py-2">
                  <label htmlFor={ids.target} className="sr-only">
                    {`${prefix} mapping ${i + 1} target attribute`}
                  </label>
                  <input
                    id={ids.target}
                    className="input font-mono"
                    aria-invalid={Boolean(err?.target)}
                    {...register(`${name}.${i}.target`)}
                  />
                </td>
                <td className="px-3 py-2">
                  <label htmlFor={ids.type} className="sr-only">
                    {`${prefix} mapping ${i + 1} mapping type`}
                  </label>
                  <select id={ids.type} className="input" aria-invalid={Boolean(err?.type)} {...register(`${name}.${i}.type`)}>
                    {MAPPING_TYPES.map((t) => (
                      <option key={t.value} value={t.value}>
                        {t.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="px-3 py-2">
                  <label htmlFor={ids.source} className="sr-only">
                    {`${prefix} mapping ${i + 1} source`}
                  </label>
                  <input
                    id={ids.source}
                    className="input font-mono"
                    placeholder={SOURCE_HINT[type]}
                    list={type === "field" ? listId : undefined}
                    aria-invalid={Boolean(err?.source || err?.message)}
                    {...register(`${name}.${i}.source`)}
                  />
                  {messages.length > 0 && (
                    <p role="alert" className="mt-1 text-error">
                      {messages.join(" ")}
                    </p>
                  )}
                </td>
                <td className="px-3 py-2">
                  <button
                    type="button"
                    className="link leading-8"
                    aria-label={`Remove ${prefix.toLowerCase()} mapping ${i + 1}`}
                    onClick={() => remove(i)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <datalist id={listId}>
        {sourceFields.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      <p className="mt-1 text-text-3">Source fields: {sourceFields.join(", ")}.</p>
      {tableError && (
        <p role="alert" className="mt-1 text-error">
          {tableError}
        </p>
      )}
      <button
        type="button"
        className="link mt-2"
        onClick={() => append({ target: "", type: "field", source: "" })}
      >
        {`Add ${prefix} Mapping`}
      </button>
    </div>
  );
}

/** Live preview of the SCIM user the current (unsaved) mapping makes of a directory account. */
export function MappingPreview({
  instanceId,
  appId,
  control,
}: {
  instanceId: string;
  appId: string;
  control: Control<ProvisioningConfigFormValues>;
}) {
  const rules = useWatch({ control, name: "userMapping" });
  const [debounced, setDebounced] = useState<MappingRule[]>(() => (rules ?? []) as MappingRule[]);
  useEffect(() => {
    const t = setTimeout(() => setDebounced((rules ?? []) as MappingRule[]), 400);
    return () => clearTimeout(t);
  }, [rules]);
  const preview = useMappingPreview(instanceId, appId, debounced);

  return (
    <div className="mt-2 w-full rounded-[2px] border border-line-2 bg-hover p-3" aria-label="Mapping preview" role="region">
      <div className="mb-2 font-medium">
        Preview
        {preview.data?.account && (
          <span className="ml-2 font-normal text-text-3">
            SCIM user mapped from sample account <span className="font-mono">{preview.data.account.username}</span>
          </span>
        )}
      </div>
      {preview.error && <p className="text-error">{preview.error.message}</p>}
      {preview.data && !preview.data.account && <p className="text-text-3">Add an account to the directory to preview the mapping.</p>}
      {preview.data && Object.keys(preview.data.fieldErrors).length > 0 && (
        <p className="text-error">Fix the mapping to see the preview: {Object.values(preview.data.fieldErrors).join(" ")}</p>
      )}
      {preview.data?.user && (
        <pre className="max-h-[240px] overflow-auto whitespace-pre-wrap font-mono text-[12px] leading-5 text-text">
          {JSON.stringify(preview.data.user, null, 2)}
        </pre>
      )}
    </div>
  );
}

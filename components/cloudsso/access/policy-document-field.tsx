"use client";

import { FormField } from "@/components/form-field";
import { INLINE_POLICY_MAX_CHARS } from "@/lib/cloudsso/access/schemas";

/** A starting point for a new inline policy (RAM policy grammar). */
export const INLINE_POLICY_TEMPLATE = JSON.stringify(
  { Version: "1", Statement: [{ Effect: "Allow", Action: ["ecs:Describe*"], Resource: "*" }] },
  null,
  2,
);

/**
 * The inline policy editor: a monospace textarea labelled "Policy Document", checked in the browser
 * with the server's own grammar (policyDocumentProblems) and showing the server's field message.
 */
export function PolicyDocumentField({
  value,
  onChange,
  error,
  required,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string;
  required?: boolean;
}) {
  return (
    <FormField
      label="Policy Document"
      required={required}
      error={error}
      hint={`RAM policy JSON: "Version": "1" and "Statement" with Effect, Action, Resource and optional Condition; at most ${INLINE_POLICY_MAX_CHARS} characters (${value.length} now).`}
    >
      {(p) => (
        <textarea
          {...p}
          rows={12}
          spellCheck={false}
          className="input font-mono text-[12px] leading-4"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FormField>
  );
}

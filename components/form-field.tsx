"use client";

import { useId } from "react";

/** Labelled control with an inline error; the label is the control's accessible name. */
export function FormField({
  label,
  error,
  required,
  hint,
  children,
}: {
  label: string;
  error?: string;
  required?: boolean;
  hint?: string;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const id = useId();
  const errId = `${id}-error`;
  return (
    <div className="mb-4">
      <label htmlFor={id} className="mb-1 block text-text-2">
        {required && <span className="mr-0.5 text-error" aria-hidden>*</span>}
        {label}
      </label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": error ? errId : undefined })}
      {hint && !error && <p className="mt-1 text-text-3">{hint}</p>}
      {error && (
        <p id={errId} role="alert" className="mt-1 text-error">
          {error}
        </p>
      )}
    </div>
  );
}

import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { toast } from "sonner";
import { ApiError, errorMessage } from "@/lib/api-client";

/**
 * Puts a failed request's field errors on the form's fields (the same messages the zod schema
 * gives) and returns how many it placed: those named in `fields`, or all of them without it.
 * `fieldPath` maps a server field to the form path that shows it (e.g. a table's errors above it).
 */
export function setServerFieldErrors<T extends FieldValues>(
  err: unknown,
  setError: UseFormSetError<T>,
  fields?: readonly string[],
  fieldPath: (field: string) => string = (field) => field,
): number {
  if (!(err instanceof ApiError)) return 0;
  const inline = Object.entries(err.fieldErrors).filter(([k]) => !fields || fields.includes(k));
  for (const [k, message] of inline) setError(fieldPath(k) as Path<T>, { type: "server", message });
  return inline.length;
}

/** Shows a failed request in the form: field errors inline on their fields, anything else as a toast. */
export function showServerErrors<T extends FieldValues>(err: unknown, setError: UseFormSetError<T>, fields: readonly string[]) {
  if (setServerFieldErrors(err, setError, fields) === 0) toast.error(errorMessage(err));
}

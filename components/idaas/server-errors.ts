import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { toast } from "sonner";
import { ApiError, errorMessage } from "@/lib/api-client";

/**
 * Shows a failed request in the form: server field errors go inline on their fields (the same
 * messages the zod schema gives), anything else becomes a toast.
 */
export function showServerErrors<T extends FieldValues>(err: unknown, setError: UseFormSetError<T>, fields: readonly string[]) {
  if (err instanceof ApiError) {
    const inline = Object.entries(err.fieldErrors).filter(([k]) => fields.includes(k));
    for (const [k, message] of inline) setError(k as Path<T>, { type: "server", message });
    if (inline.length === 0) toast.error(err.message);
    return;
  }
  toast.error(errorMessage(err));
}

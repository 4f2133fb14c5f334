import { toast } from "sonner";
import { errorMessage } from "@/lib/api-client";

/**
 * Runs the action behind a ConfirmDialog's OK: toasts `success`, or toasts the error and rethrows
 * it so the dialog stays open for another try.
 */
export async function runWithToast(action: () => Promise<unknown>, success: string): Promise<void> {
  try {
    await action();
    toast.success(success);
  } catch (err) {
    toast.error(errorMessage(err));
    throw err;
  }
}

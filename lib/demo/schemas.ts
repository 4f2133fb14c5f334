import { z } from "zod";
import { RESET_CONFIRMATION } from "./types";

/** POST /api/demo/reset: the typed confirmation, as the dialog requires it. */
export const resetDemoSchema = z.object({
  confirm: z.literal(RESET_CONFIRMATION, { error: `Type ${RESET_CONFIRMATION} to confirm the reset.` }),
});

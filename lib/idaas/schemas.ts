import { z } from "zod";

/**
 * Directory input schemas, shared by the console forms (react-hook-form resolver) and the route
 * handlers, so the browser and the server give the same field messages. Input is parsed once,
 * where it arrives (the route handler); domain functions take the parsed (output) types below.
 */

export const USERNAME_PATTERN = /^[A-Za-z0-9_.@-]+$/;
const PHONE_PATTERN = /^[0-9+\-() ]*$/;

const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters.` });

export const accountStatusSchema = z.enum(["Enabled", "Disabled"], {
  error: "Status must be Enabled or Disabled.",
});
export type AccountStatus = z.infer<typeof accountStatusSchema>;

export const accountInputSchema = z.object({
  username: z
    .string({ error: "Username is required." })
    .trim()
    .min(1, { error: "Username is required." })
    .max(64, { error: "Username must be at most 64 characters." })
    .regex(USERNAME_PATTERN, {
      error: "Username may contain only letters, digits, underscores (_), periods (.), at signs (@) and hyphens (-).",
    }),
  displayName: optionalText("Display Name", 256).default(""),
  givenName: optionalText("Given Name", 64).default(""),
  familyName: optionalText("Family Name", 64).default(""),
  email: optionalText("Email", 128)
    .refine((v) => v === "" || z.email().safeParse(v).success, { error: "Enter a valid email address." })
    .default(""),
  phone: optionalText("Phone", 32)
    .regex(PHONE_PATTERN, { error: "Phone may contain only digits, spaces and + - ( )." })
    .default(""),
  status: accountStatusSchema.default("Enabled"),
  externalId: optionalText("External ID", 256).default(""),
  description: optionalText("Description", 1024).default(""),
  primaryUnitId: z
    .string({ error: "Select a primary organizational unit." })
    .min(1, { error: "Select a primary organizational unit." }),
  extraUnitIds: z.array(z.string().min(1), { error: "Extra units must be a list of unit ids." }).max(50).default([]),
});
export type AccountInput = z.output<typeof accountInputSchema>;
export type AccountFormValues = z.input<typeof accountInputSchema>;

export const accountStatusInputSchema = z.object({ status: accountStatusSchema });

export const accountMoveSchema = z.object({
  primaryUnitId: z
    .string({ error: "Select the target organizational unit." })
    .min(1, { error: "Select the target organizational unit." }),
});
export type AccountMoveInput = z.output<typeof accountMoveSchema>;

const unitName = z
  .string({ error: "Name is required." })
  .trim()
  .min(1, { error: "Name is required." })
  .max(128, { error: "Name must be at most 128 characters." });

export const unitCreateSchema = z.object({
  name: unitName,
  parentId: z.string({ error: "Select the parent unit." }).min(1, { error: "Select the parent unit." }),
});
export type UnitCreateInput = z.output<typeof unitCreateSchema>;

export const unitRenameSchema = z.object({ name: unitName });
export type UnitRenameInput = z.output<typeof unitRenameSchema>;

export const unitMoveSchema = z.object({
  parentId: z.string({ error: "Select the new parent unit." }).min(1, { error: "Select the new parent unit." }),
});
export type UnitMoveInput = z.output<typeof unitMoveSchema>;

export const groupInputSchema = z.object({
  name: z
    .string({ error: "Group Name is required." })
    .trim()
    .min(1, { error: "Group Name is required." })
    .max(128, { error: "Group Name must be at most 128 characters." }),
  description: optionalText("Description", 1024).default(""),
});
export type GroupInput = z.output<typeof groupInputSchema>;
export type GroupFormValues = z.input<typeof groupInputSchema>;

export const groupMembersInputSchema = z.object({
  accountIds: z
    .array(z.string().min(1), { error: "Select at least one account." })
    .min(1, { error: "Select at least one account." })
    .max(100, { error: "Add at most 100 accounts at a time." }),
});
export type GroupMembersInput = z.output<typeof groupMembersInputSchema>;

/**
 * For query strings (parseQuery at the route): a parameter sent empty — the console's filters send
 * `?status=` for "any" — counts as not sent.
 */
export function ignoringBlankParams<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (raw) => (raw && typeof raw === "object" ? Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== "")) : raw),
    schema,
  );
}

/** The Accounts list's filters (paging comes from pagingQuerySchema). */
export const accountListFiltersSchema = z.object({
  unitId: z.string().optional(),
  /** On unless `false`: a unit's list includes its sub-units' accounts, as the console opens it. */
  includeSubUnits: z
    .string()
    .optional()
    .transform((v) => v !== "false"),
  /** Any other value lists every status, like the console's "All". */
  status: accountStatusSchema.optional().catch(undefined),
});

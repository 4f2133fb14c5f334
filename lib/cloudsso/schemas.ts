import { z } from "zod";

/**
 * CloudSSO validation limits (SPEC §2.2), shared by the console forms and route handlers. Routes
 * parse with these (parseBody); domain functions take the parsed `…Data` types and do not parse again.
 */
const text = (max: number, label: string) => z.string().trim().max(max, `${label} must be at most ${max} characters.`);
/** A field a create may leave out (stored as ""). Updates use the bare checks: absent means "keep". */
const optionalText = (max: number, label: string) => text(max, label).default("");

export const userNameSchema = z
  .string()
  .trim()
  .min(1, "Username is required.")
  .max(64, "Username must be at most 64 characters.")
  .regex(/^[A-Za-z0-9@_.-]+$/, "Username may contain only letters, digits and @ _ . -");

const userFieldChecks = {
  firstName: text(64, "First name"),
  lastName: text(64, "Last name"),
  displayName: text(256, "Display name"),
  email: z
    .string()
    .trim()
    .max(128, "Email must be at most 128 characters.")
    .refine((v) => v === "" || z.email().safeParse(v).success, "Enter a valid email address."),
  description: text(1024, "Description"),
};
const userFields = {
  firstName: userFieldChecks.firstName.default(""),
  lastName: userFieldChecks.lastName.default(""),
  displayName: userFieldChecks.displayName.default(""),
  email: userFieldChecks.email.default(""),
  description: userFieldChecks.description.default(""),
};

export const createUserSchema = z.object({
  userName: userNameSchema,
  ...userFields,
  status: z.enum(["Enabled", "Disabled"]).default("Enabled"),
});
export type CreateUserData = z.output<typeof createUserSchema>;

// No defaults here: zod fills a default in even under .partial(), which blanked every field an
// update left out.
export const updateUserSchema = z.object(userFieldChecks).partial();
export type UpdateUserData = z.output<typeof updateUserSchema>;

export const userStatusSchema = z.object({ status: z.enum(["Enabled", "Disabled"]) });

export const groupNameSchema = z
  .string()
  .trim()
  .min(1, "Group name is required.")
  .max(128, "Group name must be at most 128 characters.")
  .regex(/^[\p{L}\p{N}_.-]+$/u, "Group name may contain only letters, digits and _ - .");

export const createGroupSchema = z.object({
  name: groupNameSchema,
  description: optionalText(1024, "Description"),
});
export type CreateGroupData = z.output<typeof createGroupSchema>;

export const updateGroupSchema = z.object({
  name: groupNameSchema.optional(),
  description: text(1024, "Description").optional(),
});
export type UpdateGroupData = z.output<typeof updateGroupSchema>;

export const addMembersSchema = z.object({
  userIds: z.array(z.string().min(1)).min(1, "Select at least one user.").max(100, "Add at most 100 users at a time."),
});

export const scimSwitchSchema = z.object({ enabled: z.boolean() });
export const credentialStatusSchema = z.object({ status: z.enum(["Enabled", "Disabled"]) });

/** The SCIM request log's `status` query filter: success, error, an HTTP status code, or none. */
export const scimRequestStatusSchema = z
  .string()
  .regex(/^(success|error|[1-5]\d\d)?$/, "Use success, error or an HTTP status code.")
  .optional()
  .transform((v) => (v === "success" || v === "error" ? v : v ? Number(v) : undefined));

/** The SCIM request log's other filters: HTTP method, part of the path, credential ID (empty = any). */
export const scimRequestFilterSchema = z.object({
  status: scimRequestStatusSchema,
  method: z
    .string()
    .regex(/^(GET|POST|PUT|PATCH|DELETE)?$/i, "Use GET, POST, PUT, PATCH or DELETE.")
    .optional()
    .transform((v) => (v ? v.toUpperCase() : undefined)),
  path: z
    .string()
    .max(256, "Path must be at most 256 characters.")
    .optional()
    .transform((v) => v?.trim() || undefined),
  credentialId: z
    .string()
    .max(64, "Credential ID must be at most 64 characters.")
    .optional()
    .transform((v) => v?.trim() || undefined),
});

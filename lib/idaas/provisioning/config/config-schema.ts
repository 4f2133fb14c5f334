import { z } from "zod";
import { ALL_OPERATION_KEYS, type OperationKey } from "./operations";

/**
 * Provisioning form schemas, shared by the Provisioning tab (react-hook-form) and the route
 * handlers so both give the same field messages. Rules that need the mapping engine (expression
 * syntax, known source fields) are checked on the server by validateMapping.
 */

/** SCIM attributes a remote user can be looked up by before creating it (RFC 7643 unique-ish). */
export const MATCH_ATTRIBUTES = ["userName", "externalId"] as const;

export const MAPPING_TYPES = [
  { value: "field", label: "Field" },
  { value: "expression", label: "Expression" },
  { value: "constant", label: "Constant" },
] as const;

const mappingRuleSchema = z.object({
  target: z
    .string({ error: "Target attribute is required." })
    .trim()
    .min(1, { error: "Target attribute is required." })
    .max(200, { error: "Target attribute must be at most 200 characters." }),
  type: z.enum(["field", "expression", "constant"], { error: "Mapping type must be Field, Expression or Constant." }),
  source: z
    .string({ error: "Source must be text." })
    .trim()
    .max(500, { error: "Source must be at most 500 characters." }),
});

export const SCIM_URL_MAX = 2048;

export const scimServerUrlSchema = z
  .string({ error: "SCIM Server URL is required." })
  .trim()
  .min(1, { error: "SCIM Server URL is required." })
  .max(SCIM_URL_MAX, { error: `SCIM Server URL must be at most ${SCIM_URL_MAX} characters.` })
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "SCIM Server URL must be a valid URL, e.g. https://example.com/scim/v2." });
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: "SCIM Server URL must start with http:// or https://." });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "SCIM Server URL must not contain a user name or password; use Bearer Token Key Mode." });
    } else if (url.search || url.hash) {
      ctx.addIssue({ code: "custom", message: "SCIM Server URL must be the SCIM base URL, without a query string or fragment." });
    }
  });

/** Empty means "the saved token" (kept on Save, used by Test Connectivity). */
const bearerTokenSchema = z
  .string({ error: "Bearer Token Key Mode must be text." })
  .trim()
  .max(4096, { error: "Bearer Token Key Mode must be at most 4096 characters." })
  .regex(/^[\x21-\x7e]*$/, { error: "Bearer Token Key Mode must not contain spaces, line breaks or non-ASCII characters." })
  .default("");

export const provisioningConfigInputSchema = z.object({
  scimServerUrl: scimServerUrlSchema,
  bearerToken: bearerTokenSchema,
  operations: z
    .array(
      z.enum(ALL_OPERATION_KEYS as [OperationKey, ...OperationKey[]], { error: "Unknown Operation." }),
      { error: "Operation must be a list." },
    )
    .max(ALL_OPERATION_KEYS.length)
    .transform((ops) => ALL_OPERATION_KEYS.filter((k) => ops.includes(k))),
  fullScope: z.object(
    {
      accounts: z.boolean({ error: "Full Scope Accounts must be true or false." }),
      groups: z.boolean({ error: "Full Scope Groups must be true or false." }),
    },
    { error: "Full Scope is required." },
  ),
  userMapping: z
    .array(mappingRuleSchema, { error: "Field Mapping must be a list of rules." })
    .min(1, { error: "Field Mapping needs at least the userName rule." })
    .max(50, { error: "Field Mapping can have at most 50 rules." }),
  groupMapping: z
    .array(mappingRuleSchema, { error: "Group mapping must be a list of rules." })
    .min(1, { error: "Group mapping needs at least the displayName rule." })
    .max(20, { error: "Group mapping can have at most 20 rules." }),
  matchAttribute: z.enum(MATCH_ATTRIBUTES, { error: "Matching Attribute must be userName or externalId." }),
});
export type ProvisioningConfigInput = z.output<typeof provisioningConfigInputSchema>;
export type ProvisioningConfigFormValues = z.input<typeof provisioningConfigInputSchema>;

export const provisioningScopeInputSchema = z.object({
  unitIds: z
    .array(z.string({ error: "Organization ids must be text." }).min(1), { error: "Organization must be a list." })
    .max(1000, { error: "Select at most 1000 organizations." }),
  groupIds: z
    .array(z.string({ error: "Group ids must be text." }).min(1), { error: "Group must be a list." })
    .max(1000, { error: "Select at most 1000 groups." }),
});
export type ProvisioningScopeInput = z.infer<typeof provisioningScopeInputSchema>;

/**
 * Test Connectivity tests what the form shows, unsaved. The URL is checked by the domain function
 * (with scimServerUrlSchema) so its message can name the URL; API callers may omit it to test the
 * saved one.
 */
export const connectivityTestInputSchema = z.object({
  scimServerUrl: z.string({ error: "SCIM Server URL must be text." }).optional(),
  bearerToken: bearerTokenSchema,
});
export type ConnectivityTestInput = z.input<typeof connectivityTestInputSchema>;

export const provisioningEnabledInputSchema = z.object({
  enabled: z.boolean({ error: "enabled must be true or false." }),
});

export const mappingPreviewInputSchema = z.object({
  userMapping: z.array(mappingRuleSchema, { error: "Field Mapping must be a list of rules." }).max(50),
  accountId: z.string().min(1).optional(),
});

export const FULL_SCOPE_REQUIRED_MESSAGE =
  "At least one item must be configured under Full Scope before Push Now can be used.";

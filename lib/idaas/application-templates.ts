import { z } from "zod";

/**
 * Marketplace templates. Pure data (no database) so the Marketplace page and the server agree on
 * ids and names.
 */
export const APPLICATION_TEMPLATES = [
  {
    id: "cloudsso",
    name: "Alibaba Cloud - CloudSSO",
    vendor: "Alibaba Cloud",
    description:
      "Synchronize IDaaS accounts and groups to Alibaba Cloud CloudSSO over SCIM 2.0, then sign in to the Alibaba Cloud console with single sign-on.",
  },
  {
    id: "scim2",
    name: "SCIM 2.0",
    vendor: "Generic",
    description: "Provision accounts and groups to any application that exposes a standard SCIM 2.0 (RFC 7644) server.",
  },
] as const;

export type TemplateId = (typeof APPLICATION_TEMPLATES)[number]["id"];

export function templateName(id: string): string {
  return APPLICATION_TEMPLATES.find((t) => t.id === id)?.name ?? id;
}

export const APPLICATION_NAME_MAX = 64;

export const applicationNameSchema = z
  .string({ error: "Application Name is required." })
  .trim()
  .min(1, { error: "Application Name is required." })
  .max(APPLICATION_NAME_MAX, { error: `Application Name must be at most ${APPLICATION_NAME_MAX} characters.` });

export const createApplicationSchema = z.object({
  templateId: z.enum(
    APPLICATION_TEMPLATES.map((t) => t.id) as [TemplateId, ...TemplateId[]],
    { error: "Choose an application from the Marketplace." },
  ),
  name: applicationNameSchema,
});
export type CreateApplicationInput = z.input<typeof createApplicationSchema>;

export const renameApplicationSchema = z.object({ name: applicationNameSchema });

export const applicationStatusSchema = z.object({
  status: z.enum(["Enabled", "Disabled"], { error: "Status must be Enabled or Disabled." }),
});

import { consoleApi, parseBody, parseQuery } from "@/lib/api-handler";
import { deleteAccessConfiguration, getAccessConfiguration, updateAccessConfiguration } from "@/lib/cloudsso/access/access-configurations";
import { deleteAccessConfigurationQuerySchema, updateAccessConfigurationSchema } from "@/lib/cloudsso/access/schemas";

type P = { id: string };

export const GET = consoleApi<P>(async (_req, { params }) => getAccessConfiguration(params.id));

export const PATCH = consoleApi<P>(async (req, { params }) => updateAccessConfiguration(params.id, await parseBody(req, updateAccessConfigurationSchema)));

export const DELETE = consoleApi<P>(async (req, { params }) => {
  const { forceRemovePermissionPolicies } = parseQuery(req, deleteAccessConfigurationQuerySchema);
  await deleteAccessConfiguration(params.id, forceRemovePermissionPolicies);
  return { ok: true };
});

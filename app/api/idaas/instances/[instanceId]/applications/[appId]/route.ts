import { consoleApi, parseBody } from "@/lib/api-handler";
import { renameApplicationSchema } from "@/lib/idaas/application-templates";
import { deleteApplication, getApplication, renameApplication } from "@/lib/idaas/applications";

type P = { instanceId: string; appId: string };

export const dynamic = "force-dynamic";

export const GET = consoleApi<P>(async (_req, { params }) => getApplication(params.instanceId, params.appId));

export const PATCH = consoleApi<P>(async (req, { params }) =>
  renameApplication(params.instanceId, params.appId, await parseBody(req, renameApplicationSchema)),
);

export const DELETE = consoleApi<P>(async (_req, { params }) => {
  await deleteApplication(params.instanceId, params.appId);
  return { ok: true };
});

import { consoleApi, parseBody } from "@/lib/api-handler";
import { applicationStatusSchema } from "@/lib/idaas/application-templates";
import { setApplicationStatus } from "@/lib/idaas/applications";

type P = { instanceId: string; appId: string };

export const PUT = consoleApi<P>(async (req, { params }) =>
  setApplicationStatus(params.instanceId, params.appId, await parseBody(req, applicationStatusSchema)),
);

import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { ProvisioningTarget } from "./config-types";
import { parseMapping, parseOperations, parseStringList } from "./config-store";
import { decryptToken } from "./token-crypto";

/**
 * Everything the provisioning engine needs for one application, token decrypted. Server-side
 * only: the result must never be serialised to a browser or a log.
 */
export async function loadProvisioningTarget(appId: string): Promise<ProvisioningTarget> {
  const app = await db.idaasApplication.findUnique({ where: { id: appId }, include: { provisioning: true } });
  if (!app) throw new NotFoundError(`Application ${appId} does not exist.`);
  const c = app.provisioning;
  return {
    applicationId: app.id,
    applicationName: app.name,
    applicationEnabled: app.status === "Enabled",
    provisioningEnabled: c?.enabled ?? false,
    scimServerUrl: c?.scimServerUrl ?? "",
    bearerToken: c?.tokenEncrypted ? decryptToken(c.tokenEncrypted) : "",
    operations: c ? parseOperations(c.operationsJson) : [],
    fullScope: { accounts: c?.fullScopeAccounts ?? false, groups: c?.fullScopeGroups ?? false },
    userMapping: c ? parseMapping(c.fieldMappingJson) : [],
    groupMapping: c ? parseMapping(c.groupMappingJson) : [],
    matchAttribute: c?.matchAttribute || "userName",
    scope: {
      unitIds: c ? parseStringList(c.scopeUnitIdsJson) : [],
      groupIds: c ? parseStringList(c.scopeGroupIdsJson) : [],
    },
  };
}

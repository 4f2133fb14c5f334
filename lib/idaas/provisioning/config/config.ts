import "server-only";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { ProvisioningSettings, ProvisioningTarget } from "./config-types";
import { parseMapping, parseOperations, parseStringList } from "./config-store";
import type { z } from "zod";
import type {
  mappingPreviewInputSchema,
  provisioningEnabledInputSchema,
  ProvisioningConfigInput,
  ProvisioningScopeInput,
} from "./config-schema";
import { pushNowBlocker, storedReadiness } from "./push-readiness";
import { decryptToken, encryptToken, maskToken } from "./token-crypto";
import { outboxTransaction, refreshDeferral } from "../engine/outbox";
import { enqueueScopeChange, planScopeChange } from "./scope-change";
import { mapUser, MappingError } from "@/lib/idaas/mapping/index";
import { issuesToFieldErrors, mappingFieldErrors } from "./mapping-check";
import { isScimClientError } from "@/lib/scim/client-errors";
import { parseOutboundUrl } from "@/lib/scim/outbound-safety";

async function loadApp(appId: string) {
  const app = await db.idaasApplication.findUnique({ where: { id: appId }, include: { provisioning: true } });
  if (!app) throw new NotFoundError(`Application ${appId} does not exist.`);
  // Every application gets its config at creation; this only repairs rows made by hand.
  const config =
    app.provisioning ?? (await db.provisioningConfig.create({ data: { applicationId: app.id } }));
  return { app, config };
}

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

/** What the Provisioning tab shows. Never the token: only whether one is saved and its mask. */
export interface ProvisioningView extends ProvisioningSettings {
  applicationId: string;
  applicationEnabled: boolean;
  enabled: boolean;
  scimServerUrl: string;
  hasToken: boolean;
  tokenMask: string;
  /** Why Push Now cannot run, or null when it can (the rule in push-readiness.ts). */
  pushNowBlockedReason: string | null;
  updatedAt: string;
}

export async function getProvisioningView(appId: string): Promise<ProvisioningView> {
  const { app, config: c } = await loadApp(appId);
  const hasToken = c.tokenEncrypted !== "";
  return {
    applicationId: app.id,
    applicationEnabled: app.status === "Enabled",
    enabled: c.enabled,
    scimServerUrl: c.scimServerUrl,
    hasToken,
    tokenMask: hasToken ? c.tokenHint : "",
    operations: parseOperations(c.operationsJson),
    fullScope: { accounts: c.fullScopeAccounts, groups: c.fullScopeGroups },
    userMapping: parseMapping(c.fieldMappingJson),
    groupMapping: parseMapping(c.groupMappingJson),
    matchAttribute: c.matchAttribute || "userName",
    scope: { unitIds: parseStringList(c.scopeUnitIdsJson), groupIds: parseStringList(c.scopeGroupIdsJson) },
    pushNowBlockedReason: pushNowBlocker(storedReadiness(app, c)),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/**
 * Saves Basic Configurations, Operation, Full Scope and Field Mapping together (the page's
 * single Save). Every check runs before the write, so a rejected save changes nothing.
 */
export async function saveProvisioningConfig(appId: string, input: ProvisioningConfigInput): Promise<ProvisioningView> {
  const { config: current } = await loadApp(appId);

  const fieldErrors: Record<string, string> = {
    ...outboundUrlErrors(input.scimServerUrl),
    ...mappingFieldErrors("userMapping", input.userMapping, "user"),
    ...mappingFieldErrors("groupMapping", input.groupMapping, "group"),
  };
  if (!input.userMapping.some((r) => r.target === input.matchAttribute)) {
    fieldErrors.matchAttribute = `The Matching Attribute ${input.matchAttribute} must be mapped in Field Mapping.`;
  }
  if (!input.bearerToken && !current.tokenEncrypted) {
    fieldErrors.bearerToken = "Bearer Token Key Mode is required.";
  }
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError("Some fields are invalid.", fieldErrors);

  await db.provisioningConfig.update({
    where: { applicationId: appId },
    data: {
      scimServerUrl: input.scimServerUrl,
      ...(input.bearerToken
        ? { tokenEncrypted: encryptToken(input.bearerToken), tokenHint: maskToken(input.bearerToken) }
        : {}),
      operationsJson: JSON.stringify(input.operations),
      fullScopeAccounts: input.fullScope.accounts,
      fullScopeGroups: input.fullScope.groups,
      fieldMappingJson: JSON.stringify(input.userMapping),
      groupMappingJson: JSON.stringify(input.groupMapping),
      matchAttribute: input.matchAttribute,
      updatedAt: new Date(),
    },
  });
  // A connection saved for the first time releases what was kept while it was missing.
  await refreshDeferral(appId);
  return getProvisioningView(appId);
}

/** The static SSRF checks every outbound call makes later, applied at save time too. */
function outboundUrlErrors(url: string): Record<string, string> {
  try {
    parseOutboundUrl(url);
    return {};
  } catch (err) {
    if (isScimClientError(err)) return { scimServerUrl: err.message };
    throw err;
  }
}

/**
 * Configure Provisioning Scope. Ids must belong to the application's instance. A unit includes
 * its descendants, so a unit below another selected unit is redundant and is dropped.
 */
export async function saveProvisioningScope(appId: string, input: ProvisioningScopeInput): Promise<ProvisioningView> {
  const { app, config: current } = await loadApp(appId);
  const unitIds = [...new Set(input.unitIds)];
  const groupIds = [...new Set(input.groupIds)];

  const units = await db.idaasOrgUnit.findMany({ where: { instanceId: app.instanceId }, select: { id: true, parentId: true } });
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  const groups = await db.idaasGroup.findMany({ where: { instanceId: app.instanceId, id: { in: groupIds } }, select: { id: true } });
  const knownGroups = new Set(groups.map((g) => g.id));

  const fieldErrors: Record<string, string> = {};
  const missingUnit = unitIds.find((id) => !parentOf.has(id));
  if (missingUnit) fieldErrors.unitIds = `Organization ${missingUnit} does not exist in this instance.`;
  const missingGroup = groupIds.find((id) => !knownGroups.has(id));
  if (missingGroup) fieldErrors.groupIds = `Group ${missingGroup} does not exist in this instance.`;
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError("The provisioning scope was not saved.", fieldErrors);

  const selected = new Set(unitIds);
  const coveredByAncestor = (id: string) => {
    for (let p = parentOf.get(id) ?? null; p; p = parentOf.get(p) ?? null) if (selected.has(p)) return true;
    return false;
  };
  const next = { unitIds: unitIds.filter((id) => !coveredByAncestor(id)), groupIds };
  const plan = await planScopeChange(
    app.instanceId,
    { unitIds: parseStringList(current.scopeUnitIdsJson), groupIds: parseStringList(current.scopeGroupIdsJson) },
    next,
  );
  await outboxTransaction(async (tx) => {
    await tx.provisioningConfig.update({
      where: { applicationId: appId },
      data: { scopeUnitIdsJson: JSON.stringify(next.unitIds), scopeGroupIdsJson: JSON.stringify(next.groupIds), updatedAt: new Date() },
    });
    await enqueueScopeChange(tx, appId, plan);
  });
  return getProvisioningView(appId);
}

/** The "Provision IDaaS Accounts to Application" switch. */
export async function setProvisioningEnabled(appId: string, { enabled }: z.output<typeof provisioningEnabledInputSchema>): Promise<ProvisioningView> {
  await loadApp(appId);
  await db.provisioningConfig.update({ where: { applicationId: appId }, data: { enabled, updatedAt: new Date() } });
  await refreshDeferral(appId);
  return getProvisioningView(appId);
}

/** Organization tree and groups offered by the scope dialog. */
export async function listScopeOptions(appId: string) {
  const { app } = await loadApp(appId);
  const [units, groups] = await Promise.all([
    db.idaasOrgUnit.findMany({
      where: { instanceId: app.instanceId },
      select: { id: true, parentId: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
    db.idaasGroup.findMany({
      where: { instanceId: app.instanceId },
      select: { id: true, name: true },
      orderBy: [{ nameLower: "asc" }, { id: "asc" }],
    }),
  ]);
  return { units, groups };
}

export interface MappingPreview {
  account: { id: string; username: string } | null;
  user: Record<string, unknown> | null;
  fieldErrors: Record<string, string>;
}

/**
 * The SCIM user the given (unsaved) rules make of a directory account: the requested one, else
 * the first account in the instance. Invalid rules give their per-row messages instead.
 */
export async function previewUserMapping(appId: string, input: z.output<typeof mappingPreviewInputSchema>): Promise<MappingPreview> {
  const { app } = await loadApp(appId);
  const include = { primaryUnit: { select: { name: true } } } as const;
  const account = input.accountId
    ? await db.idaasAccount.findFirst({ where: { id: input.accountId, instanceId: app.instanceId }, include })
    : await db.idaasAccount.findFirst({
        where: { instanceId: app.instanceId },
        include,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
  if (input.accountId && !account) throw new NotFoundError(`Account ${input.accountId} does not exist.`);
  const fieldErrors = mappingFieldErrors("userMapping", input.userMapping, "user");
  const summary = account ? { id: account.id, username: account.username } : null;
  if (Object.keys(fieldErrors).length > 0 || !account) return { account: summary, user: null, fieldErrors };
  try {
    const user = mapUser(input.userMapping, { ...account, primaryUnitName: account.primaryUnit.name });
    return { account: summary, user, fieldErrors };
  } catch (err) {
    // Valid rules can still fail on this account's values (e.g. "maybe" for active).
    if (err instanceof MappingError) return { account: summary, user: null, fieldErrors: issuesToFieldErrors("userMapping", err.issues) };
    throw err;
  }
}

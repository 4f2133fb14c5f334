import "server-only";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { templateName } from "@/lib/idaas/application-templates";
import { getApplication } from "@/lib/idaas/applications";
import { unitsBelow } from "@/lib/idaas/units-below";
import type { AuthorizeMode, SsoSettings, UsernameSource } from "./schemas";
import { certificateInfo, type CertificateInfo } from "./signing-key";
import { idpEntityId, idpMetadataUrl, idpSsoUrl, portalPath } from "./urls";

/** Only the Alibaba Cloud - CloudSSO template signs in with SAML here. */
export const SSO_TEMPLATE_ID = "cloudsso";

export interface SsoView {
  appId: string;
  authorizeMode: AuthorizeMode;
  units: { id: string; name: string }[];
  accounts: { id: string; username: string; displayName: string }[];
  acsUrl: string;
  spEntityId: string;
  usernameSource: UsernameSource;
  /** Both CloudSSO values are filled in: the portal shows the tile. */
  configured: boolean;
  idp: { entityId: string; ssoUrl: string; metadataUrl: string; certificate: CertificateInfo };
  portalUrl: string;
}

export interface SsoConfigRow {
  applicationId: string;
  authorizeMode: string;
  acsUrl: string;
  spEntityId: string;
  usernameSource: string;
}

const DEFAULTS = { authorizeMode: "All", acsUrl: "", spEntityId: "", usernameSource: "username" } as const;

async function ssoApplication(instanceId: string, appId: string) {
  const app = await getApplication(instanceId, appId);
  if (app.templateId !== SSO_TEMPLATE_ID) throw new NotFoundError(`Application ${appId} has no SSO settings: SSO is available for Alibaba Cloud - CloudSSO applications.`);
  return app;
}

export async function getSsoView(instanceId: string, appId: string, origin: string): Promise<SsoView> {
  await ssoApplication(instanceId, appId);
  const config = await db.idaasSsoConfig.findUnique({ where: { applicationId: appId }, include: { grants: true } });
  const grants = config?.grants ?? [];
  const unitIds = grants.filter((g) => g.principalType === "unit").map((g) => g.principalId);
  const accountIds = grants.filter((g) => g.principalType === "account").map((g) => g.principalId);
  const [units, accounts, certificate] = await Promise.all([
    db.idaasOrgUnit.findMany({ where: { instanceId, id: { in: unitIds } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.idaasAccount.findMany({
      where: { instanceId, id: { in: accountIds } },
      select: { id: true, username: true, displayName: true },
      orderBy: { usernameLower: "asc" },
    }),
    certificateInfo(),
  ]);
  const c = config ?? DEFAULTS;
  return {
    appId,
    authorizeMode: c.authorizeMode === "Manual" ? "Manual" : "All",
    units,
    accounts,
    acsUrl: c.acsUrl,
    spEntityId: c.spEntityId,
    usernameSource: c.usernameSource === "email" ? "email" : "username",
    configured: Boolean(c.acsUrl && c.spEntityId),
    idp: { entityId: idpEntityId(origin, appId), ssoUrl: idpSsoUrl(origin, appId), metadataUrl: idpMetadataUrl(origin, appId), certificate },
    portalUrl: `${origin}${portalPath(instanceId)}`,
  };
}

/** Save on the SSO tab: the settings and the Manually list replace the saved ones in one transaction. */
export async function saveSsoSettings(instanceId: string, appId: string, input: SsoSettings, origin: string): Promise<SsoView> {
  await ssoApplication(instanceId, appId);
  const unitIds = [...new Set(input.unitIds)];
  const accountIds = [...new Set(input.accountIds)];
  const [units, accounts] = await Promise.all([
    db.idaasOrgUnit.count({ where: { instanceId, id: { in: unitIds } } }),
    db.idaasAccount.count({ where: { instanceId, id: { in: accountIds } } }),
  ]);
  const fieldErrors: Record<string, string> = {};
  if (units !== unitIds.length) fieldErrors.unitIds = "One of the selected organizations no longer exists.";
  if (accounts !== accountIds.length) fieldErrors.accountIds = "One of the selected accounts no longer exists.";
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError("Some fields are invalid.", fieldErrors);
  const settings = {
    authorizeMode: input.authorizeMode,
    acsUrl: input.acsUrl,
    spEntityId: input.spEntityId,
    usernameSource: input.usernameSource,
    updatedAt: new Date(),
  };
  await db.$transaction(async (tx) => {
    await tx.idaasSsoConfig.upsert({ where: { applicationId: appId }, update: settings, create: { applicationId: appId, ...settings } });
    await tx.idaasSsoGrant.deleteMany({ where: { applicationId: appId } });
    await tx.idaasSsoGrant.createMany({
      data: [
        ...unitIds.map((principalId) => ({ applicationId: appId, principalType: "unit", principalId })),
        ...accountIds.map((principalId) => ({ applicationId: appId, principalType: "account", principalId })),
      ],
    });
  });
  return getSsoView(instanceId, appId, origin);
}

/**
 * Whether an account may sign in to the application: All Users, or Manually with the account
 * itself or one of its organizations (primary or extra, or one above them) granted.
 */
export async function isAuthorized(
  instanceId: string,
  config: Pick<SsoConfigRow, "applicationId" | "authorizeMode">,
  account: { id: string; primaryUnitId: string; extraUnitIds: string[] },
): Promise<boolean> {
  if (config.authorizeMode !== "Manual") return true;
  const grants = await db.idaasSsoGrant.findMany({ where: { applicationId: config.applicationId } });
  if (grants.some((g) => g.principalType === "account" && g.principalId === account.id)) return true;
  const grantedUnits = grants.filter((g) => g.principalType === "unit").map((g) => g.principalId);
  if (grantedUnits.length === 0) return false;
  const units = await db.idaasOrgUnit.findMany({ where: { instanceId }, select: { id: true, parentId: true } });
  const covered = unitsBelow(units, grantedUnits);
  return [account.primaryUnitId, ...account.extraUnitIds].some((id) => covered.has(id));
}

export interface PortalTile {
  appId: string;
  name: string;
  templateName: string;
}

/**
 * The portal's tiles: enabled CloudSSO applications whose SSO settings are complete and that the
 * account is authorized for (an application with SSO not configured is hidden, as in IDaaS).
 */
export async function portalTiles(instanceId: string, account: { id: string; primaryUnitId: string; extraUnitIds: string[] }): Promise<PortalTile[]> {
  const apps = await db.idaasApplication.findMany({
    where: { instanceId, templateId: SSO_TEMPLATE_ID, status: "Enabled", sso: { acsUrl: { not: "" }, spEntityId: { not: "" } } },
    include: { sso: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const tiles: PortalTile[] = [];
  for (const app of apps) {
    if (app.sso && (await isAuthorized(instanceId, app.sso, account))) {
      tiles.push({ appId: app.id, name: app.name, templateName: templateName(app.templateId) });
    }
  }
  return tiles;
}

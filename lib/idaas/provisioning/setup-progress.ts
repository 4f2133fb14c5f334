import { db } from "@/lib/db";
import type { ChecklistStep } from "@/components/setup-checklist";
import { DEFAULT_INSTANCE_ID } from "@/lib/idaas/instance";
import { parseStringList } from "./config-store";

const connectivityKey = (appId: string) => `provisioning.connectivity-ok.${appId}`;

/** Test Connectivity succeeded: remembered per application for the setup checklist. */
export async function recordConnectivitySuccess(appId: string, at = new Date()): Promise<void> {
  const value = at.toISOString();
  await db.appSetting.upsert({ where: { key: connectivityKey(appId) }, update: { value }, create: { key: connectivityKey(appId), value } });
}

export async function lastConnectivitySuccess(appId: string): Promise<string | null> {
  return (await db.appSetting.findUnique({ where: { key: connectivityKey(appId) } }))?.value ?? null;
}

export async function forgetConnectivity(): Promise<void> {
  await db.appSetting.deleteMany({ where: { key: { startsWith: "provisioning.connectivity-ok." } } });
}

/**
 * The IDaaS half of the seed procedure (Steps 2–3), from IDaaS data only: the CloudSSO side
 * (Step 1) is shown on the CloudSSO overview from CloudSSO's own data.
 */
export async function idaasSetupSteps(instanceId = DEFAULT_INSTANCE_ID): Promise<ChecklistStep[]> {
  const base = `/idaas/instances/${encodeURIComponent(instanceId)}`;
  const apps = await db.idaasApplication.findMany({
    where: { instanceId, templateId: "cloudsso" },
    include: { provisioning: true },
    orderBy: { createdAt: "asc" },
  });
  // The application furthest along is the one the checklist follows.
  const scored = await Promise.all(
    apps.map(async (app) => {
      const c = app.provisioning;
      const connectivity = await lastConnectivitySuccess(app.id);
      const pushed = await db.provisioningTask.count({ where: { applicationId: app.id, status: "Successful" } });
      const flags = {
        scope: !!c && (parseStringList(c.scopeUnitIdsJson).length > 0 || parseStringList(c.scopeGroupIdsJson).length > 0),
        enabled: !!c?.enabled,
        connection: !!c?.scimServerUrl && !!c?.tokenEncrypted,
        fullScope: !!c && (c.fullScopeAccounts || c.fullScopeGroups),
        connectivity: !!connectivity,
        pushed: pushed > 0,
      };
      return { app, flags, score: Object.values(flags).filter(Boolean).length, connectivity };
    }),
  );
  const best = scored.sort((a, b) => b.score - a.score)[0];
  const appHref = best ? `${base}/applications/${encodeURIComponent(best.app.id)}` : `${base}/applications`;
  const f = best?.flags;
  return [
    { label: "Add the Alibaba Cloud - CloudSSO application", done: !!best, href: best ? appHref : `${base}/applications/marketplace` },
    { label: "Configure Provisioning Scope (Organization and Group)", done: !!f?.scope, href: appHref },
    { label: "Turn on Provision IDaaS Accounts to Application", done: !!f?.enabled, href: appHref },
    { label: "Save the SCIM Server URL and Bearer Token Key Mode", done: !!f?.connection, href: appHref },
    { label: "Set at least one Full Scope item", done: !!f?.fullScope, href: appHref },
    {
      label: "Test Connectivity succeeded",
      done: !!f?.connectivity,
      href: appHref,
      hint: best?.connectivity ? `Last success: ${best.connectivity.replace("T", " ").slice(0, 19)} UTC` : undefined,
    },
    { label: "Push Now completed successfully", done: !!f?.pushed, href: `${base}/logs/provisioning` },
  ];
}

import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import type { ChecklistItem } from "@/components/setup-checklist";
import { DEFAULT_INSTANCE_ID } from "@/lib/idaas/instance";
import { parseStringList } from "./config-store";
import type { TaskStatus } from "../vocabulary";

const SUCCESSFUL: TaskStatus = "Successful";
const CONNECTIVITY_PREFIX = "provisioning.connectivity.";
const connectivityKey = (appId: string) => `${CONNECTIVITY_PREFIX}${appId}`;

/** The latest Test Connectivity of an application, kept for the setup checklist. */
export interface ConnectivityRecord {
  ok: boolean;
  /** ISO time the test ran. */
  at: string;
  /** The SCIM Server URL tested. */
  url: string;
  /**
   * connectionFingerprint of the saved URL and token when the test used exactly them; null when
   * it tested typed, unsaved values. A later Save changes the fingerprint, so an old success
   * never vouches for a new configuration.
   */
  savedConnection: string | null;
  /** Why it failed (or the success detail), in the words Test Connectivity showed. */
  message: string;
}

/**
 * Identifies a saved URL + token without storing anything derived from the plain token: the
 * ciphertext gets a fresh IV on every Save of a token, so it changes whenever the token is saved.
 */
export function connectionFingerprint(scimServerUrl: string, tokenEncrypted: string): string {
  return createHash("sha256").update(`${scimServerUrl}\n${tokenEncrypted}`).digest("hex").slice(0, 32);
}

export async function recordConnectivityResult(appId: string, record: ConnectivityRecord): Promise<void> {
  const value = JSON.stringify(record);
  await db.appSetting.upsert({ where: { key: connectivityKey(appId) }, update: { value }, create: { key: connectivityKey(appId), value } });
}

export async function latestConnectivityResult(appId: string): Promise<ConnectivityRecord | null> {
  const row = await db.appSetting.findUnique({ where: { key: connectivityKey(appId) } });
  if (!row) return null;
  try {
    return JSON.parse(row.value) as ConnectivityRecord;
  } catch {
    return null;
  }
}

/** Also removes the success-only records older versions kept under "provisioning.connectivity-ok.". */
export async function forgetConnectivity(): Promise<void> {
  await db.appSetting.deleteMany({ where: { key: { startsWith: "provisioning.connectivity" } } });
}

const utc = (iso: string) => `${iso.replace("T", " ").slice(0, 19)} UTC`;

/** Done only when the latest test used the configuration saved now and succeeded; the hint says why not. */
function connectivityStatus(
  record: ConnectivityRecord | null,
  saved: { scimServerUrl: string; tokenEncrypted: string } | null,
): { done: boolean; hint?: string } {
  if (!record) return { done: false, hint: "Not tested yet." };
  if (!record.ok) return { done: false, hint: `Last test failed at ${utc(record.at)}: ${record.message}` };
  if (!record.savedConnection) {
    return { done: false, hint: `Last test (succeeded at ${utc(record.at)}) used values that were not saved: save them and test again.` };
  }
  if (!saved || record.savedConnection !== connectionFingerprint(saved.scimServerUrl, saved.tokenEncrypted)) {
    return { done: false, hint: `The SCIM Server URL or Bearer Token Key Mode was saved again after the last successful test (${utc(record.at)}): test again.` };
  }
  return { done: true, hint: `Last test succeeded at ${utc(record.at)}: ${record.url}` };
}

/**
 * The IDaaS half of the seed procedure (Step 2 and the Push Now part of Step 3), from IDaaS data
 * only: the CloudSSO side (Step 1, and 3.3 "users received") comes from CloudSSO's own data. The
 * numbers are the guide's (components/setup-checklist.tsx), the same on every page.
 */
export async function idaasSetupSteps(instanceId = DEFAULT_INSTANCE_ID): Promise<ChecklistItem[]> {
  const base = `/idaas/instances/${encodeURIComponent(instanceId)}`;
  const apps = await db.idaasApplication.findMany({
    where: { instanceId, templateId: "cloudsso" },
    include: { provisioning: true },
    orderBy: { createdAt: "asc" },
  });
  // The checklist follows the application the admin worked on last (configured or tested), so a
  // failing application is never hidden behind an older one that once succeeded.
  const followed = await Promise.all(
    apps.map(async (app) => {
      const connectivity = await latestConnectivityResult(app.id);
      const times = [app.createdAt.getTime(), app.provisioning?.updatedAt.getTime() ?? 0, connectivity ? Date.parse(connectivity.at) : 0];
      return { app, connectivity, lastActivity: Math.max(...times) };
    }),
  );
  const best = followed.sort((a, b) => b.lastActivity - a.lastActivity)[0];
  const appHref = best ? `${base}/applications/${encodeURIComponent(best.app.id)}` : `${base}/applications`;
  const provisioningHref = best ? `${appHref}?tab=provisioning` : appHref;
  const c = best?.app.provisioning;
  const [lastSuccess, latestTask] = best
    ? await Promise.all([
        db.provisioningTask.findFirst({ where: { applicationId: best.app.id, status: SUCCESSFUL }, orderBy: { startTime: "desc" } }),
        db.provisioningTask.findFirst({ where: { applicationId: best.app.id }, orderBy: { startTime: "desc" } }),
      ])
    : [null, null];
  const connectivity = best ? connectivityStatus(best.connectivity, c ?? null) : { done: false };
  const step = (number: string, item: Omit<ChecklistItem, "number" | "step">): ChecklistItem => ({
    step: Number(number[0]) as ChecklistItem["step"],
    number,
    ...item,
  });
  return [
    step("2.1", {
      label: "Add the Alibaba Cloud - CloudSSO application",
      done: !!best,
      href: best ? appHref : `${base}/applications/marketplace`,
      hint: best ? `Showing "${best.app.name}", the application configured or tested most recently.` : undefined,
    }),
    step("2.2", {
      label: "Configure Provisioning Scope (Organization and Group)",
      done: !!c && (parseStringList(c.scopeUnitIdsJson).length > 0 || parseStringList(c.scopeGroupIdsJson).length > 0),
      href: provisioningHref,
    }),
    step("2.3", { label: "Turn on Provision IDaaS Accounts to Application", done: !!c?.enabled, href: provisioningHref }),
    step("2.4", {
      label: "Save the SCIM Server URL and Bearer Token Key Mode (Basic Configurations)",
      done: !!c?.scimServerUrl && !!c?.tokenEncrypted,
      href: provisioningHref,
      hint: c?.scimServerUrl ? `SCIM Server URL: ${c.scimServerUrl}` : "The SCIM Endpoint and the SCIM credential from Step 1.",
    }),
    step("2.5", { label: "Set at least one Full Scope item", done: !!c && (c.fullScopeAccounts || c.fullScopeGroups), href: provisioningHref }),
    step("2.6", { label: "Test Connectivity succeeded", ...connectivity, href: provisioningHref }),
    step("3.1", {
      label: "Push Now completed successfully",
      done: !!lastSuccess,
      href: provisioningHref,
      hint: lastSuccess
        ? `Last successful push ended at ${utc((lastSuccess.endTime ?? lastSuccess.startTime).toISOString())}.`
        : latestTask
          ? `The latest push is ${withDescription(latestTask.status, latestTask.statusDescription, ": ")}`
          : undefined,
    }),
    step("3.2", {
      label: "Review the results in Log > Provisioning > Tasks",
      done: latestTask?.status === SUCCESSFUL,
      href: latestTask ? `${base}/logs/provisioning/tasks/${encodeURIComponent(latestTask.id)}` : `${base}/logs/provisioning`,
      hint: latestTask
        ? `Latest task: ${withDescription(latestTask.status, latestTask.statusDescription, " — ")}${
            latestTask.status === SUCCESSFUL ? "" : " Open it for each object's result."
          }`
        : "No task yet: Push Now creates one.",
    }),
  ];
}

/** "Failed: 2 of 30 objects failed." — a status with its description, as one sentence. */
function withDescription(status: string, description: string, separator: string): string {
  const text = description.trim();
  return text ? `${status}${separator}${/[.!?…]$/.test(text) ? text : `${text}.`}` : `${status}.`;
}

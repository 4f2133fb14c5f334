import "server-only";
import { db } from "@/lib/db";
import { loadProvisioningTarget } from "../config/config";
import type { AppContext } from "./types";
import { resolveScope } from "../config/scope";
import { createTargetClient } from "./target-client";

/** Loads an application's target, scope and SCIM client; null when the application is gone. */
export async function loadAppContext(applicationId: string): Promise<AppContext | null> {
  const app = await db.idaasApplication.findUnique({ where: { id: applicationId }, select: { instanceId: true } });
  if (!app) return null;
  const target = await loadProvisioningTarget(applicationId);
  const scope = await resolveScope(app.instanceId, target.scope);
  return { target, instanceId: app.instanceId, scope, client: createTargetClient(target) };
}

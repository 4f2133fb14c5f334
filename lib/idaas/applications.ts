import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import type { Page } from "@/lib/api-handler";
import { DEFAULT_CLOUDSSO_USER_MAPPING, DEFAULT_GROUP_MAPPING } from "@/lib/idaas/mapping";
import type { z } from "zod";
import {
  templateName,
  type applicationStatusSchema,
  type createApplicationSchema,
  type renameApplicationSchema,
} from "./application-templates";
import { getInstance } from "./instance";
import { ALL_OPERATION_KEYS } from "./provisioning/config/operations";
import { healthOf, type ProvisioningHealth } from "./provisioning/engine/health";
import { refreshDeferral } from "./provisioning/engine/outbox";

export interface ApplicationView {
  id: string;
  instanceId: string;
  name: string;
  templateId: string;
  templateName: string;
  status: "Enabled" | "Disabled";
  provisioningEnabled: boolean;
  /** Real-time provisioning health (Healthy / N waiting / Failing since …). */
  health: ProvisioningHealth;
  createdAt: string;
}

type AppRow = Prisma.IdaasApplicationGetPayload<{ include: { provisioning: { select: { enabled: true } } } }>;

function toView(a: AppRow, health: Map<string, ProvisioningHealth>): ApplicationView {
  return {
    id: a.id,
    instanceId: a.instanceId,
    name: a.name,
    templateId: a.templateId,
    templateName: templateName(a.templateId),
    status: a.status === "Disabled" ? "Disabled" : "Enabled",
    provisioningEnabled: a.provisioning?.enabled ?? false,
    health: health.get(a.id)!,
    createdAt: a.createdAt.toISOString(),
  };
}

const include = { provisioning: { select: { enabled: true } } } as const;

export async function listApplications(
  instanceId: string,
  q: { page: number; pageSize: number; search?: string },
): Promise<Page<ApplicationView>> {
  await getInstance(instanceId);
  // SQLite LIKE is case-insensitive for ASCII, which is what the console search promises.
  const where: Prisma.IdaasApplicationWhereInput = {
    instanceId,
    ...(q.search ? { OR: [{ name: { contains: q.search } }, { id: { contains: q.search } }] } : {}),
  };
  const [total, rows] = await Promise.all([
    db.idaasApplication.count({ where }),
    db.idaasApplication.findMany({
      where,
      include,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
  ]);
  const health = await healthOf(rows.map((r) => r.id));
  return { items: rows.map((r) => toView(r, health)), total, page: q.page, pageSize: q.pageSize };
}

export async function getApplication(instanceId: string, appId: string): Promise<ApplicationView> {
  const app = await db.idaasApplication.findFirst({ where: { id: appId, instanceId }, include });
  if (!app) throw new NotFoundError(`Application ${appId} does not exist.`);
  return toView(app, await healthOf([app.id]));
}

/**
 * Provisioning defaults per template: subscribe to every change event, nothing in Full Scope
 * (the admin must opt in before Push Now), and the documented CloudSSO mapping. The generic
 * SCIM 2.0 template uses the same core-schema mapping, which any RFC 7643 server accepts.
 */
function defaultProvisioning() {
  return {
    enabled: false,
    operationsJson: JSON.stringify(ALL_OPERATION_KEYS),
    fullScopeAccounts: false,
    fullScopeGroups: false,
    fieldMappingJson: JSON.stringify(DEFAULT_CLOUDSSO_USER_MAPPING),
    groupMappingJson: JSON.stringify(DEFAULT_GROUP_MAPPING),
    matchAttribute: "userName",
  };
}

/** Inputs as parsed by the route handlers with the application-templates schemas. */
type CreateApplication = z.output<typeof createApplicationSchema>;
type RenameApplication = z.output<typeof renameApplicationSchema>;
type ApplicationStatus = z.output<typeof applicationStatusSchema>;

export async function createApplication(instanceId: string, input: CreateApplication): Promise<ApplicationView> {
  await getInstance(instanceId);
  const id = newId("app");
  const app = await db.idaasApplication.create({
    data: {
      id,
      instanceId,
      templateId: input.templateId,
      name: input.name,
      provisioning: { create: defaultProvisioning() },
    },
    include,
  });
  return toView(app, await healthOf([app.id]));
}

export async function renameApplication(instanceId: string, appId: string, input: RenameApplication): Promise<ApplicationView> {
  await getApplication(instanceId, appId);
  const app = await db.idaasApplication.update({ where: { id: appId }, data: { name: input.name }, include });
  return toView(app, await healthOf([app.id]));
}

/**
 * A disabled application keeps its configuration and receives no pushes; the changes made
 * meanwhile are kept (Deferred) and delivered in order when it is enabled again.
 */
export async function setApplicationStatus(instanceId: string, appId: string, { status }: ApplicationStatus): Promise<ApplicationView> {
  await getApplication(instanceId, appId);
  const app = await db.idaasApplication.update({ where: { id: appId }, data: { status }, include });
  await refreshDeferral(appId);
  return toView(app, await healthOf([app.id]));
}

/**
 * Deleting removes the configuration (cascade) and the application's undelivered events and
 * remote-object links, which would otherwise point at an application that no longer exists.
 * Tasks and logs stay as history.
 */
export async function deleteApplication(instanceId: string, appId: string): Promise<void> {
  await getApplication(instanceId, appId);
  await db.$transaction([
    db.provisioningEvent.deleteMany({ where: { applicationId: appId } }),
    db.provisioningLink.deleteMany({ where: { applicationId: appId } }),
    db.idaasApplication.delete({ where: { id: appId } }),
  ]);
}

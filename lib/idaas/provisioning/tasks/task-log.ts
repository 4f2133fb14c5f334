import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { UNSETTLED_RESULTS } from "../vocabulary";
import { toTaskView, type TaskView } from "./task-view";

export const TASK_STATUSES = ["Successful", "Failed", "Partially Succeeded", "Running", "Initialization"] as const;

const optionalDate = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter a valid date and time." });
      return z.NEVER;
    }
    return d;
  });

export const taskListQuerySchema = z.object({
  status: z.enum(TASK_STATUSES, { error: "Unknown status." }).optional(),
  from: optionalDate,
  to: optionalDate,
});

export const logListQuerySchema = z.object({
  result: z.enum(["Success", "Failed", "Skipped", ...UNSETTLED_RESULTS], { error: "Unknown result." }).optional(),
  objectType: z.enum(["user", "group", "membership"], { error: "Unknown object type." }).optional(),
  from: optionalDate,
  to: optionalDate,
});

interface Paging {
  page: number;
  pageSize: number;
  search?: string;
}

async function instanceAppIds(instanceId: string): Promise<string[]> {
  const apps = await db.idaasApplication.findMany({ where: { instanceId }, select: { id: true } });
  return apps.map((a) => a.id);
}

/** Log > Provisioning > Tasks: newest first, filtered by status and start time. */
export async function listTasks(instanceId: string, q: z.infer<typeof taskListQuerySchema> & Paging) {
  const appIds = await instanceAppIds(instanceId);
  const where: Prisma.ProvisioningTaskWhereInput = {
    applicationId: { in: appIds },
    ...(q.status ? { status: q.status } : {}),
    ...(q.from || q.to ? { startTime: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) } } : {}),
    ...(q.search ? { applicationName: { contains: q.search } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.provisioningTask.count({ where }),
    db.provisioningTask.findMany({ where, orderBy: [{ startTime: "desc" }, { id: "desc" }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
  ]);
  const anyRunning = (await db.provisioningTask.count({ where: { applicationId: { in: appIds }, status: { in: ["Running", "Initialization"] } } })) > 0;
  return { items: rows.map(toTaskView), total, page: q.page, pageSize: q.pageSize, anyRunning };
}

export async function getTask(instanceId: string, taskId: string): Promise<TaskView> {
  const task = await db.provisioningTask.findUnique({ where: { id: taskId } });
  if (!task) throw new NotFoundError(`Task ${taskId} does not exist.`);
  const app = await db.idaasApplication.findFirst({ where: { id: task.applicationId, instanceId }, select: { id: true } });
  // Tasks of a deleted application stay readable; tasks of another instance do not.
  if (!app && (await db.idaasApplication.findUnique({ where: { id: task.applicationId } }))) {
    throw new NotFoundError(`Task ${taskId} does not exist.`);
  }
  return toTaskView(task);
}

export interface LogEntryView {
  id: number;
  applicationId: string;
  taskId: string | null;
  objectType: string;
  objectId: string;
  objectName: string;
  action: string;
  result: string;
  httpStatus: number | null;
  scimType: string | null;
  detail: string | null;
  durationMs: number;
  /** Real-time entries: the event they follow, and while it is retried the attempt and next try. */
  eventId: number | null;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
}

function logWhere(q: z.infer<typeof logListQuerySchema> & Paging): Prisma.ProvisioningLogWhereInput {
  return {
    ...(q.result ? { result: q.result } : {}),
    ...(q.objectType ? { objectType: q.objectType } : {}),
    ...(q.from || q.to ? { createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) } } : {}),
    ...(q.search
      ? { OR: [{ objectName: { contains: q.search } }, { objectId: { contains: q.search } }, { detail: { contains: q.search } }, { action: { contains: q.search } }] }
      : {}),
  };
}

async function pageOfLogs(where: Prisma.ProvisioningLogWhereInput, q: Paging) {
  const [total, rows] = await Promise.all([
    db.provisioningLog.count({ where }),
    db.provisioningLog.findMany({ where, orderBy: { id: "desc" }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
  ]);
  const items: LogEntryView[] = rows.map((r) => ({
    ...r,
    nextAttemptAt: r.nextAttemptAt ? r.nextAttemptAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** One task's per-object entries, searchable by object name, id, action or error detail. */
export async function listTaskLogs(instanceId: string, taskId: string, q: z.infer<typeof logListQuerySchema> & Paging) {
  await getTask(instanceId, taskId);
  return pageOfLogs({ taskId, ...logWhere(q) }, q);
}

/** Real-time pushes (no task) of every application of the instance. */
export async function listRealtimeLogs(instanceId: string, q: z.infer<typeof logListQuerySchema> & Paging) {
  const appIds = await instanceAppIds(instanceId);
  const apps = await db.idaasApplication.findMany({ where: { id: { in: appIds } }, select: { id: true, name: true } });
  const names = new Map(apps.map((a) => [a.id, a.name]));
  const page = await pageOfLogs({ taskId: null, applicationId: { in: appIds }, ...logWhere(q) }, q);
  return { ...page, items: page.items.map((i) => ({ ...i, applicationName: names.get(i.applicationId) ?? i.applicationId })) };
}

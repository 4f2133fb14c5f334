import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Page } from "@/lib/api-handler";
import { newId } from "@/lib/ids";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_DIRECTORY_ID } from "../directory";
import type { PrincipalType, TaskStatus, TaskType, TaskView } from "./schemas";

/** Async tasks: written by the routes (and the CLI), run by the worker (worker.ts). */

type TaskRow = Prisma.SsoAccessTaskGetPayload<object>;

export function taskView(t: TaskRow): TaskView {
  return {
    taskId: t.id,
    batchId: t.batchId,
    taskType: t.taskType as TaskType,
    status: t.status as TaskStatus,
    failureReason: t.failureReason,
    accountId: t.accountId,
    accountName: t.accountName,
    accessConfigurationId: t.accessConfigurationId,
    accessConfigurationName: t.accessConfigurationName,
    principalType: (t.principalType as PrincipalType | null) ?? null,
    principalId: t.principalId,
    principalName: t.principalName,
    createdAt: t.createdAt.toISOString(),
    startTime: t.startTime?.toISOString() ?? null,
    endTime: t.endTime?.toISOString() ?? null,
  };
}

export interface NewTask {
  taskType: TaskType;
  accountId: string;
  accountName: string;
  accessConfigurationId: string;
  accessConfigurationName: string;
  principalType?: PrincipalType;
  principalId?: string;
  principalName?: string;
  deprovisionStrategy?: string;
}

/** Writes one batch of tasks (InProgress, unclaimed) in the caller's transaction. */
export async function enqueueTasks(tx: Prisma.TransactionClient, tasks: NewTask[], directoryId = DEFAULT_DIRECTORY_ID): Promise<{ batchId: string; tasks: TaskView[] }> {
  const batchId = newId("batch", 16);
  const now = new Date();
  const ids = tasks.map(() => newId("t"));
  if (tasks.length > 0) {
    await tx.ssoAccessTask.createMany({
      data: tasks.map((t, i) => ({
        id: ids[i],
        directoryId,
        batchId,
        taskType: t.taskType,
        accountId: t.accountId,
        accountName: t.accountName,
        accessConfigurationId: t.accessConfigurationId,
        accessConfigurationName: t.accessConfigurationName,
        principalType: t.principalType ?? null,
        principalId: t.principalId ?? null,
        principalName: t.principalName ?? null,
        deprovisionStrategy: t.deprovisionStrategy ?? null,
        createdAt: now,
        nextAttemptAt: now,
      })),
    });
  }
  const rows = await tx.ssoAccessTask.findMany({ where: { batchId }, orderBy: { seq: "asc" } });
  return { batchId, tasks: rows.map(taskView) };
}

export async function listTasks(
  opts: { page: number; pageSize: number; batchId?: string; status?: TaskStatus; accountId?: string; accessConfigurationId?: string },
  directoryId = DEFAULT_DIRECTORY_ID,
): Promise<Page<TaskView>> {
  const where: Prisma.SsoAccessTaskWhereInput = {
    directoryId,
    ...(opts.batchId ? { batchId: opts.batchId } : {}),
    ...(opts.status ? { status: opts.status } : {}),
    ...(opts.accountId ? { accountId: opts.accountId } : {}),
    ...(opts.accessConfigurationId ? { accessConfigurationId: opts.accessConfigurationId } : {}),
  };
  const [total, rows] = await Promise.all([
    db.ssoAccessTask.count({ where }),
    db.ssoAccessTask.findMany({ where, orderBy: { seq: "desc" }, skip: (opts.page - 1) * opts.pageSize, take: opts.pageSize }),
  ]);
  return { items: rows.map(taskView), total, page: opts.page, pageSize: opts.pageSize };
}

export async function getTask(taskId: string, directoryId = DEFAULT_DIRECTORY_ID): Promise<TaskView> {
  const t = await db.ssoAccessTask.findFirst({ where: { id: taskId, directoryId } });
  if (!t) throw new NotFoundError(`Task ${taskId} does not exist.`);
  return taskView(t);
}

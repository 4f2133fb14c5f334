import "server-only";
import { db } from "@/lib/db";
import { ConflictError, DomainError, NotFoundError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { pushNowBlocker, storedReadiness } from "../config/push-readiness";
import { notifyProvisioning } from "../engine/wake";
import { ACTIVE_TASK_STATUSES, TriggerMethod, type TaskStatus } from "../vocabulary";
import { emptyCounters } from "./counters";
import { toTaskView } from "./task-view";

/**
 * Push Now as the console asks for it: start (one task at a time per application), retrigger,
 * and the latest task for the button's progress. The engine runs the task (push-runner.ts).
 */

export const NOTHING_IN_SCOPE_MESSAGE =
  "Nothing to push: the provisioning scope holds no accounts. Verify that the Organization and Group selected in the provisioning scope contain the expected users.";
export const NO_GROUPS_IN_SCOPE_MESSAGE =
  "Nothing to push: Full Scope covers Groups only and the provisioning scope holds no groups. Select groups in the provisioning scope, or add Accounts to Full Scope.";

/** A second Push Now while one runs; carries the running task so the console can link to it. */
export class PushAlreadyRunningError extends ConflictError {
  constructor(readonly taskId: string) {
    super("A push is already running for this application. Wait for it to finish.");
  }
}

/** Push Now: validates the application and queues a Manual task for the engine to run. */
export async function startPushNow(instanceId: string, applicationId: string) {
  const app = await db.idaasApplication.findFirst({ where: { id: applicationId, instanceId }, include: { provisioning: true } });
  if (!app) throw new NotFoundError(`Application ${applicationId} does not exist.`);
  const blocker = pushNowBlocker(storedReadiness(app, app.provisioning));
  if (blocker) throw new DomainError(blocker, 400);
  // Check and insert in one transaction: the driver runs transactions one at a time, so a
  // double click or a second tab can never start two tasks.
  const task = await db.$transaction(async (tx) => {
    const running = await tx.provisioningTask.findFirst({ where: { applicationId, status: { in: ACTIVE_TASK_STATUSES } }, select: { id: true } });
    if (running) throw new PushAlreadyRunningError(running.id);
    return tx.provisioningTask.create({
      data: {
        id: newId("task"),
        applicationId,
        applicationName: app.name,
        triggerMethod: TriggerMethod.Manual,
        status: "Initialization" satisfies TaskStatus,
        statusDescription: "Waiting to start.",
        countersJson: JSON.stringify(emptyCounters()),
      },
    });
  });
  notifyProvisioning();
  return toTaskView(task);
}

/** Retrigger: the same application's push again, as a new task. */
export async function retriggerTask(instanceId: string, taskId: string) {
  const task = await db.provisioningTask.findUnique({ where: { id: taskId } });
  if (!task) throw new NotFoundError(`Task ${taskId} does not exist.`);
  return startPushNow(instanceId, task.applicationId);
}

export async function latestTask(instanceId: string, applicationId: string) {
  const app = await db.idaasApplication.findFirst({ where: { id: applicationId, instanceId }, select: { id: true } });
  if (!app) throw new NotFoundError(`Application ${applicationId} does not exist.`);
  const task = await db.provisioningTask.findFirst({ where: { applicationId }, orderBy: [{ startTime: "desc" }, { id: "desc" }] });
  return task ? toTaskView(task) : null;
}


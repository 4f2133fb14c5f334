import "server-only";
import os from "node:os";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import type { Prisma } from "@/lib/generated/prisma/client";
import { provisionInto } from "./access-configurations";
import { onAccessWorkerWake } from "./wake";

/**
 * The access task worker: runs CreateAccessAssignment / DeleteAccessAssignment /
 * ProvisionAccessConfiguration / DeprovisionAccessConfiguration tasks, one at a time, oldest first.
 *
 * Durability, as the IDaaS provisioning engine's (its own copy: CloudSSO never imports IDaaS):
 * - one worker per database: the holder of a lease (an AppSetting row, renewed while it works; a
 *   holder that died on this host is replaced at once);
 * - a task is claimed (claimedBy) before it runs, and its effect and its end (Success / Failed,
 *   endTime) commit in ONE transaction, guarded by the claim: a crash before the commit leaves the
 *   task InProgress with nothing applied, and the next lease holder releases the dead claims and
 *   runs it — every task ends exactly once;
 * - the effects are idempotent (an existing triplet is not duplicated, a missing one not an error);
 * - an unexpected error (e.g. the database busy) is retried with backoff, up to MAX_ATTEMPTS.
 * ACCESS_TASK_DELAY_MS slows every task (tests stop the process in the middle of a batch).
 */
const KEY = "cloudsso.access-worker-lease";
const LEASE_MS = 15_000;
const CLAIM_MS = 60_000;
const POLL_MS = 500;
const BATCH = 50;
const MAX_ATTEMPTS = 5;

const owner = `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

interface WorkerState {
  started: boolean;
  timer: NodeJS.Timeout | null;
  running: boolean;
  again: boolean;
  recovered: boolean;
  leaseHeld: boolean;
  leaseCheckedAt: number;
  unsubscribe: (() => void) | null;
}
const g = globalThis as unknown as { cloudSsoAccessWorker?: WorkerState };
const state: WorkerState = (g.cloudSsoAccessWorker ??= {
  started: false,
  timer: null,
  running: false,
  again: false,
  recovered: false,
  leaseHeld: false,
  leaseCheckedAt: 0,
  unsubscribe: null,
});

/** A reason the task cannot succeed (no retry). */
class TaskFailure extends Error {}

export function startAccessWorker(): void {
  if (state.started) return;
  state.started = true;
  state.unsubscribe = onAccessWorkerWake(() => {
    if (state.running) state.again = true;
    else schedule(0);
  });
  schedule(0);
}

export function stopAccessWorker(): void {
  state.started = false;
  state.unsubscribe?.();
  state.unsubscribe = null;
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
}

function schedule(ms: number) {
  if (!state.started) return;
  if (state.timer) clearTimeout(state.timer);
  state.timer = setTimeout(() => void tick(), ms);
}

async function tick() {
  state.timer = null;
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  let busy = false;
  try {
    busy = await step();
  } catch (err) {
    console.error("CloudSSO access worker:", err instanceof Error ? err.message : err);
  } finally {
    state.running = false;
    const again = state.again || busy;
    state.again = false;
    schedule(again ? 0 : POLL_MS);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes or renews the worker lease; true when this process holds it. */
async function acquireLease(): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const row = await tx.appSetting.findUnique({ where: { key: KEY } });
    let current: { owner: string; host: string; pid: number; expiresAt: number } | null = null;
    try {
      current = row ? JSON.parse(row.value) : null;
    } catch {
      current = null;
    }
    const now = Date.now();
    const free =
      !current || current.owner === owner || current.expiresAt < now || (current.host === os.hostname() && current.pid !== process.pid && !alive(current.pid));
    if (!free) return false;
    const value = JSON.stringify({ owner, host: os.hostname(), pid: process.pid, expiresAt: now + LEASE_MS });
    await tx.appSetting.upsert({ where: { key: KEY }, update: { value }, create: { key: KEY, value } });
    return true;
  });
}

/** One pass: hold the lease, release dead claims once, claim and run a batch. True when there may be more. */
async function step(): Promise<boolean> {
  // The lease is renewed every few seconds, not on every poll (fewer writes beside the CLI's).
  if (!state.leaseHeld || Date.now() - state.leaseCheckedAt > LEASE_MS / 3) {
    state.leaseHeld = await acquireLease();
    state.leaseCheckedAt = Date.now();
  }
  if (!state.leaseHeld) {
    state.recovered = false;
    return false;
  }
  if (!state.recovered) {
    // Claims of a process that is gone (we hold the lease, so no one else is working).
    await db.ssoAccessTask.updateMany({ where: { status: "InProgress", claimedBy: { not: null } }, data: { claimedBy: null, claimedUntil: null } });
    state.recovered = true;
  }
  const now = new Date();
  const due = await db.ssoAccessTask.findMany({
    where: { status: "InProgress", claimedBy: null, nextAttemptAt: { lte: now } },
    orderBy: { seq: "asc" },
    take: BATCH,
    select: { id: true },
  });
  if (due.length === 0) return false;
  const ids = due.map((t) => t.id);
  await db.$transaction([
    db.ssoAccessTask.updateMany({ where: { id: { in: ids }, claimedBy: null, startTime: null }, data: { startTime: now } }),
    db.ssoAccessTask.updateMany({ where: { id: { in: ids }, claimedBy: null }, data: { claimedBy: owner, claimedUntil: new Date(now.getTime() + CLAIM_MS) } }),
  ]);
  const delay = Number(process.env.ACCESS_TASK_DELAY_MS ?? 0) || 0;
  for (const id of ids) {
    if (!state.started) break;
    if (delay > 0) await sleep(delay);
    if (Date.now() - state.leaseCheckedAt > LEASE_MS / 3) {
      state.leaseHeld = await acquireLease();
      state.leaseCheckedAt = Date.now();
      if (!state.leaseHeld) break;
    }
    await runTask(id);
  }
  // Claims left unrun (stopped, lease lost) go back to the queue.
  await db.ssoAccessTask.updateMany({ where: { id: { in: ids }, status: "InProgress", claimedBy: owner }, data: { claimedBy: null, claimedUntil: null } });
  return true;
}

type TaskRow = Prisma.SsoAccessTaskGetPayload<object>;

async function runTask(id: string): Promise<void> {
  const task = await db.ssoAccessTask.findUnique({ where: { id } });
  if (!task || task.status !== "InProgress" || task.claimedBy !== owner) return;
  try {
    await db.$transaction(async (tx) => {
      await apply(tx, task);
      await end(tx, task, "Success", null);
    });
  } catch (err) {
    if (err instanceof TaskFailure) {
      await db.$transaction(async (tx) => end(tx, task, "Failed", err.message)).catch((e) => console.error("CloudSSO access worker:", e));
      return;
    }
    if (err instanceof ClaimLost) return;
    const attempts = task.attempts + 1;
    const reason = `Internal error: ${err instanceof Error ? err.message : String(err)}`;
    if (attempts >= MAX_ATTEMPTS) {
      await db.$transaction(async (tx) => {
        await end(tx, task, "Failed", reason);
        if (task.taskType === "DeprovisionAccessConfiguration" || task.deprovisionStrategy === "DeprovisionForLastAccessAssignmentOnAccount") {
          await tx.ssoAccessProvisioning.updateMany({
            where: { accessConfigurationId: task.accessConfigurationId, accountId: task.accountId },
            data: { status: "DeprovisionFailed", updatedAt: new Date() },
          });
        }
      }).catch((e) => console.error("CloudSSO access worker:", e));
    } else {
      const backoff = Math.min(30_000, 250 * 2 ** attempts);
      await db.ssoAccessTask
        .updateMany({ where: { id, claimedBy: owner }, data: { attempts, nextAttemptAt: new Date(Date.now() + backoff), claimedBy: null, claimedUntil: null } })
        .catch(() => undefined);
    }
  }
}

class ClaimLost extends Error {}

/** Ends the task, only if this worker still holds its claim (else the whole transaction rolls back). */
async function end(tx: Prisma.TransactionClient, task: TaskRow, status: "Success" | "Failed", failureReason: string | null) {
  const res = await tx.ssoAccessTask.updateMany({
    where: { id: task.id, status: "InProgress", claimedBy: owner },
    data: { status, failureReason, endTime: new Date(), attempts: task.attempts + 1, claimedBy: null, claimedUntil: null },
  });
  if (res.count !== 1) throw new ClaimLost();
}

/** The task's effect, idempotent, in the task's transaction. */
async function apply(tx: Prisma.TransactionClient, t: TaskRow): Promise<void> {
  const config = await tx.ssoAccessConfiguration.findFirst({
    where: { id: t.accessConfigurationId, directoryId: t.directoryId },
    include: { systemPolicies: { orderBy: { addedAt: "asc" } } },
  });
  const account = await tx.ssoRdAccount.findFirst({ where: { accountId: t.accountId, directoryId: t.directoryId }, select: { accountId: true } });
  const target = { accessConfigurationId: t.accessConfigurationId, accountId: t.accountId };
  switch (t.taskType) {
    case "CreateAccessAssignment": {
      if (!config) throw new TaskFailure("The access configuration no longer exists.");
      if (!account) throw new TaskFailure("The account no longer exists in the resource directory.");
      const principalType = t.principalType ?? "";
      const principalId = t.principalId ?? "";
      const exists =
        principalType === "User"
          ? await tx.ssoUser.findFirst({ where: { id: principalId, directoryId: t.directoryId }, select: { id: true } })
          : await tx.ssoGroup.findFirst({ where: { id: principalId, directoryId: t.directoryId }, select: { id: true } });
      if (!exists) throw new TaskFailure(`The ${principalType === "User" ? "user" : "group"} no longer exists.`);
      const key = { accountId: t.accountId, principalType, principalId, accessConfigurationId: t.accessConfigurationId };
      const present = await tx.ssoAccessAssignment.findUnique({ where: { accountId_principalType_principalId_accessConfigurationId: key } });
      if (!present) await tx.ssoAccessAssignment.create({ data: { id: newId("aa"), directoryId: t.directoryId, ...key } });
      // The first assignment of a configuration on an account provisions it.
      const provisioned = await tx.ssoAccessProvisioning.findUnique({ where: { accessConfigurationId_accountId: target } });
      if (!provisioned) await provisionInto(tx, config, t.accountId);
      return;
    }
    case "DeleteAccessAssignment": {
      await tx.ssoAccessAssignment.deleteMany({
        where: { accountId: t.accountId, principalType: t.principalType ?? "", principalId: t.principalId ?? "", accessConfigurationId: t.accessConfigurationId },
      });
      if (t.deprovisionStrategy === "DeprovisionForLastAccessAssignmentOnAccount" && (await tx.ssoAccessAssignment.count({ where: target })) === 0) {
        await tx.ssoAccessProvisioning.deleteMany({ where: target });
      }
      return;
    }
    case "ProvisionAccessConfiguration": {
      if (!config) throw new TaskFailure("The access configuration no longer exists.");
      if (!account) throw new TaskFailure("The account no longer exists in the resource directory.");
      await provisionInto(tx, config, t.accountId);
      return;
    }
    case "DeprovisionAccessConfiguration": {
      if ((await tx.ssoAccessAssignment.count({ where: target })) > 0) {
        throw new TaskFailure("The access configuration still has access assignments on the account. Remove them before de-provisioning.");
      }
      await tx.ssoAccessProvisioning.deleteMany({ where: target });
      return;
    }
    default:
      throw new TaskFailure(`Unknown task type ${t.taskType}.`);
  }
}

import pLimit from "p-limit";
import { db } from "@/lib/db";
import { ConflictError, DomainError, NotFoundError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { loadAppContext } from "../deliver/app-context";
import type { AppContext, Delivery, Outcome } from "../deliver/types";
import { syncGroup } from "../deliver/group";
import { syncMembers, type MemberRef } from "../deliver/members";
import { syncUser } from "../deliver/user";
import { engineSettings } from "../engine/settings";
import { markLinksWritten, openLinkSnapshot, stageLink, writeLinkChanges, type Link, type LinkSnapshot } from "../deliver/links";
import { countInto, emptyCounters, LogAction, parseCounters, type TaskCounters } from "./log-actions";
import { pushNowBlocker, storedReadiness, targetReadiness } from "../config/push-readiness";
import { loadMappableAccounts, loadMappableGroups, mapAccount, type MappableAccount } from "../deliver/mapped-resources";
import { objectKey, withObjectLock } from "../deliver/object-lock";
import { buildRemoteIndex } from "../deliver/remote-index";
import { accountIdsInScope } from "../config/scope";
import { describeError, isFatal, isRetryable, retrying } from "../deliver/target-client";
import { describeCounters, tally } from "./task-summary";
import { notifyProvisioning } from "../engine/wake";

export const ACTIVE_TASK_STATUSES = ["Initialization", "Running"];

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
        triggerMethod: "Manual",
        status: "Initialization",
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

export interface TaskView {
  id: string;
  applicationId: string;
  applicationName: string;
  direction: string;
  triggerModule: string;
  triggerModuleName: string;
  triggerMethod: string;
  status: string;
  statusDescription: string;
  total: number;
  done: number;
  startTime: string;
  endTime: string | null;
  counters: TaskCounters;
}

export function toTaskView(t: {
  id: string;
  applicationId: string;
  applicationName: string;
  triggerMethod: string;
  status: string;
  statusDescription: string;
  countersJson: string;
  total: number;
  done: number;
  startTime: Date;
  endTime: Date | null;
}): TaskView {
  return {
    id: t.id,
    applicationId: t.applicationId,
    applicationName: t.applicationName,
    direction: "IDaaS to Application",
    triggerModule: "Application",
    triggerModuleName: t.applicationName,
    triggerMethod: t.triggerMethod,
    status: t.status,
    statusDescription: t.statusDescription,
    total: t.total,
    done: t.done,
    startTime: t.startTime.toISOString(),
    endTime: t.endTime ? t.endTime.toISOString() : null,
    counters: parseCounters(t.countersJson),
  };
}

// ───────────────────────── the runner (engine process) ─────────────────────────

class AbortPush extends Error {}

/**
 * Writes outcomes and their link changes in batches, in one transaction each, so a log row
 * exists exactly when its link change does — which is what makes a resumed task neither miss
 * nor double-count an object.
 */
class TaskWriter {
  private buffer: Delivery[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly taskId: string,
    private readonly applicationId: string,
    readonly counters: TaskCounters,
    public done: number,
  ) {}

  add(d: Delivery) {
    if (d.link) stageLink(d.link);
    this.buffer.push(d);
    if (this.buffer.length >= 500) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), 250);
  }

  flush(extra: { total?: number } = {}): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = this.flushing.then(async () => {
      const links = batch.flatMap((d) => (d.link ? [d.link] : []));
      for (const d of batch) countInto(this.counters, d.outcome.objectType, d.outcome.action, d.outcome.result);
      this.done += batch.length;
      await db.$transaction(async (tx) => {
        await writeLinkChanges(links, tx);
        if (batch.length) await tx.provisioningLog.createMany({ data: batch.map((d) => logRow(this.applicationId, this.taskId, d.outcome)) });
        await tx.provisioningTask.update({
          where: { id: this.taskId },
          data: { done: this.done, countersJson: JSON.stringify(this.counters), ...(extra.total !== undefined ? { total: extra.total } : {}) },
        });
      });
      markLinksWritten(links);
    });
    return this.flushing;
  }
}

export function logRow(applicationId: string, taskId: string | null, o: Outcome) {
  return {
    applicationId,
    taskId,
    objectType: o.objectType,
    objectId: o.objectId,
    objectName: o.objectName,
    action: o.action,
    result: o.result,
    httpStatus: o.httpStatus ?? null,
    scimType: o.scimType ?? null,
    detail: o.detail ? o.detail.slice(0, 2000) : null,
    durationMs: Math.max(0, Math.round(o.durationMs ?? 0)),
  };
}

/**
 * Runs (or resumes) one Push Now task: Full Scope ∩ provisioning scope — users, then groups,
 * then memberships — with bounded concurrency. Objects already logged for this task (before a
 * restart) are not pushed or counted again.
 */
export async function runPushTask(taskId: string): Promise<void> {
  const task = await db.provisioningTask.findUnique({ where: { id: taskId } });
  if (!task || !ACTIVE_TASK_STATUSES.includes(task.status)) return;
  const ctx = await loadAppContext(task.applicationId);
  if (!ctx) return finish(taskId, "Failed", "The application no longer exists.");
  // Settings may have changed since the task was queued (or before a restart resumed it).
  const blocker = pushNowBlocker(targetReadiness(ctx.target));
  if (blocker) return finish(taskId, "Failed", blocker);

  const resumed = task.status === "Running";
  await db.provisioningTask.update({
    where: { id: taskId },
    data: { status: "Running", statusDescription: resumed ? "Resumed after a restart." : "Pushing…" },
  });

  const logged = await db.provisioningLog.findMany({ where: { taskId }, select: { objectType: true, objectId: true, action: true, result: true } });
  const done = new Set(logged.map((l) => `${l.objectType}:${l.objectId}`));
  const counters = resumed ? parseCounters(task.countersJson) : emptyCounters();
  if (resumed) {
    // The counters are rebuilt from the log rows, which are the durable truth.
    Object.assign(counters, emptyCounters());
    for (const l of logged) countInto(counters, l.objectType, l.action, l.result);
  }
  const writer = new TaskWriter(taskId, ctx.target.applicationId, counters, logged.length);
  const userLinks = await openLinkSnapshot(ctx.target.applicationId, "user");
  const groupLinks = await openLinkSnapshot(ctx.target.applicationId, "group");
  try {
    await pushAll(ctx, writer, done, userLinks, groupLinks);
    // Drain the last batch first: `done` only counts it once that flush has run, and the final
    // total is what was actually processed (objects skipped for being already done included).
    await writer.flush();
    await writer.flush({ total: writer.done });
    // Status and Status Description both come from the counters the task detail shows.
    const { failed } = tally(writer.counters);
    const summary = describeCounters(writer.counters);
    if (failed === 0) await finish(taskId, "Successful", summary);
    else if (failed < writer.done) await finish(taskId, "Partially Succeeded", summary);
    else await finish(taskId, "Failed", `All ${failed} objects failed. ${summary}`);
  } catch (err) {
    await writer.flush().catch(() => undefined);
    const reason = err instanceof AbortPush ? err.message : `Push stopped: ${err instanceof Error ? err.message : String(err)}`;
    // What was done before the stop is part of the truth the task reports.
    await finish(taskId, "Failed", writer.done > 0 ? `${reason} ${describeCounters(writer.counters)}` : reason);
  } finally {
    userLinks.release();
    groupLinks.release();
  }
}

async function finish(taskId: string, status: string, statusDescription: string) {
  await db.provisioningTask.update({ where: { id: taskId }, data: { status, statusDescription, endTime: new Date() } });
}

/** How a log entry names an account that no longer exists and was never logged by name. */
const DELETED_ACCOUNT = "(deleted account)";

/**
 * Usernames of accounts a push names without having loaded them: linked accounts now outside
 * the scope (a member removed from a group) or deleted since — then the name last logged for
 * them — so no log entry shows an internal id.
 */
async function usernamesOf(applicationId: string, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  const rows = await db.idaasAccount.findMany({ where: { id: { in: ids } }, select: { id: true, username: true } });
  for (const r of rows) names.set(r.id, r.username);
  const gone = ids.filter((id) => !names.has(id));
  if (gone.length === 0) return names;
  const logged = await db.provisioningLog.findMany({
    where: { applicationId, objectType: "user", objectId: { in: gone }, NOT: { objectName: { in: gone } } },
    select: { objectId: true, objectName: true },
    orderBy: { id: "asc" },
  });
  for (const l of logged) names.set(l.objectId, l.objectName);
  return names;
}

async function pushAll(ctx: AppContext, writer: TaskWriter, done: Set<string>, userLinks: LinkSnapshot, groupLinks: LinkSnapshot) {
  const appId = ctx.target.applicationId;
  const settings = engineSettings();
  const limit = pLimit(settings.pushConcurrency);
  let aborted: AbortPush | null = null;
  let exhausted = 0;

  const inScope = await accountIdsInScope(ctx.instanceId, ctx.scope);
  const scopedGroupIds = ctx.target.fullScope.groups ? [...ctx.scope.groupIds] : [];
  const groups = await loadMappableGroups(ctx.instanceId, scopedGroupIds);
  const memberRows = groups.length
    ? await db.idaasGroupMember.findMany({ where: { groupId: { in: groups.map((g) => g.id) } }, select: { groupId: true, accountId: true } })
    : [];
  const desiredMembers = memberRows.filter((m) => inScope.has(m.accountId));

  const userIds = ctx.target.fullScope.accounts ? [...inScope] : [];
  const leaving = ctx.target.fullScope.accounts
    ? userLinks.localIds().filter((id) => !inScope.has(id) && !userLinks.get(id)?.disabled)
    : [];
  // An empty run would end Successful with all zeros, which reads as "everything is in sync".
  if (userIds.length === 0 && leaving.length === 0 && groups.length === 0) {
    throw new AbortPush(inScope.size === 0 ? NOTHING_IN_SCOPE_MESSAGE : NO_GROUPS_IN_SCOPE_MESSAGE);
  }
  const neededMembers = new Set(desiredMembers.map((m) => m.accountId));
  const accounts = await loadMappableAccounts(ctx.instanceId, [...new Set([...userIds, ...leaving, ...neededMembers])]);
  const unloaded = [...new Set([...userLinks.localIds(), ...userIds, ...neededMembers])].filter((id) => !accounts.has(id));
  const otherNames = await usernamesOf(appId, unloaded);
  const username = (id: string) => accounts.get(id)?.username ?? otherNames.get(id) ?? DELETED_ACCOUNT;
  const pending = (ids: string[], type: string) => ids.filter((id) => !done.has(`${type}:${id}`)).length;
  await writer.flush({
    total:
      writer.done +
      pending(userIds, "user") +
      pending(leaving, "user") +
      pending(groups.map((g) => g.id), "group") +
      pending(desiredMembers.map((m) => `${m.groupId}/${m.accountId}`), "membership"),
  });

  /** Runs one object's delivery with retries; records it unless the task is being aborted. */
  const deliver = async (key: string, run: () => Promise<Delivery>, fallback: Omit<Outcome, "result">) => {
    if (aborted) return null;
    const started = Date.now();
    try {
      const d = await withObjectLock(key, () => retrying(run, settings));
      d.outcome.durationMs ??= Date.now() - started;
      // The push knows the name even when the account vanished mid-push (syncUser then has only its id).
      d.outcome.objectName = fallback.objectName;
      writer.add(d);
      return d;
    } catch (err) {
      if (aborted) return null;
      const failure: Delivery = {
        outcome: { ...fallback, result: "Failed", durationMs: Date.now() - started, ...describeError(err) },
        link: null,
      };
      writer.add(failure);
      // Every request would be refused the same way (401/403), or the target stays down: stop.
      if (isFatal(err)) aborted = new AbortPush(`The SCIM server refused the push: ${describeError(err).detail}`);
      else if (isRetryable(err) && ++exhausted >= 3) aborted = new AbortPush(`The SCIM server stayed unavailable: ${describeError(err).detail}`);
      return null;
    }
  };

  // Many accounts without a link (a first push): look the target's users up in bulk.
  const unlinked = userIds.filter((id) => !done.has(`user:${id}`) && !userLinks.get(id)).length;
  const remoteIndex = unlinked > 200 ? await buildRemoteIndex(ctx.client, ctx.target.matchAttribute || "userName", settings) : null;

  const pushUser = (accountId: string, scoped: boolean) => {
    const account: MappableAccount | null = accounts.get(accountId) ?? null;
    // What the failed attempt was trying to do, for the log entry if every retry fails.
    const action = !scoped ? LogAction.Disable : userLinks.get(accountId) ? LogAction.Update : LogAction.Create;
    return deliver(
      objectKey(appId, "user", accountId),
      () => syncUser(ctx, { accountId, account, inScope: scoped, link: userLinks.get(accountId), remoteIndex }),
      { objectType: "user", objectId: accountId, objectName: username(accountId), action },
    );
  };

  // 1. Users in scope, then remote users that left the scope (disabled, link kept). Unchanged
  //    users (same mapped hash, linked, not disabled) are recorded without queueing or locking:
  //    nothing is sent for them, which keeps a re-push of 10,000 accounts to a few seconds.
  const changed: string[] = [];
  for (const id of userIds) {
    if (done.has(`user:${id}`)) continue;
    const link = userLinks.get(id);
    const account = accounts.get(id);
    if (link && account && !link.disabled && link.pushedHash === mapAccount(ctx.target, account).hash) {
      writer.add({
        outcome: { objectType: "user", objectId: id, objectName: account.username, action: LogAction.Unchanged, result: "Skipped", durationMs: 0 },
        link: null,
        remoteId: link.remoteId,
      });
    } else changed.push(id);
  }
  await Promise.all(changed.map((id) => limit(() => pushUser(id, true))));
  await Promise.all(leaving.filter((id) => !done.has(`user:${id}`)).map((id) => limit(() => pushUser(id, false))));
  if (aborted) throw aborted;

  // 2. Groups.
  const remoteGroupIds = new Map<string, string>();
  await Promise.all(
    groups.map((group) =>
      limit(async () => {
        const link = groupLinks.get(group.id);
        if (done.has(`group:${group.id}`)) {
          if (link) remoteGroupIds.set(group.id, link.remoteId);
          return;
        }
        const d = await deliver(
          objectKey(appId, "group", group.id),
          () => syncGroup(ctx, { groupId: group.id, group, inScope: true, link: groupLinks.get(group.id) }),
          { objectType: "group", objectId: group.id, objectName: group.name, action: link ? LogAction.Update : LogAction.Create },
        );
        if (d?.remoteId) remoteGroupIds.set(group.id, d.remoteId);
      }),
    ),
  );
  if (aborted) throw aborted;
  await writer.flush();

  // 3. Memberships: members missing remotely are created first (they are in scope), then one
  //    reconciliation per group.
  const byGroup = new Map<string, string[]>();
  for (const m of desiredMembers) byGroup.set(m.groupId, [...(byGroup.get(m.groupId) ?? []), m.accountId]);
  const managed = new Map<string, MemberRef>();
  for (const id of userLinks.localIds()) {
    const link = userLinks.get(id);
    if (link) managed.set(link.remoteId, { accountId: id, username: username(id), remoteId: link.remoteId });
  }
  await Promise.all(
    groups.map((group) =>
      limit(async () => {
        const remoteGroupId = remoteGroupIds.get(group.id);
        const memberIds = byGroup.get(group.id) ?? [];
        const outcomeKey = (accountId: string) => `membership:${group.id}/${accountId}`;
        if (!remoteGroupId) {
          for (const accountId of memberIds) {
            if (done.has(outcomeKey(accountId))) continue;
            writer.add({
              outcome: {
                objectType: "membership",
                objectId: `${group.id}/${accountId}`,
                objectName: `${group.name} / ${username(accountId)}`,
                action: LogAction.AddMember,
                result: "Failed",
                detail: "The group could not be provisioned.",
              },
              link: null,
            });
          }
          return;
        }
        const desired: MemberRef[] = [];
        for (const accountId of memberIds) {
          let link: Link | null = userLinks.get(accountId);
          if (!link) {
            await pushUser(accountId, true);
            link = userLinks.get(accountId);
          }
          if (link) desired.push({ accountId, username: username(accountId), remoteId: link.remoteId });
          else if (!done.has(outcomeKey(accountId))) {
            writer.add({
              outcome: {
                objectType: "membership",
                objectId: `${group.id}/${accountId}`,
                objectName: `${group.name} / ${username(accountId)}`,
                action: LogAction.AddMember,
                result: "Failed",
                detail: "The member could not be provisioned.",
              },
              link: null,
            });
          }
        }
        for (const d of desired) managed.set(d.remoteId, d);
        if (aborted) return;
        const started = Date.now();
        try {
          const outcomes = await withObjectLock(objectKey(appId, "group", group.id), () =>
            retrying(() => syncMembers(ctx, { groupName: group.name, remoteGroupId, desired, managed }), settings),
          );
          for (const o of outcomes) {
            const memberKey = `${group.id}/${o.objectId}`;
            if (done.has(`membership:${memberKey}`)) continue;
            writer.add({ outcome: { ...o, objectId: memberKey, durationMs: o.durationMs ?? Date.now() - started }, link: null });
          }
        } catch (err) {
          for (const d of desired) {
            if (done.has(outcomeKey(d.accountId))) continue;
            writer.add({
              outcome: {
                objectType: "membership",
                objectId: `${group.id}/${d.accountId}`,
                objectName: `${group.name} / ${d.username}`,
                action: LogAction.AddMember,
                result: "Failed",
                durationMs: Date.now() - started,
                ...describeError(err),
              },
              link: null,
            });
          }
          if (isFatal(err)) aborted = new AbortPush(`The SCIM server refused the push: ${describeError(err).detail}`);
        }
      }),
    ),
  );
  if (aborted) throw aborted;
}

import "server-only";
import pLimit from "p-limit";
import { db } from "@/lib/db";
import { groupBy } from "@/lib/group-by";
import { pushNowBlocker, targetReadiness } from "../config/push-readiness";
import { accountIdsInScope } from "../config/scope";
import { loadAppContext } from "../deliver/app-context";
import { syncGroup } from "../deliver/group";
import { openLinkSnapshot, type Link, type LinkSnapshot } from "../deliver/links";
import { loadMappableAccounts, loadMappableGroups, mapAccount, type MappableAccount, type MappableGroup } from "../deliver/mapped-resources";
import { syncMembers, type MemberRef } from "../deliver/members";
import { objectKey, withObjectLock } from "../deliver/object-lock";
import { buildRemoteIndex, type RemoteIndex } from "../deliver/remote-index";
import { describeError, isFatal, isRetryable, retrying } from "../deliver/target-client";
import type { AppContext, Delivery, Outcome } from "../deliver/types";
import { syncUser } from "../deliver/user";
import { engineSettings, type EngineSettings } from "../engine/settings";
import { isActiveTask, LogAction, type TaskStatus } from "../vocabulary";
import { countInto, emptyCounters, parseCounters } from "./counters";
import { NO_GROUPS_IN_SCOPE_MESSAGE, NOTHING_IN_SCOPE_MESSAGE } from "./push-now";
import { describeCounters, tally } from "./task-summary";
import { TaskWriter } from "./task-writer";

class AbortPush extends Error {}

/** How a log entry names an account that no longer exists and was never logged by name. */
const DELETED_ACCOUNT = "(deleted account)";

/**
 * Runs (or resumes) one Push Now task: Full Scope ∩ provisioning scope — users, then groups,
 * then memberships — with bounded concurrency. Objects already logged for this task (before a
 * restart) are not pushed or counted again.
 */
export async function runPushTask(taskId: string): Promise<void> {
  const task = await db.provisioningTask.findUnique({ where: { id: taskId } });
  if (!task || !isActiveTask(task.status)) return;
  const ctx = await loadAppContext(task.applicationId);
  if (!ctx) return finish(taskId, "Failed", "The application no longer exists.");
  // Settings may have changed since the task was queued (or before a restart resumed it).
  const blocker = pushNowBlocker(targetReadiness(ctx.target));
  if (blocker) return finish(taskId, "Failed", blocker);

  const resumed = task.status === "Running";
  await db.provisioningTask.update({
    where: { id: taskId },
    data: { status: "Running" satisfies TaskStatus, statusDescription: resumed ? "Resumed after a restart." : "Pushing…" },
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
    const run = new PushRun(ctx, writer, done, userLinks, groupLinks);
    await run.plan();
    await run.pushUsers();
    const remoteGroupIds = await run.pushGroups();
    await run.pushMemberships(remoteGroupIds);
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

async function finish(taskId: string, status: TaskStatus, statusDescription: string) {
  await db.provisioningTask.update({ where: { id: taskId }, data: { status, statusDescription, endTime: new Date() } });
}

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

/** One push's state, shared by its phases: what to push, what is done, and whether it stopped. */
class PushRun {
  private readonly appId: string;
  private readonly settings: EngineSettings = engineSettings();
  private readonly limit: ReturnType<typeof pLimit>;
  private aborted: AbortPush | null = null;
  private exhausted = 0;
  private inScope = new Set<string>();
  private groups: MappableGroup[] = [];
  private membersByGroup = new Map<string, string[]>();
  private userIds: string[] = [];
  private leaving: string[] = [];
  private accounts = new Map<string, MappableAccount>();
  private otherNames = new Map<string, string>();
  private remoteIndex: RemoteIndex | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly writer: TaskWriter,
    private readonly done: Set<string>,
    private readonly userLinks: LinkSnapshot,
    private readonly groupLinks: LinkSnapshot,
  ) {
    this.appId = ctx.target.applicationId;
    this.limit = pLimit(this.settings.pushConcurrency);
  }

  private username(id: string): string {
    return this.accounts.get(id)?.username ?? this.otherNames.get(id) ?? DELETED_ACCOUNT;
  }

  private pending(ids: string[], type: string): number {
    return ids.filter((id) => !this.done.has(`${type}:${id}`)).length;
  }

  /** 0. What to push: accounts in scope, linked accounts that left it, groups and their members. */
  async plan(): Promise<void> {
    const { ctx, userLinks } = this;
    this.inScope = await accountIdsInScope(ctx.instanceId, ctx.scope);
    this.groups = await loadMappableGroups(ctx.instanceId, ctx.target.fullScope.groups ? [...ctx.scope.groupIds] : []);
    const memberRows = this.groups.length
      ? await db.idaasGroupMember.findMany({ where: { groupId: { in: this.groups.map((g) => g.id) } }, select: { groupId: true, accountId: true } })
      : [];
    const desiredMembers = memberRows.filter((m) => this.inScope.has(m.accountId));
    for (const [groupId, rows] of groupBy(desiredMembers, (m) => m.groupId)) this.membersByGroup.set(groupId, rows.map((m) => m.accountId));
    this.userIds = ctx.target.fullScope.accounts ? [...this.inScope] : [];
    this.leaving = ctx.target.fullScope.accounts ? userLinks.localIds().filter((id) => !this.inScope.has(id) && !userLinks.get(id)?.disabled) : [];
    // An empty run would end Successful with all zeros, which reads as "everything is in sync".
    if (this.userIds.length === 0 && this.leaving.length === 0 && this.groups.length === 0) {
      throw new AbortPush(this.inScope.size === 0 ? NOTHING_IN_SCOPE_MESSAGE : NO_GROUPS_IN_SCOPE_MESSAGE);
    }
    const neededMembers = new Set(desiredMembers.map((m) => m.accountId));
    this.accounts = await loadMappableAccounts(ctx.instanceId, [...new Set([...this.userIds, ...this.leaving, ...neededMembers])]);
    const unloaded = [...new Set([...userLinks.localIds(), ...this.userIds, ...neededMembers])].filter((id) => !this.accounts.has(id));
    this.otherNames = await usernamesOf(this.appId, unloaded);
    await this.writer.flush({
      total:
        this.writer.done +
        this.pending(this.userIds, "user") +
        this.pending(this.leaving, "user") +
        this.pending(this.groups.map((g) => g.id), "group") +
        this.pending(desiredMembers.map((m) => `${m.groupId}/${m.accountId}`), "membership"),
    });
    // Many accounts without a link (a first push): look the target's users up in bulk.
    const unlinked = this.userIds.filter((id) => !this.done.has(`user:${id}`) && !userLinks.get(id)).length;
    if (unlinked > 200) this.remoteIndex = await buildRemoteIndex(ctx.client, ctx.target.matchAttribute || "userName", this.settings);
  }

  /** Runs one object's delivery with retries; records it unless the task is being aborted. */
  private async deliver(key: string, run: () => Promise<Delivery>, fallback: Omit<Outcome, "result">): Promise<Delivery | null> {
    if (this.aborted) return null;
    const started = Date.now();
    try {
      const d = await withObjectLock(key, () => retrying(run, this.settings));
      d.outcome.durationMs ??= Date.now() - started;
      // The push knows the name even when the account vanished mid-push (syncUser then has only its id).
      d.outcome.objectName = fallback.objectName;
      this.writer.add(d);
      return d;
    } catch (err) {
      if (this.aborted) return null;
      this.writer.add({ outcome: { ...fallback, result: "Failed", durationMs: Date.now() - started, ...describeError(err) }, link: null });
      this.stopIfHopeless(err, true);
      return null;
    }
  }

  /** Every request would be refused the same way (401/403), or the target stays down: stop. */
  private stopIfHopeless(err: unknown, countUnavailable: boolean) {
    if (isFatal(err)) this.aborted = new AbortPush(`The SCIM server refused the push: ${describeError(err).detail}`);
    else if (countUnavailable && isRetryable(err) && ++this.exhausted >= 3) {
      this.aborted = new AbortPush(`The SCIM server stayed unavailable: ${describeError(err).detail}`);
    }
  }

  private pushUser(accountId: string, scoped: boolean) {
    const account = this.accounts.get(accountId) ?? null;
    const link = this.userLinks.get(accountId);
    // What the failed attempt was trying to do, for the log entry if every retry fails.
    const action = !scoped ? LogAction.Disable : link ? LogAction.Update : LogAction.Create;
    return this.deliver(
      objectKey(this.appId, "user", accountId),
      () => syncUser(this.ctx, { accountId, account, inScope: scoped, link: this.userLinks.get(accountId), remoteIndex: this.remoteIndex }),
      { objectType: "user", objectId: accountId, objectName: this.username(accountId), action },
    );
  }

  /**
   * 1. Users in scope, then remote users that left the scope (disabled, link kept). Unchanged
   *    users (same mapped hash, linked, not disabled) are recorded without queueing or locking:
   *    nothing is sent for them, which keeps a re-push of 10,000 accounts to a few seconds.
   */
  async pushUsers(): Promise<void> {
    const changed: string[] = [];
    for (const id of this.userIds) {
      if (this.done.has(`user:${id}`)) continue;
      const link = this.userLinks.get(id);
      const account = this.accounts.get(id);
      if (link && account && !link.disabled && link.pushedHash === mapAccount(this.ctx.target, account).hash) {
        this.writer.add({
          outcome: { objectType: "user", objectId: id, objectName: account.username, action: LogAction.Unchanged, result: "Skipped", durationMs: 0 },
          link: null,
          remoteId: link.remoteId,
        });
      } else changed.push(id);
    }
    await Promise.all(changed.map((id) => this.limit(() => this.pushUser(id, true))));
    await Promise.all(this.leaving.filter((id) => !this.done.has(`user:${id}`)).map((id) => this.limit(() => this.pushUser(id, false))));
    if (this.aborted) throw this.aborted;
  }

  /** 2. Groups; returns each pushed group's remote id. */
  async pushGroups(): Promise<Map<string, string>> {
    const remoteGroupIds = new Map<string, string>();
    await Promise.all(
      this.groups.map((group) =>
        this.limit(async () => {
          const link = this.groupLinks.get(group.id);
          if (this.done.has(`group:${group.id}`)) {
            if (link) remoteGroupIds.set(group.id, link.remoteId);
            return;
          }
          const d = await this.deliver(
            objectKey(this.appId, "group", group.id),
            () => syncGroup(this.ctx, { groupId: group.id, group, inScope: true, link: this.groupLinks.get(group.id) }),
            { objectType: "group", objectId: group.id, objectName: group.name, action: link ? LogAction.Update : LogAction.Create },
          );
          if (d?.remoteId) remoteGroupIds.set(group.id, d.remoteId);
        }),
      ),
    );
    if (this.aborted) throw this.aborted;
    await this.writer.flush();
    return remoteGroupIds;
  }

  /** A member that could not be added, as one Failed log entry (once per task). */
  private memberFailed(group: MappableGroup, accountId: string, failure: Pick<Outcome, "detail" | "httpStatus" | "scimType" | "durationMs">) {
    if (this.done.has(`membership:${group.id}/${accountId}`)) return;
    this.writer.add({
      outcome: {
        objectType: "membership",
        objectId: `${group.id}/${accountId}`,
        objectName: `${group.name} / ${this.username(accountId)}`,
        action: LogAction.AddMember,
        result: "Failed",
        ...failure,
      },
      link: null,
    });
  }

  /** 3. Memberships: members missing remotely are created first (they are in scope), then one reconciliation per group. */
  async pushMemberships(remoteGroupIds: Map<string, string>): Promise<void> {
    const managed = new Map<string, MemberRef>();
    for (const id of this.userLinks.localIds()) {
      const link = this.userLinks.get(id);
      if (link) managed.set(link.remoteId, { accountId: id, username: this.username(id), remoteId: link.remoteId });
    }
    await Promise.all(this.groups.map((group) => this.limit(() => this.pushGroupMembers(group, remoteGroupIds.get(group.id), managed))));
    if (this.aborted) throw this.aborted;
  }

  private async pushGroupMembers(group: MappableGroup, remoteGroupId: string | undefined, managed: Map<string, MemberRef>) {
    const memberIds = this.membersByGroup.get(group.id) ?? [];
    if (!remoteGroupId) {
      for (const accountId of memberIds) this.memberFailed(group, accountId, { detail: "The group could not be provisioned." });
      return;
    }
    const desired: MemberRef[] = [];
    for (const accountId of memberIds) {
      let link: Link | null = this.userLinks.get(accountId);
      if (!link) {
        await this.pushUser(accountId, true);
        link = this.userLinks.get(accountId);
      }
      if (link) desired.push({ accountId, username: this.username(accountId), remoteId: link.remoteId });
      else this.memberFailed(group, accountId, { detail: "The member could not be provisioned." });
    }
    for (const d of desired) managed.set(d.remoteId, d);
    if (this.aborted) return;
    const started = Date.now();
    try {
      const outcomes = await withObjectLock(objectKey(this.appId, "group", group.id), () =>
        retrying(() => syncMembers(this.ctx, { groupName: group.name, remoteGroupId, desired, managed }), this.settings),
      );
      for (const o of outcomes) {
        const memberKey = `${group.id}/${o.objectId}`;
        if (this.done.has(`membership:${memberKey}`)) continue;
        this.writer.add({ outcome: { ...o, objectId: memberKey, durationMs: o.durationMs ?? Date.now() - started }, link: null });
      }
    } catch (err) {
      for (const d of desired) this.memberFailed(group, d.accountId, { durationMs: Date.now() - started, ...describeError(err) });
      this.stopIfHopeless(err, false);
    }
  }
}

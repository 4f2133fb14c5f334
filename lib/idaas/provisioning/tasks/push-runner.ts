import "server-only";
import pLimit from "p-limit";
import { db } from "@/lib/db";
import { groupBy } from "@/lib/group-by";
import { pushNowBlocker, targetReadiness } from "../config/push-readiness";
import { accountIdsInScope } from "../config/scope";
import { loadAppContext } from "../deliver/app-context";
import { syncGroup } from "../deliver/group";
import { openLinkSnapshot, type LinkSnapshot } from "../deliver/links";
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

/** Accounts read, mapped and pushed per round: about what a push holds of the directory at once. */
const CHUNK = 500;

/**
 * Usernames of accounts a push names without having loaded them: linked accounts now outside
 * the scope (a member removed from a group) or deleted since — then the name last logged for
 * them — so no log entry shows an internal id.
 */
async function usernamesOf(applicationId: string, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const rows = await db.idaasAccount.findMany({ where: { id: { in: part } }, select: { id: true, username: true } });
    for (const r of rows) names.set(r.id, r.username);
    const gone = part.filter((id) => !names.has(id));
    if (gone.length === 0) continue;
    const logged = await db.provisioningLog.findMany({
      where: { applicationId, objectType: "user", objectId: { in: gone }, NOT: { objectName: { in: gone } } },
      select: { objectId: true, objectName: true },
      orderBy: { id: "asc" },
    });
    for (const l of logged) names.set(l.objectId, l.objectName);
  }
  return names;
}

/** A group member as the push names it. */
interface Member {
  accountId: string;
  username: string;
}

/**
 * One push's state, shared by its phases: what to push (ids, not accounts: accounts are read in
 * chunks as they are pushed, so memory stays bounded at any directory size), what is done, and
 * whether it stopped.
 */
class PushRun {
  private readonly appId: string;
  private readonly settings: EngineSettings = engineSettings();
  private readonly limit: ReturnType<typeof pLimit>;
  private aborted: AbortPush | null = null;
  private exhausted = 0;
  private groups: MappableGroup[] = [];
  private membersByGroup = new Map<string, Member[]>();
  private userIds: string[] = [];
  private leaving: string[] = [];
  private remoteIndex: RemoteIndex | null = null;
  /** Linked local account by remote user id, built when a group first has members it does not want. */
  private byRemoteId: Map<string, string> | null = null;

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

  private pending(ids: string[], type: string): number {
    return ids.filter((id) => !this.done.has(`${type}:${id}`)).length;
  }

  /** 0. What to push: accounts in scope, linked accounts that left it, groups and their members. */
  async plan(): Promise<void> {
    const { ctx, userLinks } = this;
    const inScope = await accountIdsInScope(ctx.instanceId, ctx.scope);
    this.groups = await loadMappableGroups(ctx.instanceId, ctx.target.fullScope.groups ? [...ctx.scope.groupIds] : []);
    const memberRows = this.groups.length
      ? await db.idaasGroupMember.findMany({
          where: { groupId: { in: this.groups.map((g) => g.id) } },
          select: { groupId: true, accountId: true, account: { select: { username: true } } },
        })
      : [];
    const desiredMembers = memberRows.filter((m) => inScope.has(m.accountId));
    for (const [groupId, rows] of groupBy(desiredMembers, (m) => m.groupId)) {
      this.membersByGroup.set(groupId, rows.map((m) => ({ accountId: m.accountId, username: m.account.username })));
    }
    this.userIds = ctx.target.fullScope.accounts ? [...inScope].sort() : [];
    this.leaving = ctx.target.fullScope.accounts ? userLinks.localIds().filter((id) => !inScope.has(id) && !userLinks.get(id)?.disabled) : [];
    // An empty run would end Successful with all zeros, which reads as "everything is in sync".
    if (this.userIds.length === 0 && this.leaving.length === 0 && this.groups.length === 0) {
      throw new AbortPush(inScope.size === 0 ? NOTHING_IN_SCOPE_MESSAGE : NO_GROUPS_IN_SCOPE_MESSAGE);
    }
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

  private pushUser(accountId: string, scoped: boolean, account: MappableAccount | null, name: string) {
    const link = this.userLinks.get(accountId);
    // What the failed attempt was trying to do, for the log entry if every retry fails.
    const action = !scoped ? LogAction.Disable : link ? LogAction.Update : LogAction.Create;
    return this.deliver(
      objectKey(this.appId, "user", accountId),
      () => syncUser(this.ctx, { accountId, account, inScope: scoped, link: this.userLinks.get(accountId), remoteIndex: this.remoteIndex }),
      { objectType: "user", objectId: accountId, objectName: name, action },
    );
  }

  /** Reads accounts CHUNK at a time (the next chunk while this one is pushed). */
  private async eachChunk(ids: string[], run: (chunk: string[], accounts: Map<string, MappableAccount>) => Promise<void>) {
    const load = (from: number) => {
      const p = loadMappableAccounts(this.ctx.instanceId, ids.slice(from, from + CHUNK));
      p.catch(() => undefined); // awaited below; a push that stops early leaves the last read unawaited
      return p;
    };
    let next = ids.length ? load(0) : null;
    for (let i = 0; i < ids.length && !this.aborted; i += CHUNK) {
      const accounts = await next!;
      next = i + CHUNK < ids.length ? load(i + CHUNK) : null;
      await run(ids.slice(i, i + CHUNK), accounts);
      await this.writer.keepUp();
    }
  }

  /**
   * 1. Users in scope, then remote users that left the scope (disabled, link kept). Unchanged
   *    users (same mapped hash, linked, not disabled) are recorded without queueing or locking:
   *    nothing is sent for them, which keeps a re-push of 100,000 accounts cheap.
   */
  async pushUsers(): Promise<void> {
    const inScope = this.userIds.filter((id) => !this.done.has(`user:${id}`));
    await this.eachChunk(inScope, async (chunk, accounts) => {
      const changed: string[] = [];
      for (const id of chunk) {
        const link = this.userLinks.get(id);
        const account = accounts.get(id);
        // An account deleted since the plan is pushed too: syncUser disables its remote user.
        if (account && link && !link.disabled && link.pushedHash === mapAccount(this.ctx.target, account).hash) {
          this.writer.add({
            outcome: { objectType: "user", objectId: id, objectName: account.username, action: LogAction.Unchanged, result: "Skipped", durationMs: 0 },
            link: null,
            remoteId: link.remoteId,
          });
        } else changed.push(id);
      }
      await this.pushEach(changed, true, accounts);
    });
    const leaving = this.leaving.filter((id) => !this.done.has(`user:${id}`));
    await this.eachChunk(leaving, (chunk, accounts) => this.pushEach(chunk, false, accounts));
    if (this.aborted) throw this.aborted;
  }

  /** Pushes accounts of one chunk concurrently; an account deleted meanwhile is named as last logged. */
  private async pushEach(ids: string[], scoped: boolean, accounts: Map<string, MappableAccount>) {
    const names = await usernamesOf(this.appId, ids.filter((id) => !accounts.has(id)));
    await Promise.all(
      ids.map((id) =>
        this.limit(() => {
          const account = accounts.get(id) ?? null;
          return this.pushUser(id, scoped, account, account?.username ?? names.get(id) ?? DELETED_ACCOUNT);
        }),
      ),
    );
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
  private memberFailed(group: MappableGroup, member: Member, failure: Pick<Outcome, "detail" | "httpStatus" | "scimType" | "durationMs">) {
    if (this.done.has(`membership:${group.id}/${member.accountId}`)) return;
    this.writer.add({
      outcome: {
        objectType: "membership",
        objectId: `${group.id}/${member.accountId}`,
        objectName: `${group.name} / ${member.username}`,
        action: LogAction.AddMember,
        result: "Failed",
        ...failure,
      },
      link: null,
    });
  }

  /**
   * Remote members the push manages among remote users a group has but should not: the users
   * this application linked (looked up by remote id, not held as one member each).
   */
  private async managedMembers(remoteIds: string[]): Promise<Map<string, MemberRef>> {
    const out = new Map<string, MemberRef>();
    if (remoteIds.length === 0) return out;
    if (!this.byRemoteId) {
      this.byRemoteId = new Map();
      for (const id of this.userLinks.localIds()) {
        const link = this.userLinks.get(id);
        if (link) this.byRemoteId.set(link.remoteId, id);
      }
    }
    const local: [string, string][] = [];
    for (const remoteId of remoteIds) {
      const id = this.byRemoteId.get(remoteId);
      if (id && this.userLinks.get(id)?.remoteId === remoteId) local.push([remoteId, id]);
    }
    const names = await usernamesOf(this.appId, local.map(([, id]) => id));
    for (const [remoteId, accountId] of local) out.set(remoteId, { accountId, username: names.get(accountId) ?? DELETED_ACCOUNT, remoteId });
    return out;
  }

  /** 3. Memberships: members missing remotely are created first (they are in scope), then one reconciliation per group. */
  async pushMemberships(remoteGroupIds: Map<string, string>): Promise<void> {
    await Promise.all(this.groups.map((group) => this.limit(() => this.pushGroupMembers(group, remoteGroupIds.get(group.id)))));
    if (this.aborted) throw this.aborted;
  }

  private async pushGroupMembers(group: MappableGroup, remoteGroupId: string | undefined) {
    const members = this.membersByGroup.get(group.id) ?? [];
    if (!remoteGroupId) {
      for (const m of members) this.memberFailed(group, m, { detail: "The group could not be provisioned." });
      return;
    }
    // Members without a remote user (Full Scope without Accounts, or a failed create): one at a
    // time inside this group's slot, their accounts read a chunk at a time.
    const unlinked = members.filter((m) => !this.userLinks.get(m.accountId)).map((m) => m.accountId);
    const names = new Map(members.map((m) => [m.accountId, m.username]));
    await this.eachChunk(unlinked, async (chunk, accounts) => {
      for (const id of chunk) await this.pushUser(id, true, accounts.get(id) ?? null, names.get(id) ?? DELETED_ACCOUNT);
    });
    const desired: MemberRef[] = [];
    for (const m of members) {
      const link = this.userLinks.get(m.accountId);
      if (link) desired.push({ accountId: m.accountId, username: m.username, remoteId: link.remoteId });
      else this.memberFailed(group, m, { detail: "The member could not be provisioned." });
    }
    if (this.byRemoteId) for (const d of desired) this.byRemoteId.set(d.remoteId, d.accountId);
    if (this.aborted) return;
    const started = Date.now();
    try {
      const outcomes = await withObjectLock(objectKey(this.appId, "group", group.id), () =>
        retrying(() => syncMembers(this.ctx, { groupName: group.name, remoteGroupId, desired, managed: (ids) => this.managedMembers(ids) }), this.settings),
      );
      for (const o of outcomes) {
        const memberKey = `${group.id}/${o.objectId}`;
        if (this.done.has(`membership:${memberKey}`)) continue;
        this.writer.add({ outcome: { ...o, objectId: memberKey, durationMs: o.durationMs ?? Date.now() - started }, link: null });
      }
      await this.writer.keepUp();
    } catch (err) {
      for (const d of desired) this.memberFailed(group, d, { durationMs: Date.now() - started, ...describeError(err) });
      this.stopIfHopeless(err, false);
    }
  }
}

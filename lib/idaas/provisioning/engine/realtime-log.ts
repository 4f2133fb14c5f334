import "server-only";
import { db } from "@/lib/db";
import type { Outcome } from "../deliver/types";
import { UNSETTLED_RESULTS } from "../vocabulary";
import { insertLogRows, logRow } from "../tasks/task-writer";

/**
 * How a real-time event's log entry follows it: created Pending (or Deferred) when the change is
 * queued (outbox.ts), then Retrying with the attempt, next attempt time and last error, then the
 * outcome. Events claimed together (a run of syncs of one object) settle together.
 */
export interface ClaimedEvent {
  id: number;
  applicationId: string;
  objectType: string;
  objectId: string;
  action: string;
  attempts: number;
  coalesced: number[];
}

interface ErrorInfo {
  httpStatus: number | null;
  scimType: string | null;
  detail: string;
}

const unsettled = { in: [...UNSETTLED_RESULTS] };

export async function skipEvents(eventIds: number[], reason: string) {
  await db.$transaction([
    db.provisioningEvent.updateMany({ where: { id: { in: eventIds } }, data: { status: "skipped", lastError: reason, lockedUntil: null } }),
    db.provisioningLog.updateMany({
      where: { eventId: { in: eventIds }, result: unsettled },
      data: { result: "Skipped", detail: reason, nextAttemptAt: null, updatedAt: new Date() },
    }),
  ]);
}

/** The application cannot receive pushes now: keep the events, say why on their entries. */
export async function deferEvents(eventIds: number[], reason: string) {
  await db.$transaction([
    db.provisioningEvent.updateMany({ where: { id: { in: eventIds } }, data: { status: "deferred", lockedUntil: null } }),
    db.provisioningLog.updateMany({
      where: { eventId: { in: eventIds }, result: unsettled },
      data: { result: "Deferred", detail: reason, nextAttemptAt: null, updatedAt: new Date() },
    }),
  ]);
}

export async function markRetrying(e: ClaimedEvent, info: ErrorInfo, nextAttemptAt: Date, maxAttempts: number) {
  const now = new Date();
  const detail = info.detail.slice(0, 2000);
  await db.$transaction([
    db.provisioningEvent.updateMany({
      where: { id: { in: e.coalesced } },
      data: { status: "pending", attempts: e.attempts, nextAttemptAt, lastError: detail, lastHttpStatus: info.httpStatus, lockedUntil: null },
    }),
    db.provisioningEvent.updateMany({ where: { id: { in: e.coalesced }, firstFailedAt: null }, data: { firstFailedAt: now } }),
    db.provisioningLog.updateMany({
      where: { eventId: { in: e.coalesced }, result: unsettled },
      data: { result: "Retrying", attempts: e.attempts, maxAttempts, nextAttemptAt, httpStatus: info.httpStatus, scimType: info.scimType, detail, updatedAt: now },
    }),
  ]);
}

export async function failEvents(e: ClaimedEvent, info: ErrorInfo, durationMs: number) {
  const now = new Date();
  const detail = info.detail.slice(0, 2000);
  await db.$transaction(async (tx) => {
    await tx.provisioningEvent.updateMany({
      where: { id: { in: e.coalesced } },
      data: { status: "failed", attempts: e.attempts, lastError: detail, lastHttpStatus: info.httpStatus, lockedUntil: null },
    });
    await tx.provisioningEvent.updateMany({ where: { id: { in: e.coalesced }, firstFailedAt: null }, data: { firstFailedAt: now } });
    await tx.provisioningLog.updateMany({
      where: { eventId: { in: e.coalesced }, result: unsettled },
      data: { result: "Failed", attempts: e.attempts, nextAttemptAt: null, httpStatus: info.httpStatus, scimType: info.scimType, detail, durationMs, updatedAt: now },
    });
  });
}

/** Notes a settled entry keeps from its waiting time: folded changes and a deferral. */
function settledDetail(waitingDetail: string | null, outcomeDetail: string | null | undefined): string | null {
  const notes: string[] = [];
  const folded = /^(\d+) changes queued together\./.exec(waitingDetail ?? "");
  if (folded) notes.push(`${folded[1]} changes delivered together.`);
  const deferred = /Deferred — ([^.]+)\./.exec(waitingDetail ?? "");
  if (deferred) notes.push(`Deferred (${deferred[1]}) and delivered once it could be.`);
  if (outcomeDetail) notes.push(outcomeDetail);
  return notes.length > 0 ? notes.join(" ").slice(0, 2000) : null;
}

/**
 * Delivered: the head event's entry takes the first outcome (what was done to the object itself);
 * further outcomes (members added with a new group, a member's user created on the way) get
 * entries of their own; later changes delivered in the same push say so.
 */
export async function settleEvents(e: ClaimedEvent, outcomes: Outcome[], durationMs: number) {
  const now = new Date();
  const each = outcomes.length > 0 ? Math.round(durationMs / outcomes.length) : durationMs;
  const rows = await db.provisioningLog.findMany({
    where: { eventId: { in: e.coalesced }, result: unsettled },
    select: { id: true, eventId: true, detail: true },
    orderBy: { id: "asc" },
  });
  const head = rows.find((r) => r.eventId === e.id) ?? rows[0] ?? null;
  const [primary, ...extra] = outcomes;
  await db.$transaction(async (tx) => {
    await tx.provisioningEvent.updateMany({
      where: { id: { in: e.coalesced } },
      data: { status: "done", attempts: e.attempts, lastError: null, lockedUntil: null },
    });
    const created = head && primary ? extra : outcomes;
    if (head && primary) {
      await tx.provisioningLog.update({
        where: { id: head.id },
        data: {
          action: primary.action,
          result: primary.result,
          objectName: primary.objectName,
          httpStatus: primary.httpStatus ?? null,
          scimType: primary.scimType ?? null,
          detail: settledDetail(head.detail, primary.detail),
          attempts: e.attempts,
          nextAttemptAt: null,
          durationMs: Math.max(0, Math.round(primary.durationMs ?? each)),
          updatedAt: now,
        },
      });
      const others = rows.filter((r) => r.id !== head.id).map((r) => r.id);
      if (others.length > 0) {
        await tx.provisioningLog.updateMany({
          where: { id: { in: others } },
          data: {
            action: primary.action,
            result: primary.result,
            httpStatus: primary.httpStatus ?? null,
            detail: "Delivered together with the earlier change to the same object.",
            attempts: e.attempts,
            nextAttemptAt: null,
            updatedAt: now,
          },
        });
      }
    }
    if (created.length > 0) {
      await insertLogRows(
        tx,
        created.map((o) => logRow(e.applicationId, null, { ...o, durationMs: o.durationMs ?? each }, e.id)),
      );
    }
    // A sync pushes the object's current state, so its earlier failed syncs no longer matter.
    if (e.action === "sync") {
      await tx.provisioningEvent.updateMany({
        where: { applicationId: e.applicationId, objectType: e.objectType, objectId: e.objectId, action: "sync", status: "failed", id: { lt: e.id } },
        data: { status: "resolved" },
      });
    }
  });
}

/** What a Push Now did to one object, as its task log says. */
interface PushedObject {
  action: string;
  result: string;
  detail: string | null;
}

/** What a settled change's entry says: delivered by the push, or that the push had nothing to send (and why). */
function pushedDetail(taskId: string, o: PushedObject): string {
  if (o.result === "Success") return `Delivered by Push Now task ${taskId}.`;
  const why = o.detail ?? (o.action === "Unchanged" ? "the remote object already matched." : null);
  return `Settled by Push Now task ${taskId}, which found nothing to send${why ? `: ${why}` : "."}`;
}

const PUSHED_RESULTS = ["Success", "Skipped"];

/**
 * After a Push Now ends: the real-time changes of its application that were queued before it
 * started (a scope saved just before Push Now queues one per account) and that it pushed — the
 * push read each object after they were queued — are settled with the push's outcome instead of
 * being delivered a second time; the engine held them back while the push ran (engine.ts). A
 * change the push did not settle (its object failed, or the push stopped first) stays queued and
 * is delivered as usual. Deletes are never absorbed: a push disables, a delete deletes. Then, if
 * the push was Successful, earlier real-time failures are moot.
 */
export async function settleAfterPush(taskId: string) {
  const task = await db.provisioningTask.findUnique({ where: { id: taskId }, select: { applicationId: true, status: true, startTime: true } });
  if (!task) return;
  const held = await db.provisioningEvent.findMany({
    where: { applicationId: task.applicationId, status: "pending", action: { not: "delete" }, createdAt: { lt: task.startTime } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  for (let i = 0; i < held.length; i += 500) await absorbIntoPush(taskId, held.slice(i, i + 500).map((e) => e.id));
  if (task.status !== "Successful") return;
  await db.provisioningEvent.updateMany({
    where: { applicationId: task.applicationId, status: "failed", createdAt: { lt: task.startTime } },
    data: { status: "resolved" },
  });
}

async function absorbIntoPush(taskId: string, eventIds: number[]) {
  const entries = await db.provisioningLog.findMany({
    where: { eventId: { in: eventIds }, result: unsettled },
    select: { id: true, eventId: true, objectType: true, objectId: true },
  });
  const pushed = new Map<string, PushedObject>();
  for (const type of ["user", "group", "membership"]) {
    const ids = entries.filter((e) => e.objectType === type).map((e) => e.objectId);
    if (ids.length === 0) continue;
    const rows = await db.provisioningLog.findMany({
      where: { taskId, objectType: type, objectId: { in: ids }, result: { in: PUSHED_RESULTS } },
      select: { objectId: true, action: true, result: true, detail: true },
    });
    for (const r of rows) pushed.set(`${type}|${r.objectId}`, { action: r.action, result: r.result, detail: r.detail });
  }
  const byOutcome = new Map<string, { outcome: PushedObject; events: number[]; entries: number[] }>();
  for (const e of entries) {
    const outcome = pushed.get(`${e.objectType}|${e.objectId}`);
    if (!outcome || e.eventId === null) continue;
    const key = `${outcome.action}|${outcome.result}|${outcome.detail ?? ""}`;
    const group = byOutcome.get(key) ?? { outcome, events: [], entries: [] };
    group.events.push(e.eventId);
    group.entries.push(e.id);
    byOutcome.set(key, group);
  }
  const now = new Date();
  for (const { outcome, events, entries: rows } of byOutcome.values()) {
    await db.$transaction([
      // The engine does not claim these while the push holds them (engine.ts), so they are still waiting.
      db.provisioningEvent.updateMany({ where: { id: { in: events }, status: "pending" }, data: { status: "done", lastError: null } }),
      db.provisioningLog.updateMany({
        where: { id: { in: rows }, result: unsettled },
        data: { action: outcome.action, result: outcome.result, detail: pushedDetail(taskId, outcome), nextAttemptAt: null, updatedAt: now },
      }),
    ]);
  }
}

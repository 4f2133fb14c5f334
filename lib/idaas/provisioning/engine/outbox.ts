import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { insertRowsReturningIds } from "@/lib/db-bulk";
import { deferralReason, storedReadiness } from "../config/push-readiness";
import { LogAction } from "../vocabulary";
import type { OperationKey } from "../config/operations";
import { accountIdsInScope, resolveScope } from "../config/scope";
import { notifyProvisioning } from "./wake";
import { insertLogRows, logRow } from "../tasks/task-writer";

type Tx = Prisma.TransactionClient;

/**
 * The outbox. Directory mutations call these inside the same transaction as the change, so a
 * change and its provisioning events commit or roll back together.
 *
 * Events are level-triggered for objects ("account X changed: reconcile it"): the engine reads
 * the object's current state and scope when it delivers, so a burst of edits collapses into one
 * correct push and a scope change (moved unit, removed from a scoped group) is handled by the
 * same path. Deletes carry a snapshot because the row is gone by delivery time. Membership
 * events carry the member so the engine can send a precise PATCH.
 *
 * Every event gets its Real-time Log Entries row when it is queued (Pending, or Deferred while
 * the application cannot receive it); the engine moves that row through Retrying to its outcome,
 * so a change is visible from the moment it is made until it is settled.
 */
export type OutboxEvent =
  | {
      objectType: "user";
      objectId: string;
      action: "sync";
      operation: "account.create" | "account.update";
      /** What the log entry says is being done while it waits (a status change is Enable/Disable). */
      intent?: LogAction;
    }
  | { objectType: "user"; objectId: string; action: "delete"; operation: "account.delete"; snapshot: { username: string } }
  | { objectType: "group"; objectId: string; action: "sync"; operation: "group.create" | "group.update" }
  | { objectType: "group"; objectId: string; action: "delete"; operation: "group.delete"; snapshot: { name: string } }
  | {
      objectType: "membership";
      objectId: string; // group id
      action: "addMember" | "removeMember";
      operation: "group.member.add" | "group.member.remove";
      accountId: string;
    };

/** Statuses of an event that has not been settled yet (it holds its object's place in line). */
export const OPEN_EVENT_STATUSES = ["pending", "processing", "deferred"];

interface TargetApp {
  applicationId: string;
  instanceId: string;
  operations: Set<string>;
  scope: { unitIds: string[]; groupIds: string[] };
  /** Why events are kept instead of delivered, or null when they go out now. */
  deferral: string | null;
}

/**
 * Applications that receive events: provisioning switched on, or a saved connection (so an
 * application disabled or switched off after setup keeps every change and delivers it when it can
 * push again). An application never configured receives nothing: its first push is Push Now.
 */
async function targetApplications(tx: Tx, onlyApplicationId?: string): Promise<TargetApp[]> {
  const rows = await tx.provisioningConfig.findMany({
    where: {
      ...(onlyApplicationId ? { applicationId: onlyApplicationId } : {}),
      OR: [{ enabled: true }, { AND: [{ scimServerUrl: { not: "" } }, { tokenEncrypted: { not: "" } }] }],
    },
    include: { application: { select: { status: true, instanceId: true } } },
  });
  return rows.map((r) => ({
    applicationId: r.applicationId,
    instanceId: r.application.instanceId,
    operations: new Set(parseList(r.operationsJson)),
    scope: { unitIds: parseList(r.scopeUnitIdsJson), groupIds: parseList(r.scopeGroupIdsJson) },
    deferral: deferralReason(storedReadiness(r.application, r)),
  }));
}

function parseList(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x) => typeof x === "string") : [];
  } catch {
    return [];
  }
}

const INTENT: Record<OperationKey, LogAction> = {
  "account.create": LogAction.Create,
  "account.update": LogAction.Update,
  "account.delete": LogAction.Delete,
  "group.create": LogAction.Create,
  "group.update": LogAction.Update,
  "group.delete": LogAction.Delete,
  "group.member.add": LogAction.AddMember,
  "group.member.remove": LogAction.RemoveMember,
};

/** Log names for events: usernames and group names, never internal ids. */
async function eventNames(tx: Tx, events: OutboxEvent[]): Promise<string[]> {
  const accountIds = new Set<string>();
  const groupIds = new Set<string>();
  for (const e of events) {
    if (e.objectType === "user" && e.action === "sync") accountIds.add(e.objectId);
    if (e.objectType === "group" && e.action === "sync") groupIds.add(e.objectId);
    if (e.objectType === "membership") {
      groupIds.add(e.objectId);
      accountIds.add(e.accountId);
    }
  }
  const usernames = new Map<string, string>();
  const groupNames = new Map<string, string>();
  for (const ids of chunks([...accountIds])) {
    for (const a of await tx.idaasAccount.findMany({ where: { id: { in: ids } }, select: { id: true, username: true } })) usernames.set(a.id, a.username);
  }
  for (const ids of chunks([...groupIds])) {
    for (const g of await tx.idaasGroup.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })) groupNames.set(g.id, g.name);
  }
  return events.map((e) => {
    if (e.action === "delete") return e.objectType === "user" ? e.snapshot.username : e.snapshot.name;
    if (e.objectType === "user") return usernames.get(e.objectId) ?? e.objectId;
    if (e.objectType === "group") return groupNames.get(e.objectId) ?? e.objectId;
    return `${groupNames.get(e.objectId) ?? e.objectId} / ${usernames.get(e.accountId) ?? e.accountId}`;
  });
}

function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Queues the events for every application that receives them (or only `onlyApplicationId`, for a
 * change of that application's own scope). A sync of an object whose newest queued event is a
 * sync not yet attempted is folded into it: the delivery reads the current state anyway, and the
 * waiting log entry counts the changes it carries.
 */
export async function enqueue(tx: Tx, events: OutboxEvent[], opts: { onlyApplicationId?: string } = {}): Promise<number> {
  if (events.length === 0) return 0;
  const apps = await targetApplications(tx, opts.onlyApplicationId);
  if (apps.length === 0) return 0;
  const names = await eventNames(tx, events);
  let queued = 0;
  for (const app of apps) {
    const subscribed = events.map((e, i) => ({ e, name: names[i] })).filter(({ e }) => app.operations.has(e.operation satisfies OperationKey));
    const wanted = await concerning(tx, app, subscribed);
    if (wanted.length === 0) continue;
    const fresh = await foldIntoWaitingSyncs(tx, app.applicationId, wanted);
    if (fresh.length === 0) continue;
    const now = new Date();
    const status = app.deferral ? "deferred" : "pending";
    const ids = await insertRowsReturningIds(
      tx,
      "ProvisioningEvent",
      ["applicationId", "objectType", "objectId", "action", "status", "payloadJson", "attempts", "nextAttemptAt", "createdAt"],
      fresh.map(({ e }) => ({
        applicationId: app.applicationId,
        objectType: e.objectType,
        objectId: e.objectId,
        action: e.action,
        status,
        payloadJson: JSON.stringify({
          operation: e.operation,
          ...(e.action === "delete" ? { snapshot: e.snapshot } : {}),
          ...(e.objectType === "membership" ? { accountId: e.accountId } : {}),
        }),
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      })),
    );
    await insertLogRows(
      tx,
      fresh.map(({ e, name }, i) =>
        logRow(
          app.applicationId,
          null,
          {
            objectType: e.objectType,
            objectId: e.objectType === "membership" ? `${e.objectId}/${e.accountId}` : e.objectId,
            objectName: name,
            action: (e.objectType === "user" && e.action === "sync" && e.intent) || INTENT[e.operation],
            result: app.deferral ? "Deferred" : "Pending",
            detail: app.deferral ?? "Queued for delivery.",
          },
          ids[i],
        ),
      ),
    );
    queued += ids.length;
  }
  return queued;
}

/**
 * The events that can change anything at this application: objects in its scope, or already
 * provisioned to it (a linked object leaving the scope is disabled), and every delete. Others
 * would only log "out of scope" — and, while the application is disabled, pile up as kept changes
 * that are not its own. While a Push Now runs, its links are not all written yet: keep everything.
 */
async function concerning<T extends { e: OutboxEvent }>(tx: Tx, app: TargetApp, wanted: T[]): Promise<T[]> {
  if (wanted.every(({ e }) => e.action === "delete")) return wanted;
  const scope = await resolveScope(app.instanceId, app.scope, tx);
  const userIds = [...new Set(wanted.filter(({ e }) => e.objectType === "user" && e.action === "sync").map(({ e }) => e.objectId))];
  const inScope = new Set<string>();
  for (const part of chunks(userIds)) {
    for (const id of await accountIdsInScope(app.instanceId, scope, { among: part, client: tx })) inScope.add(id);
  }
  // The common case (an edit of an account in scope): nothing to filter, no more reads.
  const filtered = (e: OutboxEvent) => e.action !== "delete" && (e.objectType === "user" ? !inScope.has(e.objectId) : !scope.groupIds.has(e.objectId));
  if (!wanted.some(({ e }) => filtered(e))) return wanted;
  const pushing = await tx.provisioningTask.count({ where: { applicationId: app.applicationId, status: { in: ["Initialization", "Running"] } } });
  if (pushing > 0) return wanted;
  const groupIds = [...new Set(wanted.filter(({ e }) => e.objectType !== "user").map(({ e }) => e.objectId))];
  const linked = new Set<string>();
  for (const [type, ids] of [["user", userIds], ["group", groupIds]] as const) {
    for (const part of chunks(ids)) {
      const links = await tx.provisioningLink.findMany({
        where: { applicationId: app.applicationId, objectType: type, localId: { in: part } },
        select: { localId: true },
      });
      for (const l of links) linked.add(`${type}|${l.localId}`);
    }
  }
  return wanted.filter(({ e }) => {
    if (e.action === "delete") return true;
    if (e.objectType === "user") return inScope.has(e.objectId) || linked.has(`user|${e.objectId}`);
    return scope.groupIds.has(e.objectId) || linked.has(`group|${e.objectId}`);
  });
}

/** Folds syncs into the object's waiting, never-attempted sync; returns the events still to queue. */
async function foldIntoWaitingSyncs<T extends { e: OutboxEvent }>(tx: Tx, applicationId: string, wanted: T[]): Promise<T[]> {
  const syncs = wanted.filter(({ e }) => e.action === "sync");
  if (syncs.length === 0) return wanted;
  const newest = new Map<string, { id: number; action: string; status: string; attempts: number }>();
  for (const type of ["user", "group"]) {
    const ids = [...new Set(syncs.filter(({ e }) => e.objectType === type).map(({ e }) => e.objectId))];
    for (const part of chunks(ids)) {
      const open = await tx.provisioningEvent.findMany({
        where: { applicationId, objectType: type, objectId: { in: part }, status: { in: OPEN_EVENT_STATUSES } },
        orderBy: { id: "asc" },
        select: { id: true, objectId: true, action: true, status: true, attempts: true },
      });
      for (const row of open) newest.set(`${type}|${row.objectId}`, row);
    }
  }
  const out: T[] = [];
  const folded = new Map<number, number>();
  for (const w of wanted) {
    const head = w.e.action === "sync" ? newest.get(`${w.e.objectType}|${w.e.objectId}`) : undefined;
    if (head && head.action === "sync" && head.status !== "processing" && head.attempts === 0) {
      folded.set(head.id, (folded.get(head.id) ?? 0) + 1);
      continue;
    }
    out.push(w);
  }
  for (const [eventId, more] of folded) {
    const row = await tx.provisioningLog.findFirst({ where: { eventId }, select: { id: true, detail: true } });
    if (!row) continue;
    const before = Number(/^(\d+) changes/.exec(row.detail ?? "")?.[1] ?? 1);
    const note = row.detail?.replace(/^\d+ changes queued together\.\s*/, "") ?? "";
    await tx.provisioningLog.update({
      where: { id: row.id },
      data: { detail: `${before + more} changes queued together. ${note}`.trim(), updatedAt: new Date() },
    });
  }
  return out;
}

/**
 * Re-evaluates an application's waiting events after its status, switch or connection changed:
 * while it cannot push, waiting events are kept as Deferred (with the reason); once it can, they
 * are released in their original order and the engine is woken.
 */
export async function refreshDeferral(applicationId: string): Promise<void> {
  const [app] = await db.$transaction((tx) => targetApplications(tx, applicationId));
  const now = new Date();
  if (!app) return;
  if (app.deferral) {
    await db.$transaction(async (tx) => {
      const waiting = await tx.provisioningEvent.findMany({ where: { applicationId, status: { in: ["pending", "deferred"] } }, select: { id: true } });
      const ids = waiting.map((w) => w.id);
      for (const part of chunks(ids)) {
        await tx.provisioningEvent.updateMany({ where: { id: { in: part }, status: { in: ["pending", "deferred"] } }, data: { status: "deferred" } });
        await tx.provisioningLog.updateMany({
          where: { eventId: { in: part }, result: { in: ["Pending", "Retrying", "Deferred"] } },
          data: { result: "Deferred", detail: app.deferral, nextAttemptAt: null, updatedAt: now },
        });
      }
    });
    return;
  }
  const released = await db.$transaction(async (tx) => {
    const deferred = await tx.provisioningEvent.findMany({ where: { applicationId, status: "deferred" }, select: { id: true } });
    const ids = deferred.map((d) => d.id);
    for (const part of chunks(ids)) {
      await tx.provisioningEvent.updateMany({
        where: { id: { in: part }, status: "deferred" },
        data: { status: "pending", attempts: 0, nextAttemptAt: now, lockedUntil: null },
      });
      await tx.provisioningLog.updateMany({
        where: { eventId: { in: part }, result: "Deferred" },
        data: { result: "Pending", attempts: 0, nextAttemptAt: null, updatedAt: now },
      });
    }
    return ids.length;
  });
  if (released > 0) notifyProvisioning();
}

/**
 * A directory transaction whose outbox events should go out at once: after it commits, the
 * in-process engine is woken instead of waiting for its next poll.
 */
export async function outboxTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await db.$transaction(fn);
  notifyProvisioning();
  return result;
}

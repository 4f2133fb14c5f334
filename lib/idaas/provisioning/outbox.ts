import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { OperationKey } from "./operations";
import { notifyProvisioning } from "./wake";

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
 */
export type OutboxEvent =
  | { objectType: "user"; objectId: string; action: "sync"; operation: "account.create" | "account.update" }
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

interface ActiveApp {
  applicationId: string;
  operations: Set<string>;
}

/** Applications that are Enabled, have provisioning switched on, and so may receive events. */
async function activeApplications(tx: Tx): Promise<ActiveApp[]> {
  const rows = await tx.provisioningConfig.findMany({
    where: { enabled: true, application: { status: "Enabled" } },
    select: { applicationId: true, operationsJson: true },
  });
  return rows.map((r) => ({ applicationId: r.applicationId, operations: new Set(parseList(r.operationsJson)) }));
}

function parseList(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x) => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/**
 * Scope moves are delivered as account updates: an account leaving scope is disabled remotely,
 * one entering scope is created/enabled. Callers pass "account.update" for those.
 */
export async function enqueue(tx: Tx, events: OutboxEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const apps = await activeApplications(tx);
  const rows: Prisma.ProvisioningEventCreateManyInput[] = [];
  for (const app of apps) {
    for (const e of events) {
      if (!app.operations.has(e.operation satisfies OperationKey)) continue;
      const payload =
        e.action === "delete"
          ? { snapshot: e.snapshot }
          : e.objectType === "membership"
            ? { accountId: e.accountId }
            : {};
      rows.push({
        applicationId: app.applicationId,
        objectType: e.objectType,
        objectId: e.objectId,
        action: e.action,
        payloadJson: JSON.stringify({ operation: e.operation, ...payload }),
      });
    }
  }
  if (rows.length > 0) await tx.provisioningEvent.createMany({ data: rows });
  return rows.length;
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

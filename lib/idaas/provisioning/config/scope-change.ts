import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueue, type OutboxEvent } from "../engine/outbox";
import { accountIdsInScope, resolveScope } from "./scope";

type Scope = { unitIds: string[]; groupIds: string[] };

/**
 * What a change of one application's provisioning scope means for its objects, worked out before
 * the change is saved: accounts entering the scope are created or re-enabled, accounts leaving it
 * are disabled, groups entering it are created with their members — all in real time.
 */
export async function planScopeChange(instanceId: string, before: Scope, after: Scope) {
  const [was, now] = await Promise.all([
    resolveScope(instanceId, before).then((s) => accountIdsInScope(instanceId, s)),
    resolveScope(instanceId, after).then((s) => accountIdsInScope(instanceId, s)),
  ]);
  const accounts = [...now].filter((id) => !was.has(id)).concat([...was].filter((id) => !now.has(id)));
  const previousGroups = new Set(before.groupIds);
  const groups = after.groupIds.filter((id) => !previousGroups.has(id));
  return { accounts, groups };
}

/** Queues the planned syncs for that application only, in the transaction that saves the scope. */
export async function enqueueScopeChange(tx: Prisma.TransactionClient, applicationId: string, plan: { accounts: string[]; groups: string[] }) {
  const events: OutboxEvent[] = [
    ...plan.accounts.map((id): OutboxEvent => ({ objectType: "user", objectId: id, action: "sync", operation: "account.update" })),
    ...plan.groups.map((id): OutboxEvent => ({ objectType: "group", objectId: id, action: "sync", operation: "group.create" })),
  ];
  return enqueue(tx, events, { onlyApplicationId: applicationId });
}

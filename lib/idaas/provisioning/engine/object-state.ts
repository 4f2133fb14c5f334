import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseStringList } from "../config/config-store";
import { deferralReason, storedReadiness } from "../config/push-readiness";
import { isAccountInScope, isGroupInScope, resolveScope } from "../config/scope";
import { ObjectState } from "../vocabulary";
import { OPEN_EVENT_STATUSES } from "./outbox";

/** One account's or group's provisioning state at one application of its instance. */
export interface ObjectProvisioningState {
  applicationId: string;
  applicationName: string;
  state: ObjectState;
  /**
   * Synchronized: the last successful delivery; Failed: the failure; Waiting / Deferred: the
   * oldest open change. Null when nothing happened yet.
   */
  at: string | null;
  /**
   * Failed: "409 uniqueness — <the target's detail>"; Deferred: why ("application disabled");
   * Waiting: the last error while it is retried; otherwise null.
   */
  detail: string | null;
  inScope: boolean;
  /** The object's id at the application, once provisioned. */
  remoteId: string | null;
}

type ObjectRef = { type: "user"; id: string } | { type: "group"; id: string };

const SETTLED = ["Success", "Failed"];

/** "Deferred — application disabled. Delivered when…" → "application disabled". */
function shortReason(reason: string | null): string {
  if (!reason) return "waiting to be released";
  return reason.replace(/^Deferred — /, "").split(".")[0];
}

function failure(log: { httpStatus: number | null; scimType: string | null; detail: string | null }): string {
  const head = [log.httpStatus, log.scimType].filter((x) => x !== null && x !== "").join(" ");
  return [head, log.detail].filter(Boolean).join(" — ") || "the delivery failed";
}

function eventWhere(o: ObjectRef): Prisma.ProvisioningEventWhereInput {
  // A group's member changes are events of the group (objectId = the group's id).
  return o.type === "user" ? { objectType: "user", objectId: o.id } : { objectType: { in: ["group", "membership"] }, objectId: o.id };
}

function logWhere(o: ObjectRef): Prisma.ProvisioningLogWhereInput {
  // Member entries are named "<groupId>/<accountId>".
  return o.type === "user"
    ? { objectType: "user", objectId: o.id }
    : { OR: [{ objectType: "group", objectId: o.id }, { objectType: "membership", objectId: { startsWith: `${o.id}/` } }] };
}

async function objectState(instanceId: string, o: ObjectRef): Promise<ObjectProvisioningState[]> {
  const apps = await db.idaasApplication.findMany({
    where: { instanceId },
    include: { provisioning: true },
    orderBy: { createdAt: "asc" },
  });
  if (apps.length === 0) return [];
  const appIds = apps.map((a) => a.id);
  const [links, open] = await Promise.all([
    db.provisioningLink.findMany({ where: { applicationId: { in: appIds }, objectType: o.type, localId: o.id } }),
    db.provisioningEvent.findMany({
      where: { applicationId: { in: appIds }, status: { in: OPEN_EVENT_STATUSES }, ...eventWhere(o) },
      select: { applicationId: true, status: true, createdAt: true, lastError: true, lastHttpStatus: true, attempts: true },
      orderBy: { id: "asc" },
    }),
  ]);
  return Promise.all(
    apps.map(async (app): Promise<ObjectProvisioningState> => {
      const c = app.provisioning;
      const scope = await resolveScope(instanceId, {
        unitIds: c ? parseStringList(c.scopeUnitIdsJson) : [],
        groupIds: c ? parseStringList(c.scopeGroupIdsJson) : [],
      });
      const inScope = o.type === "user" ? await isAccountInScope(scope, o.id) : isGroupInScope(scope, o.id);
      const link = links.find((l) => l.applicationId === app.id) ?? null;
      const base = { applicationId: app.id, applicationName: app.name, inScope, remoteId: link?.remoteId ?? null };

      const events = open.filter((e) => e.applicationId === app.id);
      const moving = events.filter((e) => e.status !== "deferred");
      if (moving.length > 0) {
        const retried = [...moving].reverse().find((e) => e.lastError);
        return {
          ...base,
          state: ObjectState.Waiting,
          at: moving[0].createdAt.toISOString(),
          detail: retried ? `retrying after ${failure({ httpStatus: retried.lastHttpStatus, scimType: null, detail: retried.lastError })}` : null,
        };
      }
      if (events.length > 0) {
        return {
          ...base,
          state: ObjectState.Deferred,
          at: events[0].createdAt.toISOString(),
          detail: shortReason(deferralReason(storedReadiness(app, c))),
        };
      }

      const last = await db.provisioningLog.findFirst({
        where: { applicationId: app.id, result: { in: SETTLED }, ...logWhere(o) },
        orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
        select: { result: true, httpStatus: true, scimType: true, detail: true, updatedAt: true },
      });
      if (last?.result === "Failed") {
        return { ...base, state: ObjectState.Failed, at: last.updatedAt.toISOString(), detail: failure(last) };
      }
      if (!inScope || link?.disabled) {
        return { ...base, state: ObjectState.OutOfScope, at: null, detail: null };
      }
      if (!link) return { ...base, state: ObjectState.NotProvisioned, at: null, detail: null };
      const at = last?.updatedAt ?? link.updatedAt;
      return { ...base, state: ObjectState.Synchronized, at: at.toISOString(), detail: null };
    }),
  );
}

/** Per application of the instance, the provisioning state of one account. */
export async function accountProvisioningState(instanceId: string, accountId: string) {
  const found = await db.idaasAccount.findFirst({ where: { id: accountId, instanceId }, select: { id: true } });
  if (!found) throw new NotFoundError(`Account ${accountId} does not exist.`);
  return { items: await objectState(instanceId, { type: "user", id: accountId }) };
}

/** Per application of the instance, the provisioning state of one group. */
export async function groupProvisioningState(instanceId: string, groupId: string) {
  const found = await db.idaasGroup.findFirst({ where: { id: groupId, instanceId }, select: { id: true } });
  if (!found) throw new NotFoundError(`Group ${groupId} does not exist.`);
  return { items: await objectState(instanceId, { type: "group", id: groupId }) };
}

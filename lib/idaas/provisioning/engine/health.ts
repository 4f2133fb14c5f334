import "server-only";
import { db } from "@/lib/db";
import { DomainError, NotFoundError } from "@/lib/errors";
import { deferralReason, storedReadiness } from "../config/push-readiness";
import { needsAttention, type ProvisioningHealth } from "./health-rules";
import { notifyProvisioning } from "./wake";

export type { ProvisioningHealth };

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

export async function healthOf(applicationIds: string[]): Promise<Map<string, ProvisioningHealth>> {
  const out = new Map<string, ProvisioningHealth>();
  if (applicationIds.length === 0) return out;
  const counts = await db.provisioningEvent.groupBy({
    by: ["applicationId", "status"],
    where: { applicationId: { in: applicationIds }, status: { in: ["pending", "processing", "deferred", "failed"] } },
    _count: { _all: true },
    _min: { firstFailedAt: true, createdAt: true },
  });
  const retrying = await db.provisioningEvent.groupBy({
    by: ["applicationId"],
    where: { applicationId: { in: applicationIds }, status: { in: ["pending", "processing"] }, attempts: { gt: 0 }, firstFailedAt: { not: null } },
    _count: { _all: true },
    _min: { firstFailedAt: true },
  });
  for (const id of applicationIds) {
    const of = (status: string) => counts.find((c) => c.applicationId === id && c.status === status);
    const waiting = (of("pending")?._count._all ?? 0) + (of("processing")?._count._all ?? 0) + (of("deferred")?._count._all ?? 0);
    const deferred = of("deferred")?._count._all ?? 0;
    const failed = of("failed")?._count._all ?? 0;
    const r = retrying.find((x) => x.applicationId === id);
    const retryingCount = r?._count._all ?? 0;
    const earliest = (dates: (Date | null | undefined)[]) => dates.filter((d): d is Date => !!d).sort((a, b) => +a - +b)[0] ?? null;
    const since = earliest([of("failed")?._min.firstFailedAt, r?._min.firstFailedAt]);
    const oldest = earliest([of("pending")?._min.createdAt, of("processing")?._min.createdAt, of("deferred")?._min.createdAt]);
    out.set(id, {
      applicationId: id,
      state: failed + retryingCount > 0 ? "Failing" : deferred > 0 ? "Deferred" : waiting > 0 ? "Waiting" : "Healthy",
      waiting,
      deferred,
      retrying: retryingCount,
      failed,
      failingSince: since ? since.toISOString() : null,
      oldestWaitingAt: oldest ? oldest.toISOString() : null,
      lastError: null,
      summary: "",
    });
  }
  const failing = [...out.values()].filter((h) => h.state === "Failing").map((h) => h.applicationId);
  for (const id of failing) {
    const last = await db.provisioningEvent.findFirst({
      where: { applicationId: id, lastError: { not: null }, status: { in: ["pending", "processing", "failed"] } },
      orderBy: { id: "desc" },
      select: { lastError: true, lastHttpStatus: true },
    });
    if (last?.lastError) out.get(id)!.lastError = last.lastHttpStatus ? `${last.lastHttpStatus}, ${last.lastError}` : last.lastError;
  }
  const reasons = await deferralReasons(out);
  for (const h of out.values()) h.summary = summarize(h, reasons.get(h.applicationId) ?? null);
  return out;
}

async function deferralReasons(health: Map<string, ProvisioningHealth>) {
  const ids = [...health.values()].filter((h) => h.deferred > 0).map((h) => h.applicationId);
  const rows = ids.length
    ? await db.provisioningConfig.findMany({
        where: { applicationId: { in: ids } },
        include: { application: { select: { status: true } } },
      })
    : [];
  return new Map(rows.map((r) => [r.applicationId, deferralReason(storedReadiness(r.application, r))]));
}

function summarize(h: ProvisioningHealth, deferral: string | null): string {
  if (h.state === "Healthy") return "Healthy";
  if (h.state === "Waiting") return `${plural(h.waiting, "change")} waiting`;
  if (h.state === "Deferred") {
    const why = deferral ? deferral.replace(/^Deferred — /, "").split(".")[0] : "waiting to be released";
    return `${plural(h.deferred, "change")} kept — ${why}`;
  }
  const parts = [
    h.waiting > 0 ? `${plural(h.waiting, "change")} waiting` : null,
    h.failed > 0 ? `${plural(h.failed, "change")} failed` : null,
  ].filter(Boolean);
  return `${parts.join(", ")}${h.lastError ? ` — last error: ${h.lastError}` : ""}`;
}

async function appOfInstance(instanceId: string, applicationId: string) {
  const app = await db.idaasApplication.findFirst({ where: { id: applicationId, instanceId }, include: { provisioning: true } });
  if (!app) throw new NotFoundError(`Application ${applicationId} does not exist.`);
  return app;
}

export async function getProvisioningHealth(instanceId: string, applicationId: string): Promise<ProvisioningHealth> {
  await appOfInstance(instanceId, applicationId);
  return (await healthOf([applicationId])).get(applicationId)!;
}

/** Every application of the instance whose changes need attention (the instance overview's banners). */
export async function instanceHealth(instanceId: string) {
  const apps = await db.idaasApplication.findMany({ where: { instanceId }, select: { id: true, name: true }, orderBy: { createdAt: "asc" } });
  const health = await healthOf(apps.map((a) => a.id));
  return apps.flatMap((a) => {
    const h = health.get(a.id)!;
    return needsAttention(h) ? [{ ...h, applicationName: a.name }] : [];
  });
}

/**
 * Retry Now: every waiting change is attempted at once and every failed one is queued again
 * (in its original order); refused with the reason while the application cannot push.
 */
export async function retryNow(instanceId: string, applicationId: string): Promise<{ retried: number }> {
  const app = await appOfInstance(instanceId, applicationId);
  const deferral = deferralReason(storedReadiness(app, app.provisioning));
  if (deferral) throw new DomainError(`Nothing can be retried now. ${deferral.replace(/^Deferred — /, "The changes are kept: ")}`, 409);
  const now = new Date();
  const retried = await db.$transaction(async (tx) => {
    const events = await tx.provisioningEvent.findMany({
      where: { applicationId, OR: [{ status: "failed" }, { status: "pending", attempts: { gt: 0 } }] },
      select: { id: true },
    });
    const ids = events.map((e) => e.id);
    if (ids.length === 0) return 0;
    await tx.provisioningEvent.updateMany({
      where: { id: { in: ids } },
      data: { status: "pending", attempts: 0, nextAttemptAt: now, lockedUntil: null },
    });
    await tx.provisioningLog.updateMany({
      where: { eventId: { in: ids }, result: { in: ["Retrying", "Failed"] } },
      data: { result: "Pending", attempts: 0, nextAttemptAt: null, detail: "Retry requested: delivering again now.", updatedAt: now },
    });
    return ids.length;
  });
  notifyProvisioning();
  return { retried };
}

/** Retry one Failed real-time log entry: its change is queued again. */
export async function retryLogEntry(instanceId: string, logId: number) {
  const entry = await db.provisioningLog.findUnique({ where: { id: logId } });
  const app = entry ? await db.idaasApplication.findFirst({ where: { id: entry.applicationId, instanceId }, select: { id: true } }) : null;
  if (!entry || !app) throw new NotFoundError(`Log entry ${logId} does not exist.`);
  if (entry.taskId || entry.eventId === null) throw new DomainError("Only real-time entries can be retried here. Use Retrigger on the task instead.", 400);
  if (entry.result !== "Failed") throw new DomainError(`This entry is ${entry.result}, not Failed: there is nothing to retry.`, 409);
  const now = new Date();
  const ok = await db.$transaction(async (tx) => {
    const res = await tx.provisioningEvent.updateMany({
      where: { id: entry.eventId!, status: { in: ["failed", "resolved"] } },
      data: { status: "pending", attempts: 0, nextAttemptAt: now, lockedUntil: null },
    });
    if (res.count === 0) return false;
    await tx.provisioningLog.update({
      where: { id: logId },
      data: { result: "Pending", attempts: 0, nextAttemptAt: null, detail: "Retry requested: delivering again now.", updatedAt: now },
    });
    return true;
  });
  if (!ok) throw new DomainError("This change is no longer queued and cannot be retried. Use Push Now to push the current state.", 409);
  notifyProvisioning();
  return { ok: true };
}

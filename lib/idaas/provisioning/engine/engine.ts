import "server-only";
import { db } from "@/lib/db";
import { groupBy } from "@/lib/group-by";
import { MappingError } from "@/lib/idaas/mapping/index";
import { isScimClientError, retryDelay } from "@/lib/scim/client";
import { loadAppContext } from "../deliver/app-context";
import { deliverEvent, type OutboxRow } from "../deliver/event";
import type { AppContext } from "../deliver/types";
import { acquireLease, releaseLease } from "./lease";
import { engineSettings } from "./settings";
import { OPEN_EVENT_STATUSES, refreshDeferral } from "./outbox";
import { deferralReason, targetReadiness } from "../config/push-readiness";
import { runPushTask } from "../tasks/push-runner";
import { ACTIVE_TASK_STATUSES } from "../vocabulary";
import { deferEvents, failEvents, markRetrying, settleAfterPush, settleEvents, skipEvents } from "./realtime-log";
import { describeError, isFatal, isRetryable, retryAfterMs } from "../deliver/target-client";
import { onProvisioningWake } from "./wake";

/**
 * The provisioning engine: a loop that delivers outbox events in order per object and runs Push
 * Now tasks. Started once per server process (lib/server-start.ts) or as its own process
 * (scripts/provisioning-worker.ts); only the lease holder works (engine-lease.ts).
 */
const CLAIM_MS = 60_000;
const SCAN = 300;

interface EngineState {
  started: boolean;
  stopping: boolean;
  leaseHeld: boolean;
  leaseCheckedAt: number;
  recovered: boolean;
  inFlight: Set<string>;
  runningTasks: Map<string, Promise<void>>;
  /** Per running Push Now: its application and start; that application's older events wait for it. */
  holds: Map<string, Hold>;
  deliveries: Set<Promise<void>>;
  timer: NodeJS.Timeout | null;
  ticking: boolean;
  again: boolean;
  prunedAt: number;
  unsubscribe: (() => void) | null;
}

const g = globalThis as unknown as { provisioningEngine?: EngineState };
const state: EngineState = (g.provisioningEngine ??= {
  started: false,
  stopping: false,
  leaseHeld: false,
  leaseCheckedAt: 0,
  recovered: false,
  inFlight: new Set(),
  runningTasks: new Map(),
  holds: new Map(),
  deliveries: new Set(),
  timer: null,
  ticking: false,
  again: false,
  prunedAt: 0,
  unsubscribe: null,
});

interface Hold {
  applicationId: string;
  startTime: Date;
}

const keyOf = (e: { applicationId: string; objectType: string; objectId: string }) => `${e.applicationId}|${e.objectType}|${e.objectId}`;

/** Starts the loop in this process; a second call is a no-op. */
export function startProvisioningEngine(): void {
  if (state.started) return;
  state.started = true;
  state.stopping = false;
  state.unsubscribe = onProvisioningWake(() => wake());
  schedule(0);
}

export async function stopProvisioningEngine(): Promise<void> {
  state.stopping = true;
  state.started = false;
  state.unsubscribe?.();
  state.unsubscribe = null;
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  await Promise.allSettled([...state.deliveries, ...state.runningTasks.values()]);
  if (state.leaseHeld) await releaseLease().catch(() => undefined);
  state.leaseHeld = false;
  state.recovered = false;
}

function schedule(ms: number) {
  if (state.stopping || !state.started) return;
  if (state.timer) clearTimeout(state.timer);
  state.timer = setTimeout(() => void tick(), ms);
}

function wake() {
  if (state.ticking) state.again = true;
  else schedule(0);
}

async function tick(): Promise<void> {
  state.timer = null;
  if (state.ticking) {
    state.again = true;
    return;
  }
  state.ticking = true;
  try {
    await step();
  } catch (err) {
    console.error("provisioning engine:", err instanceof Error ? err.message : err);
  } finally {
    state.ticking = false;
    const again = state.again;
    state.again = false;
    schedule(again ? 0 : engineSettings().pollMs);
  }
}

/** One pass: hold the lease, recover after a crash, start tasks, claim and start deliveries. */
async function step(): Promise<void> {
  const now = Date.now();
  if (!state.leaseHeld || now - state.leaseCheckedAt > 3_000) {
    state.leaseHeld = await acquireLease();
    state.leaseCheckedAt = now;
  }
  if (!state.leaseHeld) return;
  if (!state.recovered) await recover();
  await startTasks();
  const budget = engineSettings().eventConcurrency - state.deliveries.size;
  if (budget > 0) {
    const claimed = await claim(budget);
    for (const batch of claimed) track(batch);
  }
  if (now - state.prunedAt > 60_000) {
    state.prunedAt = now;
    await db.provisioningEvent.deleteMany({ where: { status: { in: ["done", "skipped", "resolved"] }, createdAt: { lt: new Date(now - 3_600_000) } } });
  }
}

/**
 * After a crash, as the lease holder: rows claimed by the gone process go back to pending, and
 * kept (deferred) changes are re-judged — the process may have died between enabling an
 * application and releasing them, which would otherwise leave them kept for good.
 */
async function recover() {
  await db.provisioningEvent.updateMany({ where: { status: "processing" }, data: { status: "pending", lockedUntil: null } });
  const kept = await db.provisioningEvent.findMany({ where: { status: "deferred" }, distinct: ["applicationId"], select: { applicationId: true } });
  for (const { applicationId } of kept) await refreshDeferral(applicationId);
  state.recovered = true;
}

async function startTasks() {
  const tasks = await db.provisioningTask.findMany({
    where: { status: { in: ACTIVE_TASK_STATUSES } },
    select: { id: true, applicationId: true, startTime: true },
    orderBy: { startTime: "asc" },
  });
  for (const t of tasks) {
    if (state.runningTasks.has(t.id)) continue;
    // Changes queued before Push Now was clicked are what the push is about to read and push: the
    // engine leaves them to it instead of racing it object by object, and settleAfterPush settles
    // the ones it pushed. Changes made while it runs are delivered as usual.
    state.holds.set(t.id, { applicationId: t.applicationId, startTime: t.startTime });
    const run = runPushTask(t.id)
      .then(() => settleAfterPush(t.id))
      .catch((err) => console.error("push task failed:", err instanceof Error ? err.message : err))
      .finally(() => {
        state.runningTasks.delete(t.id);
        state.holds.delete(t.id);
        wake();
      });
    state.runningTasks.set(t.id, run);
  }
}

type Claimed = OutboxRow & { attempts: number; coalesced: number[] };

/**
 * Claims the head event of up to `max` objects. Only an object's oldest open event may run, so
 * events stay in order per object even when an earlier one is waiting to be retried. A run of
 * "sync" events for one object is claimed together: they are level-triggered, one push settles
 * them all.
 */
async function claim(max: number): Promise<Claimed[]> {
  const now = new Date();
  const holds = [...state.holds.values()];
  const held = (e: { applicationId: string; createdAt: Date }) => holds.some((h) => h.applicationId === e.applicationId && e.createdAt < h.startTime);
  const due = await db.provisioningEvent.findMany({
    where: {
      status: "pending",
      nextAttemptAt: { lte: now },
      ...(holds.length > 0 ? { NOT: holds.map((h) => ({ applicationId: h.applicationId, createdAt: { lt: h.startTime } })) } : {}),
    },
    orderBy: { id: "asc" },
    take: SCAN,
    select: { applicationId: true, objectType: true, objectId: true },
  });
  const keys = new Map<string, { applicationId: string; objectType: string; objectId: string }>();
  for (const e of due) if (!state.inFlight.has(keyOf(e)) && keys.size < max) keys.set(keyOf(e), e);
  if (keys.size === 0) return [];
  const open = await db.provisioningEvent.findMany({
    where: { status: { in: OPEN_EVENT_STATUSES }, OR: [...keys.values()] },
    orderBy: { id: "asc" },
  });
  const byKey = groupBy(open, keyOf);
  const out: Claimed[] = [];
  for (const [key, rows] of byKey) {
    const head = rows[0];
    // A later change of an object whose earlier one is left to the running push waits behind it.
    if (head.status !== "pending" || head.nextAttemptAt > now || held(head)) continue;
    const ids = [head.id];
    if (head.action === "sync") {
      for (const r of rows.slice(1)) {
        if (r.action !== "sync" || r.status !== "pending") break;
        ids.push(r.id);
      }
    }
    const res = await db.provisioningEvent.updateMany({
      where: { id: { in: ids }, status: "pending" },
      data: { status: "processing", lockedUntil: new Date(Date.now() + CLAIM_MS) },
    });
    if (res.count === 0) continue;
    state.inFlight.add(key);
    out.push({ ...head, attempts: head.attempts + 1, coalesced: ids });
  }
  return out;
}

function track(e: Claimed) {
  const p = deliverClaimed(e)
    .catch((err) => console.error("provisioning delivery:", err instanceof Error ? err.message : err))
    .finally(() => {
      state.inFlight.delete(keyOf(e));
      state.deliveries.delete(p);
      wake();
    });
  state.deliveries.add(p);
}

async function deliverClaimed(e: Claimed): Promise<void> {
  let ctx: AppContext | null = null;
  try {
    ctx = await loadAppContext(e.applicationId);
  } catch (err) {
    return reschedule(e, err);
  }
  if (!ctx) return skipEvents(e.coalesced, "The application no longer exists.");
  const deferral = deferralReason(targetReadiness(ctx.target));
  if (deferral) {
    await deferEvents(e.coalesced, deferral);
    // The application may have been enabled while this delivery was being claimed.
    return refreshDeferral(e.applicationId);
  }
  const started = Date.now();
  try {
    const outcomes = await deliverEvent(ctx, e);
    await settleEvents(e, outcomes, Date.now() - started);
  } catch (err) {
    // Transient target trouble, a refused token (an admin will fix it) and unexpected local
    // errors are retried; a 4xx answer or an invalid Field Mapping is final.
    const transient = isRetryable(err) || isFatal(err) || !(isScimClientError(err) || err instanceof MappingError);
    const retry = transient && e.attempts < engineSettings().eventAttempts;
    if (retry) return reschedule(e, err);
    await failEvents(e, describeError(err), Date.now() - started);
  }
}

/** Transient failure: back to pending with a later nextAttemptAt; the loop never sleeps. */
async function reschedule(e: Claimed, err: unknown) {
  const delay = retryDelay(e.attempts, retryAfterMs(err), engineSettings());
  await markRetrying(e, describeError(err), new Date(Date.now() + delay), engineSettings().eventAttempts);
  setTimeout(wake, delay + 5).unref?.();
}

/**
 * Delivers everything due now and waits for it (tests and the benchmark drive the engine this
 * way instead of through the timer loop).
 */
export async function drainOutbox(): Promise<void> {
  for (;;) {
    if (!state.leaseHeld) state.leaseHeld = await acquireLease();
    if (!state.leaseHeld) return;
    if (!state.recovered) await recover();
    const claimed = await claim(engineSettings().eventConcurrency);
    if (claimed.length === 0 && state.deliveries.size === 0) return;
    for (const batch of claimed) track(batch);
    await Promise.race([...state.deliveries]);
  }
}

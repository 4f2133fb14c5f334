import "server-only";
import { db } from "@/lib/db";
import { insertRows } from "@/lib/db-bulk";
import type { Prisma } from "@/lib/generated/prisma/client";
import { markLinksWritten, stageLink, writeLinkChanges } from "../deliver/links";
import type { Delivery, Outcome } from "../deliver/types";
import { countInto, type TaskCounters } from "./counters";
import type { UNSETTLED_RESULTS } from "../vocabulary";

/**
 * Writes outcomes and their link changes in batches, in one transaction each, so a log row
 * exists exactly when its link change does — which is what makes a resumed task neither miss
 * nor double-count an object.
 */
export class TaskWriter {
  private buffer: Delivery[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  /** Batches taken but not yet written. */
  private queued = 0;

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
    this.queued++;
    this.flushing = this.flushing.then(async () => {
      this.queued--;
      const links = batch.flatMap((d) => (d.link ? [d.link] : []));
      for (const d of batch) countInto(this.counters, d.outcome.objectType, d.outcome.action, d.outcome.result);
      this.done += batch.length;
      await db.$transaction(async (tx) => {
        await writeLinkChanges(links, tx);
        await insertLogRows(tx, batch.map((d) => logRow(this.applicationId, this.taskId, d.outcome)));
        await tx.provisioningTask.update({
          where: { id: this.taskId },
          data: { done: this.done, countersJson: JSON.stringify(this.counters), ...(extra.total !== undefined ? { total: extra.total } : {}) },
        });
      });
      markLinksWritten(links);
    });
    return this.flushing;
  }

  /**
   * Lets a producer wait while the database is behind: a push that records outcomes faster than
   * they are written (100,000 unchanged users) would otherwise hold every one in memory.
   */
  async keepUp(): Promise<void> {
    if (this.queued > 2) await this.flushing;
  }
}

export type LogRow = ReturnType<typeof logRow>;

/** A log entry's row: an outcome, or (a real-time change just queued) its waiting result. */
export function logRow(
  applicationId: string,
  taskId: string | null,
  o: Omit<Outcome, "result"> & { result: Outcome["result"] | (typeof UNSETTLED_RESULTS)[number] },
  eventId: number | null = null,
) {
  const now = new Date();
  return {
    applicationId,
    taskId,
    eventId,
    objectType: o.objectType,
    objectId: o.objectId,
    objectName: o.objectName,
    action: o.action,
    result: o.result,
    httpStatus: o.httpStatus ?? null,
    scimType: o.scimType ?? null,
    detail: o.detail ? o.detail.slice(0, 2000) : null,
    durationMs: Math.max(0, Math.round(o.durationMs ?? 0)),
    attempts: 0,
    maxAttempts: 0,
    createdAt: now,
    updatedAt: now,
  };
}

const LOG_COLUMNS: (keyof LogRow)[] = [
  "applicationId",
  "taskId",
  "eventId",
  "objectType",
  "objectId",
  "objectName",
  "action",
  "result",
  "httpStatus",
  "scimType",
  "detail",
  "durationMs",
  "attempts",
  "maxAttempts",
  "createdAt",
  "updatedAt",
];

/** Log entries in bulk (a push writes one per object): a few multi-row statements (lib/db-bulk). */
export async function insertLogRows(tx: Prisma.TransactionClient, rows: LogRow[]): Promise<void> {
  await insertRows(tx, "ProvisioningLog", LOG_COLUMNS, rows);
}

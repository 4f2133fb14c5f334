import "server-only";
import os from "node:os";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";

/**
 * One engine per database: the holder of this lease (an AppSetting row) delivers events and runs
 * tasks; any other process stays on standby. That keeps per-object ordering and the in-process
 * object locks sufficient. A holder that died on this host is replaced at once (its pid is gone);
 * otherwise the lease expires after LEASE_MS without renewal.
 */
const KEY = "provisioning.engine-lease";
const LEASE_MS = 15_000;

interface Lease {
  owner: string;
  host: string;
  pid: number;
  expiresAt: number;
}

export const leaseOwner = `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes or renews the lease; true when this process holds it. */
export async function acquireLease(): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const row = await tx.appSetting.findUnique({ where: { key: KEY } });
    let current: Lease | null = null;
    try {
      current = row ? (JSON.parse(row.value) as Lease) : null;
    } catch {
      current = null;
    }
    const now = Date.now();
    const free =
      !current ||
      current.owner === leaseOwner ||
      current.expiresAt < now ||
      (current.host === os.hostname() && current.pid !== process.pid && !alive(current.pid));
    if (!free) return false;
    const value = JSON.stringify({ owner: leaseOwner, host: os.hostname(), pid: process.pid, expiresAt: now + LEASE_MS } satisfies Lease);
    await tx.appSetting.upsert({ where: { key: KEY }, update: { value }, create: { key: KEY, value } });
    return true;
  });
}

export async function releaseLease(): Promise<void> {
  const row = await db.appSetting.findUnique({ where: { key: KEY } });
  if (row && row.value.includes(`"owner":"${leaseOwner}"`)) await db.appSetting.delete({ where: { key: KEY } }).catch(() => undefined);
}

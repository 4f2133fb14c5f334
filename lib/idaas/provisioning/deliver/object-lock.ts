/**
 * Serialises work on one remote object inside the engine process: the real-time deliveries and
 * a running Push Now never write the same user or group at the same time, so a slower stale
 * write cannot overtake a newer one. One engine runs per database (see engine-lease.ts).
 */
const g = globalThis as unknown as { provisioningObjectLocks?: Map<string, Promise<unknown>> };
const locks = (g.provisioningObjectLocks ??= new Map());

export function objectKey(applicationId: string, objectType: string, objectId: string): string {
  return `${applicationId}|${objectType}|${objectId}`;
}

export async function withObjectLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = locks.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const chain = previous.then(() => mine);
  locks.set(key, chain);
  try {
    await previous;
    return await fn();
  } finally {
    release();
    if (locks.get(key) === chain) locks.delete(key);
  }
}

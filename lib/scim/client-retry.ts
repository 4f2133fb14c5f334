import { ScimClientError } from "./client-errors";

/**
 * Exponential backoff with full jitter (delay = random(0, min(cap, base·2^n))) that honours a
 * server's Retry-After. Written here because no retry library is installed (p-retry is not) and
 * the loop is small; the sleep and random source are injectable so tests run instantly.
 */
export interface RetryOptions {
  /** Total attempts including the first (default 5). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for; the error is thrown instead (default 60 s). */
  maxRetryAfterMs?: number;
  /** Default: ScimClientError.retryable. */
  shouldRetry?: (err: unknown, attempt: number) => boolean;
  onRetry?: (info: { error: unknown; attempt: number; delayMs: number }) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  signal?: AbortSignal;
}

export function isRetryable(err: unknown): boolean {
  return err instanceof ScimClientError && err.retryable;
}

export function retryDelay(
  err: unknown,
  attempt: number,
  opts: Required<Pick<RetryOptions, "baseDelayMs" | "maxDelayMs" | "random">>,
): number {
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(opts.random() * ceiling);
  const retryAfter = err instanceof ScimClientError ? err.retryAfterMs : null;
  return retryAfter != null ? Math.max(retryAfter, jittered) : jittered;
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 5));
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const shouldRetry = options.shouldRetry ?? isRetryable;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;

  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= maxAttempts || options.signal?.aborted || !shouldRetry(err, attempt)) throw err;
      const retryAfter = err instanceof ScimClientError ? err.retryAfterMs : null;
      if (retryAfter != null && retryAfter > maxRetryAfterMs) throw err;
      const delayMs = retryDelay(err, attempt, { baseDelayMs, maxDelayMs, random });
      options.onRetry?.({ error: err, attempt, delayMs });
      await sleep(delayMs, options.signal);
    }
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

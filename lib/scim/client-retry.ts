import pRetry from "p-retry";
import { ScimClientError, isRetryable } from "./client-errors";

/**
 * The one retry policy for outbound SCIM calls. Push Now retries a delivery in place with
 * `withRetry`; the real-time engine never sleeps, it reschedules an event `retryDelay` later —
 * both compute their waits with `retryDelay`, so the two cannot drift apart.
 */

/** A server's Retry-After is honoured up to this long; a longer one is waited for this long. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

export interface Backoff {
  /** Ceiling of the first wait; it doubles per attempt. */
  baseDelayMs: number;
  /** The doubling stops here. */
  maxDelayMs: number;
}

/**
 * Wait after failed attempt `attempt` (1-based): exponential backoff with equal jitter — half of
 * min(max, base·2^(attempt−1)) fixed, the other half random — so waits grow steadily yet spread.
 * A server's Retry-After wins when it asks for longer (capped at MAX_RETRY_AFTER_MS).
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | null | undefined,
  backoff: Backoff,
  random: () => number = Math.random,
): number {
  const exp = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}

export interface RetryOptions extends Backoff {
  /** Total attempts including the first. */
  attempts: number;
  /** Injectable so tests run instantly. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * Runs `fn` until it succeeds, throws an error that is not retryable (ScimClientError.retryable:
 * 429, 5xx, timeouts, dropped or refused connections), or `attempts` are used up; then rethrows
 * the last error. On p-retry: its own backoff is switched off (minTimeout 0) and the wait happens
 * in its shouldRetry hook, the one place that sees both the error (with its Retry-After) and the
 * attempt number.
 */
export function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  return pRetry(fn, {
    retries: Math.max(0, Math.floor(options.attempts) - 1),
    minTimeout: 0,
    shouldRetry: async ({ error, attemptNumber }) => {
      if (!isRetryable(error)) return false;
      const retryAfterMs = error instanceof ScimClientError ? error.retryAfterMs : null;
      await sleep(retryDelay(attemptNumber, retryAfterMs, options, options.random));
      return true;
    },
  });
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

import { describe, expect, it } from "vitest";
import { ScimClientError, isRetryable } from "./client-errors";
import { MAX_RETRY_AFTER_MS, retryDelay, withRetry } from "./client-retry";

function recorder() {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
}

const backoff = { baseDelayMs: 100, maxDelayMs: 1000 };
const unavailable = () => new ScimClientError("server_error", "boom", { httpStatus: 503 });

describe("retryDelay", () => {
  it("doubles per attempt with equal jitter: half the ceiling fixed, half random", () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, null, backoff, () => 0))).toEqual([50, 100, 200, 400]);
    expect([1, 2, 3, 4].map((n) => retryDelay(n, null, backoff, () => 0.5))).toEqual([75, 150, 300, 600]);
    expect(retryDelay(1, null, backoff, () => 1)).toBe(100);
  });

  it("caps the exponential ceiling at maxDelayMs", () => {
    expect(retryDelay(10, null, backoff, () => 0.999)).toBe(999.5);
    expect(retryDelay(40, null, backoff, () => 0)).toBe(500);
  });

  it("lets a longer Retry-After win and ignores a shorter one", () => {
    expect(retryDelay(1, 2000, backoff, () => 0.5)).toBe(2000);
    expect(retryDelay(3, 10, backoff, () => 0.5)).toBe(300);
    expect(retryDelay(1, 0, backoff, () => 0)).toBe(50);
  });

  it("waits at most five minutes for a Retry-After", () => {
    expect(MAX_RETRY_AFTER_MS).toBe(300_000);
    expect(retryDelay(1, 86_400_000, backoff, () => 0)).toBe(300_000);
  });

  it("stays within its bounds with the real random source", () => {
    for (let i = 0; i < 200; i++) {
      const d = retryDelay(3, null, backoff);
      expect(d).toBeGreaterThanOrEqual(200);
      expect(d).toBeLessThanOrEqual(400);
    }
  });
});

describe("isRetryable", () => {
  it("is true for 429, 5xx, timeouts and dropped or refused connections only", () => {
    for (const kind of ["rate_limited", "server_error", "timeout", "dropped_connection", "connection_refused"] as const) {
      expect(isRetryable(new ScimClientError(kind, kind)), kind).toBe(true);
    }
    for (const kind of ["unauthorized", "forbidden", "conflict", "bad_request", "not_found", "tls", "forbidden_address"] as const) {
      expect(isRetryable(new ScimClientError(kind, kind)), kind).toBe(false);
    }
    expect(isRetryable(new Error("plain"))).toBe(false);
    expect(isRetryable("503")).toBe(false);
  });
});

describe("withRetry", () => {
  it("retries retryable errors with the backoff until success, numbering the attempts", async () => {
    const { sleeps, sleep } = recorder();
    const seen: number[] = [];
    const result = await withRetry(
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 4) throw unavailable();
        return "ok";
      },
      { ...backoff, attempts: 6, sleep, random: () => 0.5 },
    );
    expect(result).toBe("ok");
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(sleeps).toEqual([75, 150, 300]);
  });

  it("waits at least Retry-After", async () => {
    const { sleeps, sleep } = recorder();
    let n = 0;
    await withRetry(
      async () => {
        if (n++ === 0) throw new ScimClientError("rate_limited", "slow down", { httpStatus: 429, retryAfterMs: 2000 });
        return 1;
      },
      { ...backoff, attempts: 3, sleep, random: () => 0.1 },
    );
    expect(sleeps).toEqual([2000]);
  });

  it("still retries after a Retry-After beyond five minutes, waiting five minutes", async () => {
    const { sleeps, sleep } = recorder();
    let n = 0;
    const result = await withRetry(
      async () => {
        if (n++ === 0) throw new ScimClientError("rate_limited", "come back tomorrow", { retryAfterMs: 86_400_000 });
        return "later";
      },
      { ...backoff, attempts: 3, sleep },
    );
    expect(result).toBe("later");
    expect(sleeps).toEqual([MAX_RETRY_AFTER_MS]);
  });

  it("does not retry permanent errors", async () => {
    const { sleeps, sleep } = recorder();
    const err = new ScimClientError("conflict", "taken", { httpStatus: 409 });
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw err; }, { ...backoff, attempts: 5, sleep })).rejects.toBe(err);
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it("does not retry errors that are not SCIM client errors", async () => {
    const { sleeps, sleep } = recorder();
    for (const err of [new Error("database is locked"), new TypeError("x is not a function")]) {
      let calls = 0;
      await expect(withRetry(async () => { calls++; throw err; }, { ...backoff, attempts: 5, sleep })).rejects.toBe(err);
      expect(calls).toBe(1);
    }
    expect(sleeps).toEqual([]);
  });

  it("stops after its attempts and rethrows the last error", async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    await expect(
      withRetry(async () => { calls++; throw new ScimClientError("timeout", `t${calls}`); }, { ...backoff, attempts: 3, sleep }),
    ).rejects.toThrow("t3");
    expect(calls).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it("makes one attempt when attempts is 1", async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw unavailable(); }, { ...backoff, attempts: 1, sleep })).rejects.toThrow("boom");
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it("really sleeps the computed delay and adds no wait of its own", async () => {
    let calls = 0;
    const started = performance.now();
    await withRetry(
      async () => {
        if (calls++ < 2) throw unavailable();
        return null;
      },
      { baseDelayMs: 40, maxDelayMs: 40, attempts: 3, random: () => 0 },
    );
    const elapsed = performance.now() - started;
    expect(calls).toBe(3);
    expect(elapsed).toBeGreaterThanOrEqual(38);
    // p-retry's own backoff (1 s by default) must stay switched off.
    expect(elapsed).toBeLessThan(900);
  });
});

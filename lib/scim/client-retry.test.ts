import { describe, expect, it } from "vitest";
import { ScimClientError } from "./client-errors";
import { retryDelay, withRetry } from "./client-retry";

function recorder() {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
}

describe("withRetry", () => {
  it("retries retryable errors with exponential full-jitter delays until success", async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    const result = await withRetry(
      async (attempt) => {
        calls++;
        if (attempt < 4) throw new ScimClientError("server_error", "boom", { httpStatus: 503 });
        return "ok";
      },
      { sleep, random: () => 0.5, baseDelayMs: 100, maxDelayMs: 1000 },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(4);
    expect(sleeps).toEqual([50, 100, 200]);
  });

  it("caps the exponential ceiling at maxDelayMs", () => {
    const opts = { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999 };
    expect(retryDelay(new Error("x"), 10, opts)).toBe(999);
    expect(retryDelay(new Error("x"), 1, { ...opts, random: () => 0 })).toBe(0);
  });

  it("waits at least Retry-After", async () => {
    const { sleeps, sleep } = recorder();
    let n = 0;
    await withRetry(
      async () => {
        if (n++ === 0) throw new ScimClientError("rate_limited", "slow down", { httpStatus: 429, retryAfterMs: 2000 });
        return 1;
      },
      { sleep, random: () => 0.1 },
    );
    expect(sleeps).toEqual([2000]);
  });

  it("gives up on a Retry-After beyond maxRetryAfterMs", async () => {
    const { sleeps, sleep } = recorder();
    const err = new ScimClientError("rate_limited", "come back tomorrow", { retryAfterMs: 86_400_000 });
    await expect(withRetry(() => Promise.reject(err), { sleep })).rejects.toBe(err);
    expect(sleeps).toEqual([]);
  });

  it("does not retry permanent errors", async () => {
    const { sleeps, sleep } = recorder();
    const err = new ScimClientError("conflict", "taken", { httpStatus: 409 });
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw err; }, { sleep })).rejects.toBe(err);
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it("stops after maxAttempts and rethrows the last error", async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    await expect(
      withRetry(async () => { calls++; throw new ScimClientError("timeout", `t${calls}`); }, { sleep, maxAttempts: 3 }),
    ).rejects.toThrow("t3");
    expect(calls).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it("honours a custom shouldRetry and reports each retry", async () => {
    const { sleep } = recorder();
    const seen: number[] = [];
    let calls = 0;
    await withRetry(
      async () => {
        if (calls++ < 2) throw new Error("plain");
        return null;
      },
      { sleep, shouldRetry: () => true, onRetry: ({ attempt }) => seen.push(attempt) },
    );
    expect(seen).toEqual([1, 2]);
  });

  it("stops when the signal is aborted", async () => {
    const ctl = new AbortController();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          ctl.abort();
          throw new ScimClientError("server_error", "x");
        },
        { signal: ctl.signal, sleep: async () => {} },
      ),
    ).rejects.toThrow("x");
    expect(calls).toBe(1);
  });
});

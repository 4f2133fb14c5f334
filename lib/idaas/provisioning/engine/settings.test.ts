import { afterEach, describe, expect, it, vi } from "vitest";

const g = globalThis as unknown as { provisioningEngineSettings?: unknown };
const ENV = ["PROVISIONING_PUSH_ATTEMPTS", "PROVISIONING_EVENT_ATTEMPTS", "PROVISIONING_RETRY_BASE_MS", "PROVISIONING_RETRY_MAX_MS"];

async function freshSettings(env: Record<string, string> = {}) {
  for (const name of ENV) delete process.env[name];
  Object.assign(process.env, env);
  delete g.provisioningEngineSettings;
  vi.resetModules();
  return import("./settings");
}

afterEach(() => {
  for (const name of ENV) delete process.env[name];
  delete g.provisioningEngineSettings;
});

describe("engine retry settings", () => {
  it("defaults: 6 Push Now attempts, 12 real-time attempts, backoff from 250 ms to 60 s", async () => {
    const { engineSettings } = await freshSettings();
    expect(engineSettings()).toMatchObject({ pushAttempts: 6, eventAttempts: 12, baseDelayMs: 250, maxDelayMs: 60_000 });
  });

  it("PROVISIONING_* environment variables override them; junk falls back to the default", async () => {
    const { engineSettings } = await freshSettings({
      PROVISIONING_PUSH_ATTEMPTS: "3",
      PROVISIONING_EVENT_ATTEMPTS: "20",
      PROVISIONING_RETRY_BASE_MS: "10",
      PROVISIONING_RETRY_MAX_MS: "abc",
    });
    expect(engineSettings()).toMatchObject({ pushAttempts: 3, eventAttempts: 20, baseDelayMs: 10, maxDelayMs: 60_000 });
  });

  it("Push Now's retry loop uses the push attempts and the engine's backoff", async () => {
    const { configureEngine, engineSettings } = await freshSettings();
    const { retrying } = await import("../deliver/target-client");
    const { ScimClientError } = await import("@/lib/scim/client");
    const sleeps: number[] = [];
    configureEngine({ pushAttempts: 4, baseDelayMs: 100, maxDelayMs: 300, sleep: async (ms) => void sleeps.push(ms) });
    vi.spyOn(Math, "random").mockReturnValue(0);
    try {
      let calls = 0;
      const run = async () => {
        calls++;
        throw new ScimClientError("server_error", "down", { httpStatus: 503 });
      };
      await expect(retrying(run, engineSettings())).rejects.toThrow("down");
      expect(calls).toBe(4);
      expect(sleeps).toEqual([50, 100, 150]);
    } finally {
      vi.restoreAllMocks();
    }
  });
});

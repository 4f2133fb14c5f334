/**
 * Tunables of the provisioning engine. Tests shorten the delays; the defaults follow common
 * IdP practice (exponential backoff with equal jitter, capped, honouring Retry-After — the one
 * policy in lib/scim/client-retry, fed with the attempts and delays below).
 */
export interface EngineSettings {
  /** Delivery attempts per object in a Push Now before it is recorded as failed. */
  pushAttempts: number;
  /** Attempts of a real-time event before it is recorded as failed. */
  eventAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  pushConcurrency: number;
  eventConcurrency: number;
  pollMs: number;
  /** Per SCIM request; a hung target costs at most this long per attempt. */
  requestTimeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

// Environment overrides let tests (and operators facing a flaky target) tune a running server.
const fromEnv = (name: string, fallback: number) => Number(process.env[name]) || fallback;

const defaults: EngineSettings = {
  pushAttempts: fromEnv("PROVISIONING_PUSH_ATTEMPTS", 6),
  eventAttempts: fromEnv("PROVISIONING_EVENT_ATTEMPTS", 12),
  baseDelayMs: fromEnv("PROVISIONING_RETRY_BASE_MS", 250),
  maxDelayMs: fromEnv("PROVISIONING_RETRY_MAX_MS", 60_000),
  pushConcurrency: fromEnv("PROVISIONING_PUSH_CONCURRENCY", 6),
  eventConcurrency: 8,
  pollMs: 150,
  requestTimeoutMs: fromEnv("PROVISIONING_REQUEST_TIMEOUT_MS", 10_000),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

const g = globalThis as unknown as { provisioningEngineSettings?: EngineSettings };

export function engineSettings(): EngineSettings {
  return (g.provisioningEngineSettings ??= { ...defaults });
}

export function configureEngine(overrides: Partial<EngineSettings>): void {
  g.provisioningEngineSettings = { ...engineSettings(), ...overrides };
}

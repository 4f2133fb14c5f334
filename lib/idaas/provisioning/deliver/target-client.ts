import { createHash } from "node:crypto";
import { ScimClient, ScimClientError, withRetry } from "@/lib/scim/client";
import type { ProvisioningTarget } from "../config/config-types";
import { engineSettings, type EngineSettings } from "../engine/settings";

export { isRetryable } from "@/lib/scim/client";

export interface PatchOperation {
  op: "add" | "remove" | "replace";
  path?: string;
  value?: unknown;
}

export interface RemoteResource {
  id: string;
  [attribute: string]: unknown;
}

/** The SCIM operations the engine needs, over the shared SCIM client (HTTP only). */
export interface TargetClient {
  findUserBy(attribute: string, value: string): Promise<RemoteResource | null>;
  createUser(resource: Record<string, unknown>): Promise<RemoteResource>;
  replaceUser(id: string, resource: Record<string, unknown>): Promise<unknown>;
  patchUser(id: string, operations: PatchOperation[]): Promise<unknown>;
  deleteUser(id: string): Promise<unknown>;
  /** One page of remote users carrying only `attribute` (for a bulk lookup before a big push). */
  listUsersPage(attribute: string, startIndex: number, count: number): Promise<{ total: number; items: RemoteResource[] }>;
  findGroupBy(attribute: string, value: string): Promise<RemoteResource | null>;
  getGroupMemberIds(id: string): Promise<string[]>;
  createGroup(resource: Record<string, unknown>): Promise<RemoteResource>;
  patchGroup(id: string, operations: PatchOperation[]): Promise<unknown>;
  deleteGroup(id: string): Promise<unknown>;
}

/**
 * One SCIM client per application configuration, reused across deliveries so its kept-alive
 * sockets serve thousands of requests; a changed URL or token gets a fresh client.
 */
const g = globalThis as unknown as { provisioningClients?: Map<string, { fingerprint: string; client: TargetClient; scim: ScimClient }> };
const clients = (g.provisioningClients ??= new Map());

export function createTargetClient(target: ProvisioningTarget): TargetClient {
  const timeoutMs = engineSettings().requestTimeoutMs;
  const fingerprint = createHash("sha256").update(`${target.scimServerUrl}\n${target.bearerToken}\n${timeoutMs}`).digest("hex");
  const cached = clients.get(target.applicationId);
  if (cached?.fingerprint === fingerprint) return cached.client;
  cached?.scim.close();
  const scim = new ScimClient({ baseUrl: target.scimServerUrl, bearerToken: target.bearerToken, timeoutMs });
  const client = wrap(scim);
  clients.set(target.applicationId, { fingerprint, client, scim });
  return client;
}

/** A group read whole: 1,000,000 members at about 150 bytes each (value, $ref, display). */
const BIG_GROUP_BYTES = 160 * 1024 * 1024;

function wrap(client: ScimClient): TargetClient {
  return {
    findUserBy: (attribute, value) => client.findUserBy(attribute, value),
    createUser: (resource) => client.createUser(resource),
    replaceUser: (id, resource) => client.replaceUser(id, resource),
    patchUser: (id, operations) => client.patchUser(id, operations),
    deleteUser: (id) => client.deleteUser(id),
    listUsersPage: async (attribute, startIndex, count) => {
      const page = await client.listUsers({ attributes: [attribute], startIndex, count });
      return { total: page.totalResults, items: page.Resources };
    },
    findGroupBy: (attribute, value) => client.findGroupBy(attribute, value),
    getGroupMemberIds: async (id) => {
      const group = await client.getGroup(id, { maxResponseBytes: BIG_GROUP_BYTES });
      const members = (group as { members?: { value?: unknown }[] }).members ?? [];
      return members.map((m) => String(m.value ?? "")).filter(Boolean);
    },
    createGroup: (resource) => client.createGroup(resource),
    // Every caller ignores the answer: ask for none, and accept a whole big group from a server that sends it anyway.
    patchGroup: (id, operations) => client.patchGroup(id, operations, { minimal: true, maxResponseBytes: BIG_GROUP_BYTES }),
    deleteGroup: (id) => client.deleteGroup(id),
  };
}

const asClientError = (err: unknown) => (err instanceof ScimClientError ? err : null);

export function isNotFound(err: unknown): boolean {
  return asClientError(err)?.httpStatus === 404;
}

export function isUniqueness(err: unknown): boolean {
  const e = asClientError(err);
  return e?.httpStatus === 409 || e?.scimType === "uniqueness";
}

export function isNoTarget(err: unknown): boolean {
  return asClientError(err)?.scimType === "noTarget";
}

/** The target refuses every request this way (bad token, SCIM switched off): no point going on. */
export function isFatal(err: unknown): boolean {
  const status = asClientError(err)?.httpStatus;
  return status === 401 || status === 403;
}

export function retryAfterMs(err: unknown): number | null {
  return asClientError(err)?.retryAfterMs ?? null;
}

/** What the log shows about a failure: HTTP status, SCIM error type and the server's detail. */
export function describeError(err: unknown): { httpStatus: number | null; scimType: string | null; detail: string } {
  const e = asClientError(err);
  if (e) return { httpStatus: e.httpStatus ?? null, scimType: e.scimType ?? null, detail: e.detail || e.message };
  return { httpStatus: null, scimType: null, detail: err instanceof Error ? err.message : String(err) };
}

/**
 * Retries transient failures of one whole delivery (the lookup-then-write, not just the write, so
 * a create whose answer was lost is found on the next attempt instead of duplicated): the one
 * retry loop (lib/scim/client-retry) with Push Now's attempts and the engine's backoff.
 */
export function retrying<T>(run: () => Promise<T>, settings: EngineSettings): Promise<T> {
  const { pushAttempts: attempts, baseDelayMs, maxDelayMs, sleep } = settings;
  return withRetry(run, { attempts, baseDelayMs, maxDelayMs, sleep });
}

import { ScimClientError, kindForStatus, parseRetryAfter } from "./client-errors";
import { createAgents, formatSeconds, sendRequest, type TransportAgents, type TransportResponse } from "./client-transport";
import { resolveOutboundTarget, type HostResolver, type ResolvedOutboundTarget } from "./outbound-safety";

export { ScimClientError, isRetryable, isScimClientError, type ScimClientErrorKind } from "./client-errors";
export { MAX_RETRY_AFTER_MS, retryDelay, withRetry, type Backoff, type RetryOptions } from "./client-retry";

/**
 * SCIM 2.0 client (RFC 7644) used by IDaaS for Test Connectivity and provisioning. It talks to
 * any standards-compliant SCIM server over HTTP; every failure surfaces as a ScimClientError.
 */

export const SCIM_SCHEMAS = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  enterpriseUser: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  serviceProviderConfig: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  listResponse: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  patchOp: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
} as const;

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
/** Checked addresses are reused for this long, so a push does not resolve DNS per request. */
const RESOLVE_TTL_MS = 30_000;

export interface ScimResource {
  id: string;
  schemas?: string[];
  externalId?: string;
  meta?: { resourceType?: string; created?: string; lastModified?: string; location?: string; version?: string };
  [attribute: string]: unknown;
}

export interface ScimListResponse<T = ScimResource> {
  schemas: string[];
  totalResults: number;
  startIndex?: number;
  itemsPerPage?: number;
  Resources: T[];
}

export interface ScimPatchOperation {
  op: "add" | "remove" | "replace";
  path?: string;
  value?: unknown;
}

export interface ScimClientOptions {
  /** The SCIM base URL, e.g. https://host/scim/v2 (a trailing slash is ignored). */
  baseUrl: string;
  bearerToken: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** For tests: replaces DNS resolution (results are still checked). */
  resolver?: HostResolver;
  userAgent?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  /**
   * This call's response size limit, above the client's default: a group of 50,000 members is
   * read whole (about 8 MB), and a server that ignores `Prefer: return=minimal` returns it after
   * every member PATCH.
   */
  maxResponseBytes?: number;
}

export interface ListOptions extends CallOptions {
  filter?: string;
  startIndex?: number;
  count?: number;
  sortBy?: string;
  sortOrder?: "ascending" | "descending";
  attributes?: string[];
  excludedAttributes?: string[];
}

interface RequestSpec extends CallOptions {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Send the Authorization header (default true). */
  authenticate?: boolean;
  headers?: Record<string, string>;
}

/** An attribute path usable on the left of a filter; refusing anything else stops filter injection. */
const FILTER_ATTRIBUTE = /^(?:urn:[A-Za-z0-9.:_-]+:)?[A-Za-z][\w$-]*(?:\.[A-Za-z][\w$-]*)?$/;

/** RFC 7644 filter string literal: a JSON string (quotes, backslashes, controls escaped). */
export function scimStringLiteral(value: string): string {
  return JSON.stringify(value);
}

/** `attribute eq "value"` with the attribute checked and the value escaped. */
export function eqFilter(attribute: string, value: string | number | boolean): string {
  if (!FILTER_ATTRIBUTE.test(attribute)) {
    throw new ScimClientError("bad_request", `"${attribute.slice(0, 100)}" is not a valid SCIM attribute name for a filter.`);
  }
  const literal = typeof value === "string" ? scimStringLiteral(value) : String(value);
  return `${attribute} eq ${literal}`;
}

export class ScimClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  // Kept off the enumerable surface so logging or serialising the client cannot print it.
  readonly #token: string;
  readonly #resolver?: HostResolver;
  readonly #userAgent: string;
  #agents: TransportAgents | null = null;
  #resolved: { at: number; target: ResolvedOutboundTarget } | null = null;

  constructor(options: ScimClientOptions) {
    this.baseUrl = String(options.baseUrl ?? "").trim().replace(/\/+$/, "");
    this.#token = options.bearerToken ?? "";
    this.timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS);
    this.maxResponseBytes = positive(options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES);
    this.#resolver = options.resolver;
    this.#userAgent = options.userAgent ?? "IDaaS-SCIM-Client/1.0";
  }

  /** Releases kept-alive sockets. The client may still be used afterwards (new sockets open). */
  close(): void {
    this.#agents?.http.destroy();
    this.#agents?.https.destroy();
    this.#agents = null;
  }

  toJSON() {
    return { baseUrl: this.baseUrl, timeoutMs: this.timeoutMs, maxResponseBytes: this.maxResponseBytes };
  }

  // ---- discovery -------------------------------------------------------------------------

  /** GET /ServiceProviderConfig; RFC 7644 says it needs no auth, so `authenticate` defaults to false. */
  async getServiceProviderConfig(options: CallOptions & { authenticate?: boolean } = {}): Promise<Record<string, unknown>> {
    const body = await this.request({ method: "GET", path: "/ServiceProviderConfig", authenticate: options.authenticate ?? false, signal: options.signal });
    return expectObject(body, "GET /ServiceProviderConfig");
  }

  // ---- users -----------------------------------------------------------------------------

  async getUser(id: string, options: CallOptions = {}): Promise<ScimResource> {
    return this.getResource("Users", id, {}, options);
  }

  async listUsers(options: ListOptions = {}): Promise<ScimListResponse> {
    return this.list("Users", options);
  }

  /** The one remote user whose `attribute` equals `value`, or null. Ambiguity is a conflict. */
  async findUserBy(attribute: string, value: string, options: CallOptions = {}): Promise<ScimResource | null> {
    return this.findOne("Users", attribute, value, {}, options);
  }

  async createUser(resource: Record<string, unknown>, options: CallOptions = {}): Promise<ScimResource> {
    const body = await this.request({ method: "POST", path: "/Users", body: withSchema(resource, SCIM_SCHEMAS.user), signal: options.signal });
    return expectResource(body, "POST /Users");
  }

  async replaceUser(id: string, resource: Record<string, unknown>, options: CallOptions = {}): Promise<ScimResource> {
    const label = "PUT /Users/{id}";
    const body = await this.request({ method: "PUT", path: `/Users/${seg(id)}`, body: { ...withSchema(resource, SCIM_SCHEMAS.user), id }, signal: options.signal });
    return expectResource(body, label);
  }

  /** PATCH; returns the updated resource, or null when the server answers 204. */
  async patchUser(id: string, operations: ScimPatchOperation[], options: CallOptions = {}): Promise<ScimResource | null> {
    return this.patch("Users", id, operations, options);
  }

  async deleteUser(id: string, options: CallOptions = {}): Promise<void> {
    await this.request({ method: "DELETE", path: `/Users/${seg(id)}`, signal: options.signal });
  }

  // ---- groups ----------------------------------------------------------------------------

  async getGroup(id: string, options: CallOptions & { excludeMembers?: boolean } = {}): Promise<ScimResource> {
    return this.getResource("Groups", id, options.excludeMembers ? { excludedAttributes: "members" } : {}, options);
  }

  async listGroups(options: ListOptions = {}): Promise<ScimListResponse> {
    return this.list("Groups", options);
  }

  /** Lookup without members (they can be huge and are not needed to match). */
  async findGroupBy(attribute: string, value: string, options: CallOptions = {}): Promise<ScimResource | null> {
    return this.findOne("Groups", attribute, value, { excludedAttributes: "members" }, options);
  }

  async findGroupByDisplayName(displayName: string, options: CallOptions = {}): Promise<ScimResource | null> {
    return this.findGroupBy("displayName", displayName, options);
  }

  async findGroupByExternalId(externalId: string, options: CallOptions = {}): Promise<ScimResource | null> {
    return this.findGroupBy("externalId", externalId, options);
  }

  async createGroup(resource: Record<string, unknown>, options: CallOptions = {}): Promise<ScimResource> {
    const body = await this.request({ method: "POST", path: "/Groups", body: withSchema(resource, SCIM_SCHEMAS.group), signal: options.signal });
    return expectResource(body, "POST /Groups");
  }

  async patchGroup(id: string, operations: ScimPatchOperation[], options: CallOptions & { minimal?: boolean } = {}): Promise<ScimResource | null> {
    return this.patch("Groups", id, operations, options);
  }

  async addGroupMembers(id: string, memberIds: string[], options: CallOptions = {}): Promise<ScimResource | null> {
    if (memberIds.length === 0) return null;
    return this.patchGroup(id, [{ op: "add", path: "members", value: memberIds.map((value) => ({ value })) }], options);
  }

  /** One RFC 7644 §3.5.2.2 `members[value eq "…"]` removal per member, applied atomically. */
  async removeGroupMembers(id: string, memberIds: string[], options: CallOptions = {}): Promise<ScimResource | null> {
    if (memberIds.length === 0) return null;
    return this.patchGroup(
      id,
      memberIds.map((m) => ({ op: "remove" as const, path: `members[${eqFilter("value", m)}]` })),
      options,
    );
  }

  async replaceGroupMembers(id: string, memberIds: string[], options: CallOptions = {}): Promise<ScimResource | null> {
    return this.patchGroup(id, [{ op: "replace", path: "members", value: memberIds.map((value) => ({ value })) }], options);
  }

  async deleteGroup(id: string, options: CallOptions = {}): Promise<void> {
    await this.request({ method: "DELETE", path: `/Groups/${seg(id)}`, signal: options.signal });
  }

  // ---- plumbing --------------------------------------------------------------------------

  private async getResource(
    type: "Users" | "Groups",
    id: string,
    query: Record<string, string>,
    options: CallOptions,
  ): Promise<ScimResource> {
    const body = await this.request({ method: "GET", path: `/${type}/${seg(id)}`, query, signal: options.signal, maxResponseBytes: options.maxResponseBytes });
    return expectResource(body, `GET /${type}/{id}`);
  }

  private async list(type: "Users" | "Groups", options: ListOptions): Promise<ScimListResponse> {
    const body = await this.request({
      method: "GET",
      path: `/${type}`,
      query: {
        filter: options.filter,
        startIndex: options.startIndex,
        count: options.count,
        sortBy: options.sortBy,
        sortOrder: options.sortOrder,
        attributes: options.attributes?.join(","),
        excludedAttributes: options.excludedAttributes?.join(","),
      },
      signal: options.signal,
    });
    return expectListResponse(body, `GET /${type}`);
  }

  private async findOne(
    type: "Users" | "Groups",
    attribute: string,
    value: string,
    extra: Record<string, string>,
    options: CallOptions,
  ): Promise<ScimResource | null> {
    const filter = eqFilter(attribute, value);
    const body = await this.request({ method: "GET", path: `/${type}`, query: { filter, count: 2, ...extra }, signal: options.signal });
    const list = expectListResponse(body, `GET /${type}?filter`);
    const found = list.Resources.filter((r) => r && typeof r.id === "string");
    if (found.length === 0) return null;
    if (found.length > 1 || list.totalResults > 1) {
      throw new ScimClientError(
        "conflict",
        `More than one remote ${type === "Users" ? "user" : "group"} matches ${attribute} eq ${scimStringLiteral(value)}; refusing to guess which one to link.`,
        { request: `GET /${type}?filter` },
      );
    }
    return found[0];
  }

  private async patch(type: "Users" | "Groups", id: string, operations: ScimPatchOperation[], options: CallOptions & { minimal?: boolean }) {
    const body = await this.request({
      method: "PATCH",
      path: `/${type}/${seg(id)}`,
      body: { schemas: [SCIM_SCHEMAS.patchOp], Operations: operations },
      signal: options.signal,
      maxResponseBytes: options.maxResponseBytes,
      // RFC 7240: the caller has no use for the resource; a server that honours it answers 204.
      ...(options.minimal ? { headers: { Prefer: "return=minimal" } } : {}),
    });
    return body == null ? null : expectResource(body, `PATCH /${type}/{id}`);
  }

  /** Sends one request and returns the parsed JSON body (null for an empty 2xx body). */
  async request(spec: RequestSpec): Promise<unknown> {
    const label = `${spec.method} ${spec.path.replace(/^\/(Users|Groups)\/[^/?]+/, "/$1/{id}")}`;
    try {
      return await this.exchange(spec, label);
    } catch (err) {
      throw this.redacted(err);
    }
  }

  private async exchange(spec: RequestSpec, label: string): Promise<unknown> {
    const deadline = Date.now() + this.timeoutMs;
    const url = this.url(spec.path, spec.query);
    const target = await this.target(url, deadline, label);
    const headers: Record<string, string> = {
      Accept: "application/scim+json, application/json",
      "User-Agent": this.#userAgent,
    };
    Object.assign(headers, spec.headers);
    if (spec.authenticate !== false && this.#token) headers.Authorization = `Bearer ${this.#token}`;
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers["Content-Type"] = "application/scim+json; charset=utf-8";
      headers["Content-Length"] = String(Buffer.byteLength(body));
    }
    this.#agents ??= createAgents();
    const res = await sendRequest({
      method: spec.method,
      url,
      target,
      headers,
      body,
      deadline,
      timeoutMs: this.timeoutMs,
      maxResponseBytes: Math.max(this.maxResponseBytes, spec.maxResponseBytes ?? 0),
      agents: this.#agents,
      signal: spec.signal,
      label,
    });
    return interpret(res, label);
  }

  private url(path: string, query?: Record<string, string | number | undefined>): URL {
    let href = `${this.baseUrl}${path}`;
    const params = Object.entries(query ?? {}).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== "");
    // encodeURIComponent, not URLSearchParams: "+" for space is not universally decoded by servers.
    if (params.length) href += `?${params.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join("&")}`;
    try {
      return new URL(href);
    } catch {
      throw new ScimClientError("malformed_url", `The SCIM Server URL "${this.baseUrl.slice(0, 200)}" is not a valid URL.`);
    }
  }

  private async target(url: URL, deadline: number, label: string): Promise<ResolvedOutboundTarget> {
    const cached = this.#resolved;
    if (cached && Date.now() - cached.at < RESOLVE_TTL_MS && cached.target.url.host === url.host && cached.target.url.protocol === url.protocol) {
      return cached.target;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ScimClientError("timeout", `${label}: resolving ${url.hostname} took longer than ${formatSeconds(this.timeoutMs)}.`, { request: label })),
        Math.max(0, deadline - Date.now()),
      );
    });
    try {
      const target = await Promise.race([resolveOutboundTarget(url, this.#resolver), timeout]);
      this.#resolved = { at: Date.now(), target };
      return target;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Defence in depth: a server may echo the Authorization header back in an error detail. */
  private redacted(err: unknown): unknown {
    if (!(err instanceof ScimClientError) || !this.#token) return err;
    const token = this.#token;
    const clean = (s: string | null) => (s && s.includes(token) ? s.split(token).join("[redacted]") : s);
    if (!err.message.includes(token) && !(err.detail ?? "").includes(token)) return err;
    return new ScimClientError(err.kind, clean(err.message) ?? "", {
      httpStatus: err.httpStatus,
      scimType: err.scimType,
      detail: clean(err.detail),
      retryAfterMs: err.retryAfterMs,
      request: err.request ?? undefined,
    });
  }
}

function interpret(res: TransportResponse, label: string): unknown {
  const text = res.body.toString("utf8");
  const contentType = String(res.headers["content-type"] ?? "");
  const status = res.status;
  if (status >= 200 && status < 300) {
    if (text.trim() === "") return null;
    const parsed = parseJson(text);
    if (parsed === undefined) {
      throw new ScimClientError("not_scim", `${label}: the server answered HTTP ${status} with ${describeBody(text, contentType)} instead of SCIM JSON.`, {
        httpStatus: status,
        request: label,
      });
    }
    return parsed;
  }
  if (status >= 300 && status < 400) {
    const location = String(res.headers.location ?? "");
    throw new ScimClientError(
      "not_scim",
      `${label}: the server redirected (HTTP ${status}${location ? ` to ${location.slice(0, 200)}` : ""}). Redirects are not followed; use the final SCIM base URL.`,
      { httpStatus: status, request: label },
    );
  }
  const parsed = parseJson(text);
  const scimError = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : null;
  const detail = scimError && typeof scimError.detail === "string" ? scimError.detail.slice(0, 1000) : null;
  const scimType = scimError && typeof scimError.scimType === "string" ? scimError.scimType.slice(0, 100) : null;
  const retryAfterMs = parseRetryAfter(headerValue(res.headers["retry-after"]));
  // A 404 without a JSON body comes from a web server, not from a SCIM server saying "no such resource".
  const kind = status === 404 && !scimError ? "not_scim" : kindForStatus(status);
  const what = scimError
    ? `${scimType ? ` (${scimType})` : ""}${detail ? `: ${detail}` : ""}`
    : ` with ${describeBody(text, contentType)}`;
  throw new ScimClientError(kind, `${label} failed: HTTP ${status}${what}`, { httpStatus: status, scimType, detail, retryAfterMs, request: label });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeBody(text: string, contentType: string): string {
  const t = text.trimStart();
  if (/html/i.test(contentType) || /^<(!doctype|html|head|body)/i.test(t)) return "an HTML page";
  if (t === "") return "an empty body";
  return `a non-JSON body${contentType ? ` (${contentType.split(";")[0]})` : ""}`;
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function expectObject(body: unknown, label: string): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new ScimClientError("not_scim", `${label}: the server answered without a JSON object.`, { request: label });
  }
  return body as Record<string, unknown>;
}

function expectResource(body: unknown, label: string): ScimResource {
  const obj = expectObject(body, label);
  if (typeof obj.id !== "string" || obj.id === "") {
    throw new ScimClientError("not_scim", `${label}: the server's answer has no resource id.`, { request: label });
  }
  return obj as ScimResource;
}

function expectListResponse(body: unknown, label: string): ScimListResponse {
  const obj = expectObject(body, label);
  const total = obj.totalResults;
  if (typeof total !== "number" || !Number.isFinite(total)) {
    throw new ScimClientError("not_scim", `${label}: the server's answer is not a SCIM ListResponse (no totalResults).`, { request: label });
  }
  // RFC 7644 lets servers omit Resources when nothing matched.
  const resources = Array.isArray(obj.Resources) ? (obj.Resources as ScimResource[]) : [];
  return { ...(obj as unknown as ScimListResponse), totalResults: total, Resources: resources };
}

function withSchema(resource: Record<string, unknown>, schema: string): Record<string, unknown> {
  const schemas = Array.isArray(resource.schemas) ? (resource.schemas as unknown[]).filter((s): s is string => typeof s === "string") : [];
  return { ...resource, schemas: schemas.includes(schema) ? schemas : [schema, ...schemas] };
}

function seg(id: string): string {
  if (typeof id !== "string" || id === "") throw new ScimClientError("bad_request", "A SCIM resource id is required.");
  return encodeURIComponent(id);
}

function positive(v: number | undefined, fallback: number): number {
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : fallback;
}

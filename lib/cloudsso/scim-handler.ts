import "server-only";
import { isUniqueViolation } from "@/lib/db-errors";
import { ScimError, notFound, scimErrorBody } from "@/lib/scim/errors";
import { findResourceType, findSchema, resourceTypeDocument, resourceTypesList, schemaDocument, schemasList, serviceProviderConfig } from "@/lib/scim/discovery";
import { etag, ifNoneMatchHits } from "@/lib/scim/etag";
import { jsonText } from "@/lib/scim/json-text";
import { listRequestFromQuery, listRequestFromSearch, listResponse, type ListRequest } from "@/lib/scim/list-request";
import type { Resource } from "@/lib/scim/normalize";
import { parseFilter } from "@/lib/scim/filter";
import { parsePatchRequest } from "@/lib/scim/patch";
import { parseAttributeList, project, wantsAttribute, type Projection } from "@/lib/scim/projection";
import { acceptableContentType, MAX_BODY_BYTES, parseJsonBody, payloadTooLarge, unsupportedMediaType } from "@/lib/scim/request-body";
import { GROUP_RESOURCE, USER_RESOURCE, type ResourceTypeDef } from "@/lib/scim/schemas";
import { collectTolerated } from "@/lib/scim/tolerated";
import { authenticateScimRequest } from "./scim-auth";
import type { ListOptions, ListResult } from "./scim-list";
import { createScimGroupRow, deleteScimGroup, getScimGroup, listScimGroups, patchScimGroupRow, replaceScimGroupRow } from "./scim-groups";
import { writeScimRequestLog } from "./scim-request-log";
import type { Versioned, Written } from "./scim-rows";
import { createScimUserRow, deleteScimUser, getScimUser, listScimUsers, patchScimUserRow, replaceScimUserRow } from "./scim-users";

/**
 * The SCIM 2.0 server (SPEC §2.3). It takes the little of a request it needs (ScimHttpRequest) and
 * gives back status, headers and text (ScimAnswer), so two thin transports share it: the Next
 * route (web Request/Response) and the production server's direct path (scim-node.ts). Every
 * outcome, including errors thrown anywhere below, becomes a SCIM JSON response and one
 * request-log entry.
 */
export const SCIM_CONTENT_TYPE = "application/scim+json";

/** What the server reads of a request. A web `Request` is one; scim-node.ts builds one from Node's. */
export interface ScimHttpRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  headers: Headers;
  /** The body's bytes (a web ReadableStream or a Node IncomingMessage); null when there is none. */
  body: AsyncIterable<Uint8Array> | null;
}

export interface ScimAnswer {
  status: number;
  headers: Headers;
  /** The JSON text, or null for a response without a body (204, 304). */
  text: string | null;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Context {
  req: ScimHttpRequest;
  url: URL;
  method: string;
  segments: string[];
  baseUrl: string;
  directoryId: string | null;
  credentialId: string | null;
  bodyText: string | null;
}

function methodNotAllowed(allow: string[]): never {
  throw new ScimError(405, undefined, `Method not allowed here. Allowed: ${allow.join(", ")}.`, { headers: { Allow: allow.join(", ") } });
}

/** An oversized body of up to this many bytes is read to its end before the 413 (see readBody). */
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES;

async function readBody(ctx: Context): Promise<unknown> {
  const ct = ctx.req.headers.get("content-type");
  if (!acceptableContentType(ct)) throw unsupportedMediaType(ct ?? "");
  const declared = Number(ctx.req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw payloadTooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (ctx.req.body) {
    try {
      for await (const chunk of ctx.req.body) {
        size += chunk.byteLength;
        if (size > MAX_DRAIN_BYTES) break; // leaving the loop cancels the body: past the cap the connection is not worth saving
        // Past MAX_BODY_BYTES the rest is read and dropped: cancelling mid-body resets the keep-alive
        // connection, and the client's next request on it fails.
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      }
    } catch {
      // The client hung up mid-body: nobody reads the answer, but the request log tells it as it was.
      throw new ScimError(400, undefined, "The request body did not arrive in full: the client closed the connection first.");
    }
    if (size > MAX_BODY_BYTES) throw payloadTooLarge();
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ScimError(400, "invalidSyntax", "The request body is not valid UTF-8.");
  }
  ctx.bodyText = text;
  return parseJsonBody(text);
}

function authenticate(ctx: Context): string {
  const auth = authenticateScimRequest(ctx.req.headers.get("authorization"));
  ctx.credentialId = (auth.ok ? auth.credentialId : auth.credentialId) ?? null;
  ctx.directoryId = (auth.ok ? auth.directoryId : auth.directoryId) ?? null;
  if (!auth.ok) {
    const hasToken = !!ctx.req.headers.get("authorization");
    throw new ScimError(401, undefined, auth.detail, {
      headers: { "WWW-Authenticate": `Bearer realm="SCIM"${hasToken ? ', error="invalid_token"' : ""}` },
    });
  }
  if (!auth.scimEnabled) {
    throw new ScimError(403, undefined, "SCIM synchronization is disabled for this CloudSSO directory. Turn it on in Settings to provision users and groups.");
  }
  return auth.directoryId;
}

function projectionOf(ctx: Context): Projection {
  return {
    attributes: parseAttributeList(ctx.url.searchParams.getAll("attributes")),
    excludedAttributes: parseAttributeList(ctx.url.searchParams.getAll("excludedAttributes")),
  };
}

function resourceReply(v: Versioned, rt: ResourceTypeDef, p: Projection, status = 200): Reply {
  const headers: Record<string, string> = { ETag: etag(v.version) };
  if (status === 201) headers.Location = String((v.resource.meta as { location: string }).location);
  return { status, body: project(v.resource, rt, p), headers };
}

/** A store's writes say what they wrote (id, version); the reply renders it once, projected. */
type Store = {
  rt: ResourceTypeDef;
  list(dir: string, req: ListRequest, baseUrl: string, opts?: ListOptions): ListResult;
  get(dir: string, id: string, baseUrl: string, p: Projection): Versioned;
  create(dir: string, body: unknown): Promise<Written>;
  replace(dir: string, id: string, body: unknown, ifMatch: string | null): Promise<Written>;
  patch(dir: string, id: string, ops: ReturnType<typeof parsePatchRequest>, ifMatch: string | null, baseUrl: string): Promise<Written>;
  remove(dir: string, id: string, ifMatch: string | null): Promise<void>;
  requestOnly: string[];
};

const USERS: Store = {
  rt: USER_RESOURCE,
  list: listScimUsers,
  get: (dir, id, baseUrl) => getScimUser(dir, id, baseUrl),
  create: createScimUserRow,
  replace: replaceScimUserRow,
  patch: patchScimUserRow,
  remove: deleteScimUser,
  requestOnly: [],
};

const GROUPS: Store = {
  rt: GROUP_RESOURCE,
  list: (dir, req, baseUrl, opts) => listScimGroups(dir, req, baseUrl, wantsAttribute(GROUP_RESOURCE, req, "members", true), opts),
  // excludedAttributes=members (or attributes without it): the members are never read.
  get: (dir, id, baseUrl, p) => getScimGroup(dir, id, baseUrl, wantsAttribute(GROUP_RESOURCE, p, "members", false)),
  create: createScimGroupRow,
  replace: replaceScimGroupRow,
  patch: patchScimGroupRow,
  remove: deleteScimGroup,
  // SPEC §2.3: GET /Groups lists omit members unless asked for.
  requestOnly: ["members"],
};

/** RFC 7240 `Prefer: return=minimal` (RFC 7644 §3.5.2 lets a PATCH answer 204 without a body). */
export function prefersMinimal(header: string | null): boolean {
  if (!header) return false;
  return header.split(",").some((pref) => /^\s*return\s*=\s*"?minimal"?\s*$/i.test(pref.split(";")[0]));
}

function listReply(store: Store, dir: string, req: ListRequest, baseUrl: string): Reply {
  const defaultProjection = !req.attributes && !req.excludedAttributes;
  const { total, resources, texts } = store.list(dir, req, baseUrl, { defaultProjection });
  const items = texts ?? resources.map((r) => project(r, store.rt, req, store.requestOnly));
  return { status: 200, body: listResponse<unknown>(items, total, req.startIndex) };
}

/** POST /.search at the root (RFC 7644 §3.4.3): Users then Groups, paged as one list. */
function rootSearch(dir: string, req: ListRequest, baseUrl: string): Reply {
  if (req.filter) {
    // A filter that neither resource type understands is an error; one that names attributes of
    // only one type simply matches nothing of the other.
    const failures = [USER_RESOURCE, GROUP_RESOURCE].map((rt) => {
      try {
        parseFilter(req.filter!, rt);
        return undefined;
      } catch (err) {
        return err;
      }
    });
    if (failures[0] && failures[1]) throw failures[0];
  }
  const parts: { store: Store; total: number; resources: Resource[] }[] = [];
  let start = req.startIndex;
  let count = req.count;
  for (const store of [USERS, GROUPS]) {
    const { total, resources } = store.list(dir, { ...req, startIndex: start, count }, baseUrl, { acrossTypes: true });
    parts.push({ store, total, resources });
    count = Math.max(0, count - resources.length);
    start = Math.max(1, start - total);
  }
  const resources = parts.flatMap((p) => p.resources.map((r) => project(r, p.store.rt, req, p.store.requestOnly)));
  const total = parts.reduce((n, p) => n + p.total, 0);
  return { status: 200, body: listResponse(resources, total, req.startIndex) };
}

async function resourceEndpoint(ctx: Context, store: Store, rest: string[]): Promise<Reply> {
  const dir = authenticate(ctx);
  const m = ctx.method;
  const ifMatch = ctx.req.headers.get("if-match");
  if (rest.length === 0) {
    if (m === "GET") return listReply(store, dir, listRequestFromQuery(ctx.url.searchParams), ctx.baseUrl);
    if (m === "POST") {
      const w = await store.create(dir, await readBody(ctx));
      const p = projectionOf(ctx);
      return resourceReply(store.get(dir, w.id, ctx.baseUrl, p), store.rt, p, 201);
    }
    methodNotAllowed(["GET", "POST"]);
  }
  if (rest.length > 1) throw notFound(`Unknown endpoint ${ctx.url.pathname}.`);
  if (rest[0] === ".search") {
    if (m !== "POST") methodNotAllowed(["POST"]);
    return listReply(store, dir, listRequestFromSearch(await readBody(ctx)), ctx.baseUrl);
  }
  const id = rest[0];
  const p = projectionOf(ctx);
  switch (m) {
    case "GET": {
      const v = store.get(dir, id, ctx.baseUrl, p);
      if (ifNoneMatchHits(ctx.req.headers.get("if-none-match"), v.version)) return { status: 304, headers: { ETag: etag(v.version) } };
      return resourceReply(v, store.rt, p);
    }
    case "PUT":
      await store.replace(dir, id, await readBody(ctx), ifMatch);
      return resourceReply(store.get(dir, id, ctx.baseUrl, p), store.rt, p);
    case "PATCH": {
      const ops = parsePatchRequest(await readBody(ctx));
      const w = await store.patch(dir, id, ops, ifMatch, ctx.baseUrl);
      if (prefersMinimal(ctx.req.headers.get("prefer"))) {
        return { status: 204, headers: { ETag: etag(w.version), "Preference-Applied": "return=minimal" } };
      }
      return resourceReply(store.get(dir, id, ctx.baseUrl, p), store.rt, p);
    }
    case "DELETE":
      await store.remove(dir, id, ifMatch);
      return { status: 204 };
    default:
      methodNotAllowed(["GET", "PUT", "PATCH", "DELETE"]);
  }
}

function discovery(ctx: Context, doc: () => unknown): Reply {
  if (ctx.method !== "GET") methodNotAllowed(["GET"]);
  return { status: 200, body: doc() };
}

async function route(ctx: Context): Promise<Reply> {
  const [first = "", ...rest] = ctx.segments;
  const head = first.toLowerCase();
  switch (head) {
    case "serviceproviderconfig":
    case "serviceproviderconfigs":
      if (rest.length > 0) break;
      return discovery(ctx, () => serviceProviderConfig(ctx.baseUrl));
    case "resourcetypes": {
      if (rest.length > 1) break;
      if (rest.length === 0) return discovery(ctx, () => resourceTypesList(ctx.baseUrl));
      const rt = findResourceType(rest[0]);
      return discovery(ctx, () => {
        if (!rt) throw notFound(`Resource type "${rest[0]}" not found.`);
        return resourceTypeDocument(rt, ctx.baseUrl);
      });
    }
    case "schemas": {
      if (rest.length > 1) break;
      if (rest.length === 0) return discovery(ctx, () => schemasList(ctx.baseUrl));
      const s = findSchema(rest[0]);
      return discovery(ctx, () => {
        if (!s) throw notFound(`Schema "${rest[0]}" not found.`);
        return schemaDocument(s, ctx.baseUrl);
      });
    }
    case "users":
      return resourceEndpoint(ctx, USERS, rest);
    case "groups":
      return resourceEndpoint(ctx, GROUPS, rest);
    case ".search": {
      if (rest.length > 0) break;
      const dir = authenticate(ctx);
      if (ctx.method !== "POST") methodNotAllowed(["POST"]);
      return rootSearch(dir, listRequestFromSearch(await readBody(ctx)), ctx.baseUrl);
    }
    case "bulk":
    case "me":
      authenticate(ctx);
      // RFC 7644 §3.7 / §3.11: unsupported features answer 501; ServiceProviderConfig says bulk is off.
      throw new ScimError(501, undefined, `/${first} is not supported by this server.`);
  }
  throw notFound(`Unknown SCIM endpoint ${ctx.url.pathname}.`);
}

function errorReply(err: unknown): Reply {
  if (err instanceof ScimError) return { status: err.status, body: err.toBody(), headers: { ...err.headers } };
  if (isUniqueViolation(err)) {
    return { status: 409, body: scimErrorBody(409, "uniqueness", "A resource with the same unique attribute was created concurrently.") };
  }
  const code = (err as { code?: string })?.code ?? "";
  if (code.startsWith("SQLITE_BUSY")) {
    return { status: 503, body: scimErrorBody(503, undefined, "The directory is busy; retry shortly."), headers: { "Retry-After": "1" } };
  }
  console.error("SCIM request failed", err);
  return { status: 500, body: scimErrorBody(500, undefined, "Internal server error.") };
}

/** Where this server's resources live, for meta.location and Location headers. */
export function scimBaseUrl(url: URL): string {
  const origin = (process.env.PUBLIC_URL ?? url.origin).replace(/\/+$/, "");
  return `${origin}/scim/v2`;
}

/** The Next route's transport (development, and what the direct path leaves to Next). */
export async function handleScimRequest(req: Request, segments: string[]): Promise<Response> {
  const answer = await answerScimRequest(req as ScimHttpRequest, segments);
  return new Response(answer.text, { status: answer.status, headers: answer.headers });
}

export async function answerScimRequest(req: ScimHttpRequest, segments: string[]): Promise<ScimAnswer> {
  const started = performance.now();
  const url = new URL(req.url);
  const ctx: Context = {
    req,
    url,
    method: req.method.toUpperCase(),
    segments: segments.filter((s) => s !== ""),
    baseUrl: scimBaseUrl(url),
    directoryId: null,
    credentialId: null,
    bodyText: null,
  };
  let reply: Reply;
  let tolerated: string[] = [];
  try {
    const routed = await collectTolerated(() => route(ctx));
    reply = routed.result;
    tolerated = routed.notes;
  } catch (err) {
    reply = errorReply(err);
  }
  const errorBody = reply.status >= 400 ? (reply.body as { scimType?: string; detail?: string }) : undefined;
  const headers = new Headers(reply.headers);
  if (reply.body !== undefined) headers.set("Content-Type", SCIM_CONTENT_TYPE);
  headers.set("Cache-Control", "no-store");
  // jsonText splices pre-serialized parts (a big group's members) instead of re-serializing them.
  const text = reply.body === undefined ? null : jsonText(reply.body);
  writeScimRequestLog({
    directoryId: ctx.directoryId,
    credentialId: ctx.credentialId,
    method: ctx.method,
    // The query as parsed (spaces as "+"), whichever transport brought it.
    path: url.pathname + (url.searchParams.size > 0 ? `?${url.searchParams}` : ""),
    status: reply.status,
    latencyMs: performance.now() - started,
    scimType: errorBody?.scimType ?? null,
    // A success that needed a deviation from the RFC says so ("Tolerated: unquoted filter value …").
    detail: errorBody?.detail ?? (tolerated.length > 0 ? tolerated.join(" ") : null),
    requestBody: ctx.bodyText,
    requestHeaders: req.headers,
    responseHeaders: headers,
    responseBody: text,
  });
  return { status: reply.status, headers, text };
}

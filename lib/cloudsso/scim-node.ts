import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isIPv6 } from "node:net";
import { MALFORMED_PATH_DETAIL, scimErrorBody } from "@/lib/scim/errors";
import { answerScimRequest, SCIM_CONTENT_TYPE, type ScimAnswer } from "./scim-handler";

/**
 * The production server's direct path to the SCIM server (scripts/server.mjs): a /scim/v2
 * request is answered from Node's request and response, without Next.js's routing and web
 * Request/Response adapters, which cost more per request than a page of 100 users does
 * (docs/benchmarks.md, "Direct SCIM path"). It answers exactly what the Next route
 * (app/scim/v2/[[...path]]/route.ts) would answer, through the same answerScimRequest. Anything
 * Next would treat differently first — a redirect for a trailing or doubled slash, dot segments,
 * HEAD and OPTIONS — is left to Next.
 */
const PREFIX = "/scim/v2";
const DIRECT_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

/** The address the server was started on: Next builds request URLs from it, and so does this path. */
export interface ServerAddress {
  hostname?: string;
  port: number;
}

/**
 * The route segments of a request this path answers, `"malformed"` for a /scim/v2 path whose
 * percent-encoding is broken (Next's proxy answers those 400 too), or null to leave it to Next.
 */
export function directScimRoute(method: string | undefined, rawUrl: string | undefined): string[] | "malformed" | null {
  if (!method || !DIRECT_METHODS.has(method) || !rawUrl) return null;
  const q = rawUrl.indexOf("?");
  const pathname = q === -1 ? rawUrl : rawUrl.slice(0, q);
  if (pathname !== PREFIX && !pathname.startsWith(`${PREFIX}/`)) return null;
  // Next redirects (308) a trailing slash, `//` and backslashes, and resolves `.`/`..` segments.
  if (pathname.endsWith("/") || pathname.includes("//") || pathname.includes("\\")) return null;
  const raw = pathname === PREFIX ? [] : pathname.slice(PREFIX.length + 1).split("/");
  if (raw.some((s) => s === "." || s === ".." || /^(\.|%2e){1,2}$/i.test(s))) return null;
  try {
    return raw.map((s) => decodeURIComponent(s));
  } catch {
    return "malformed";
  }
}

/** `http://127.0.0.1:3000/scim/v2/Users?…`, built the way Next builds a route's request URL. */
function requestUrl(req: IncomingMessage, at: ServerAddress): string {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted;
  const protocol = encrypted || String(req.headers["x-forwarded-proto"] ?? "").includes("https") ? "https" : "http";
  const host = at.hostname || "localhost";
  return `${protocol}://${isIPv6(host) ? `[${host}]` : host}:${at.port}${req.url}`;
}

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return headers;
}

function send(res: ServerResponse, answer: ScimAnswer, bodyUnread = false) {
  res.statusCode = answer.status;
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  // The server stopped reading an oversized body: the rest is not worth reading to keep the connection.
  if (bodyUnread) res.setHeader("Connection", "close");
  res.end(answer.text ?? undefined);
}

/** The answers this transport makes itself (none of them reaches the SCIM server or its log). */
function errorAnswer(status: number, detail: string): ScimAnswer {
  const headers = new Headers({ "content-type": SCIM_CONTENT_TYPE, "cache-control": "no-store" });
  return { status, headers, text: JSON.stringify(scimErrorBody(status, undefined, detail)) };
}

/**
 * Answers the request if it is one for this path and returns true; returns false, having done
 * nothing, to leave it to Next.
 */
export function serveScimDirect(req: IncomingMessage, res: ServerResponse, at: ServerAddress): boolean {
  const route = directScimRoute(req.method, req.url);
  if (route === null) return false;
  if (route === "malformed") {
    send(res, errorAnswer(400, MALFORMED_PATH_DETAIL));
    return true;
  }
  const body = req.method === "GET" || req.method === "DELETE" ? null : req.iterator({ destroyOnReturn: false });
  answerScimRequest({ method: req.method!, url: requestUrl(req, at), headers: requestHeaders(req), body }, route)
    .then((answer) => send(res, answer, body !== null && !req.complete))
    .catch((err) => {
      // answerScimRequest turns every error into a SCIM response; this is the last resort (and
      // catches a failed send too, which would otherwise be an unhandled rejection).
      console.error("SCIM request failed", err);
      if (res.headersSent) return void res.destroy();
      send(res, errorAnswer(500, "Internal server error."));
    });
  return true;
}

/** Where instrumentation.ts leaves the direct path for scripts/server.mjs to find. */
export const SCIM_DIRECT_KEY = Symbol.for("cloudsso.scim.direct");

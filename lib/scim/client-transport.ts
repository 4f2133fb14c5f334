import http from "node:http";
import https from "node:https";
import { ScimClientError, describeTlsCode, kindForNetworkCode } from "./client-errors";
import { pinnedLookup, type ResolvedOutboundTarget } from "./outbound-safety";

/**
 * One HTTP exchange over node:http(s) rather than fetch: it lets us pin the socket to the
 * addresses the outbound-safety check approved (custom `lookup`), tell TLS, refusal, reset and
 * timeout apart by their socket error codes, and stop reading a response at a byte limit.
 */

export interface TransportAgents {
  http: http.Agent;
  https: https.Agent;
}

export interface TransportRequest {
  method: string;
  url: URL;
  target: ResolvedOutboundTarget;
  headers: Record<string, string>;
  body?: string;
  /** Absolute time (ms since epoch) by which the whole exchange must finish. */
  deadline: number;
  timeoutMs: number;
  maxResponseBytes: number;
  agents?: TransportAgents;
  signal?: AbortSignal;
  /** "GET /Users" for error messages. */
  label: string;
}

export interface TransportResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export function createAgents(): TransportAgents {
  // Keep-alive matters for Push Now: thousands of requests to one host.
  return {
    http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 16 }),
  };
}

export function hostPort(target: ResolvedOutboundTarget): string {
  const h = target.hostname.includes(":") ? `[${target.hostname}]` : target.hostname;
  return `${h}:${target.port}`;
}

export function timeoutError(label: string, target: ResolvedOutboundTarget, timeoutMs: number): ScimClientError {
  return new ScimClientError(
    "timeout",
    `${label}: the SCIM server at ${hostPort(target)} did not answer within ${formatSeconds(timeoutMs)}.`,
    { request: label },
  );
}

export function sendRequest(req: TransportRequest): Promise<TransportResponse> {
  return new Promise<TransportResponse>((resolve, reject) => {
    const { url, target, label } = req;
    const isHttps = url.protocol === "https:";
    const remaining = req.deadline - Date.now();
    if (remaining <= 0) return reject(timeoutError(label, target, req.timeoutMs));

    let settled = false;
    const finish = (err: ScimClientError | null, res?: TransportResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener("abort", onAbort);
      if (err) {
        outgoing.destroy();
        reject(err);
      } else resolve(res!);
    };

    const options: https.RequestOptions = {
      method: req.method,
      protocol: url.protocol,
      hostname: target.hostname,
      port: target.port,
      path: `${url.pathname}${url.search}`,
      headers: { ...req.headers, Host: url.host },
      lookup: pinnedLookup(target.addresses) as unknown as http.RequestOptions["lookup"],
      agent: req.agents ? (isHttps ? req.agents.https : req.agents.http) : undefined,
      servername: isHttps && !/^[\d.]+$|:/.test(target.hostname) ? target.hostname : undefined,
    };
    const outgoing = (isHttps ? https : http).request(options, (res) => {
      const declared = Number(res.headers["content-length"]);
      if (Number.isFinite(declared) && declared > req.maxResponseBytes) {
        res.destroy();
        return finish(tooLarge(label, req.maxResponseBytes, res.statusCode));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.maxResponseBytes) {
          res.destroy();
          finish(tooLarge(label, req.maxResponseBytes, res.statusCode));
          return;
        }
        chunks.push(chunk);
      });
      res.on("end", () => {
        finish(null, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.on("error", (err) => finish(networkError(err, req)));
      res.on("close", () => {
        if (!res.complete) finish(dropped(req, "the connection closed before the response was complete"));
      });
    });

    const timer = setTimeout(() => finish(timeoutError(label, target, req.timeoutMs)), remaining);
    const onAbort = () =>
      finish(new ScimClientError("timeout", `${label}: the request was cancelled.`, { request: label, cause: req.signal?.reason }));
    if (req.signal) {
      if (req.signal.aborted) return finish(new ScimClientError("timeout", `${label}: the request was cancelled.`, { request: label }));
      req.signal.addEventListener("abort", onAbort, { once: true });
    }

    outgoing.on("error", (err) => finish(networkError(err, req)));
    if (req.body !== undefined) outgoing.end(req.body);
    else outgoing.end();
  });
}

function tooLarge(label: string, limit: number, status: number | undefined): ScimClientError {
  return new ScimClientError(
    "response_too_large",
    `${label}: the response is larger than the ${formatBytes(limit)} limit and was cut off.`,
    { request: label, httpStatus: status ?? null },
  );
}

function dropped(req: TransportRequest, what: string, cause?: unknown): ScimClientError {
  return new ScimClientError("dropped_connection", `${req.label}: ${what} (${hostPort(req.target)}).`, {
    request: req.label,
    cause,
  });
}

function networkError(err: unknown, req: TransportRequest): ScimClientError {
  const e = err as NodeJS.ErrnoException;
  const code = e?.code;
  const kind = kindForNetworkCode(code, e?.message);
  const where = hostPort(req.target);
  const init = { request: req.label, cause: err };
  switch (kind) {
    case "connection_refused":
      return new ScimClientError(
        kind,
        `${req.label}: the connection to ${where} was refused; nothing is listening there. Check the host and port in the SCIM Server URL and that the SCIM server is running.`,
        init,
      );
    case "unreachable":
      return new ScimClientError(kind, `${req.label}: the host ${where} is unreachable (${code}). Check the SCIM Server URL.`, init);
    case "timeout":
      return timeoutError(req.label, req.target, req.timeoutMs);
    case "tls":
      return new ScimClientError(kind, `${req.label}: TLS error talking to ${where}: ${describeTlsCode(code, e?.message)}.`, init);
    case "not_scim":
      return new ScimClientError(kind, `${req.label}: ${where} did not answer with valid HTTP (${code}); it is not a SCIM server.`, init);
    default:
      return dropped(req, `the connection was dropped${code ? ` (${code})` : ""}`, err);
  }
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

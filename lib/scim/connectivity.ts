import { randomBytes } from "node:crypto";
import { ScimClient, SCIM_SCHEMAS, eqFilter, DEFAULT_TIMEOUT_MS } from "./client";
import { ScimClientError, type ScimClientErrorKind } from "./client-errors";
import { formatSeconds } from "./client-transport";
import { parseOutboundUrl, type HostResolver } from "./outbound-safety";

/**
 * Test Connectivity (SPEC §3.3): proves the SCIM Server URL is a SCIM 2.0 server and the Bearer
 * Token is accepted, and otherwise names the one cause an admin can fix, in the words of the
 * seed's troubleshooting section.
 */

export type ConnectivityStepName = "url" | "serviceProviderConfig" | "authenticatedQuery";

export interface ConnectivityStep {
  name: ConnectivityStepName;
  label: string;
  ok: boolean;
  detail: string;
  durationMs: number;
}

export type ConnectivityResult =
  | { ok: true; message: string; steps: ConnectivityStep[] }
  | { ok: false; kind: ScimClientErrorKind; message: string; httpStatus: number | null; scimType: string | null; detail: string | null; steps: ConnectivityStep[] };

export interface ConnectivityInput {
  url: string;
  token: string;
  timeoutMs?: number;
  resolver?: HostResolver;
  signal?: AbortSignal;
}

const STEP_LABELS: Record<ConnectivityStepName, string> = {
  url: "Check the SCIM Server URL",
  serviceProviderConfig: "GET /ServiceProviderConfig",
  authenticatedQuery: "Authenticated GET /Users",
};

export const TOKEN_REJECTED_MESSAGE =
  "The Bearer Token was rejected (HTTP 401): it is invalid, disabled or expired. Check that Bearer Token Key Mode matches exactly the SCIM credential generated in the CloudSSO console; the credential is displayed only once — if it was not saved, generate a new SCIM credential in the CloudSSO console and update Bearer Token Key Mode.";

export const SCIM_DISABLED_MESSAGE =
  "SCIM synchronization is disabled on the target (HTTP 403). In the CloudSSO console, go to Settings > User Settings and turn on the switch under SCIM-based User Synchronization Configuration.";

export async function testConnectivity(input: ConnectivityInput): Promise<ConnectivityResult> {
  const timeoutMs = Math.min(input.timeoutMs ?? DEFAULT_TIMEOUT_MS, DEFAULT_TIMEOUT_MS);
  const steps: ConnectivityStep[] = [];
  const client = new ScimClient({ baseUrl: input.url, bearerToken: input.token, timeoutMs, resolver: input.resolver });
  // One budget for the whole test, not per request: an admin waits at most timeoutMs in total.
  const budget = AbortSignal.timeout(timeoutMs);
  const signal = input.signal ? AbortSignal.any([input.signal, budget]) : budget;
  let current: ConnectivityStepName = "url";
  const run = async <T>(name: ConnectivityStepName, fn: () => Promise<T>, detail: (v: T) => string): Promise<T> => {
    current = name;
    const started = Date.now();
    const value = await fn();
    steps.push({ name, label: STEP_LABELS[name], ok: true, detail: detail(value), durationMs: Date.now() - started });
    return value;
  };
  const startedAt = Date.now();
  try {
    await run(
      "url",
      async () => parseOutboundUrl(input.url),
      (u) => `${u.origin}${u.pathname}`,
    );
    await run("serviceProviderConfig", () => serviceProviderConfig(client, signal), (v) => v);
    await run("authenticatedQuery", () => authenticatedQuery(client, signal), (v) => v);
    return { ok: true, message: "Connectivity test succeeded: the SCIM server accepted the Bearer Token.", steps };
  } catch (err) {
    const e =
      err instanceof ScimClientError
        ? err
        : new ScimClientError("not_scim", `Unexpected error: ${err instanceof Error ? err.message : String(err)}`);
    steps.push({ name: current, label: STEP_LABELS[current], ok: false, detail: e.message, durationMs: Date.now() - startedAt });
    return {
      ok: false,
      kind: e.kind,
      message: explain(e, current, input.url, timeoutMs),
      httpStatus: e.httpStatus,
      scimType: e.scimType,
      detail: e.detail,
      steps,
    };
  } finally {
    client.close();
  }
}

async function serviceProviderConfig(client: ScimClient, signal?: AbortSignal): Promise<string> {
  let spc: Record<string, unknown>;
  try {
    spc = await client.getServiceProviderConfig({ signal });
  } catch (err) {
    // Some servers protect discovery too; ask again with the token before judging.
    if (!(err instanceof ScimClientError) || err.kind !== "unauthorized") throw err;
    spc = await client.getServiceProviderConfig({ signal, authenticate: true });
  }
  const schemas = Array.isArray(spc.schemas) ? spc.schemas : [];
  const looksLikeSpc = schemas.includes(SCIM_SCHEMAS.serviceProviderConfig) || ("patch" in spc && "filter" in spc);
  if (!looksLikeSpc) {
    throw new ScimClientError("not_scim", "GET /ServiceProviderConfig returned JSON that is not a SCIM ServiceProviderConfig.", {
      httpStatus: 200,
      request: "GET /ServiceProviderConfig",
    });
  }
  const filter = (spc.filter as { supported?: unknown } | undefined)?.supported === true ? "filter supported" : "filter not advertised";
  const patch = (spc.patch as { supported?: unknown } | undefined)?.supported === true ? "PATCH supported" : "PATCH not advertised";
  return `SCIM 2.0 ServiceProviderConfig found (${patch}, ${filter}).`;
}

async function authenticatedQuery(client: ScimClient, signal?: AbortSignal): Promise<string> {
  // A userName nobody has: proves auth and filtering without touching real data.
  const probe = `idaas-connectivity-${randomBytes(8).toString("hex")}`;
  const list = await client.listUsers({ filter: eqFilter("userName", probe), count: 1, signal });
  if (list.totalResults !== 0) {
    throw new ScimClientError(
      "not_scim",
      `GET /Users?filter=userName eq "${probe}" returned ${list.totalResults} results; the server does not apply SCIM filters.`,
      { httpStatus: 200, request: "GET /Users" },
    );
  }
  return "The Bearer Token was accepted and the filtered query returned an empty ListResponse.";
}

function explain(e: ScimClientError, step: ConnectivityStepName, url: string, timeoutMs: number): string {
  const serverDetail = e.detail ? ` Server detail: ${e.detail}` : "";
  const where = safeHostPort(url);
  switch (e.kind) {
    case "malformed_url":
    case "forbidden_address":
      return e.message;
    case "unreachable":
      return `The host ${where} is unreachable. Check that the SCIM Server URL matches the SCIM Endpoint shown in the CloudSSO console. (${e.message})`;
    case "connection_refused":
      return `The connection to ${where} was refused: no server is listening on that host and port. Check that the SCIM Server URL matches the SCIM Endpoint shown in the CloudSSO console.`;
    case "timeout":
      return `The SCIM server at ${where} did not answer within ${formatSeconds(timeoutMs)}. Check the SCIM Server URL and that the server is reachable from IDaaS.`;
    case "tls":
      return `TLS error connecting to ${where}. ${e.message.replace(/^[A-Z]+ \S+: /, "")} Use an https:// endpoint with a valid certificate.`;
    case "not_scim":
      return `The SCIM Server URL does not point at a SCIM 2.0 server: ${e.message} Use the SCIM Endpoint shown in the CloudSSO console (it ends in /scim/v2).`;
    case "unauthorized":
      return `${TOKEN_REJECTED_MESSAGE}${serverDetail}`;
    case "forbidden":
      return `${SCIM_DISABLED_MESSAGE}${serverDetail}`;
    case "not_found":
      return step === "serviceProviderConfig"
        ? `The SCIM Server URL does not point at a SCIM 2.0 server: GET /ServiceProviderConfig returned HTTP 404.${serverDetail} Use the SCIM Endpoint shown in the CloudSSO console (it ends in /scim/v2).`
        : `The SCIM server answered HTTP 404 to GET /Users.${serverDetail}`;
    case "rate_limited":
      return `The SCIM server is throttling requests (HTTP 429). Try again later.${serverDetail}`;
    case "server_error":
      return `The SCIM server failed with HTTP ${e.httpStatus}.${serverDetail} Try again later.`;
    case "dropped_connection":
      return `The connection to ${where} was dropped before the answer was complete. Try again; if it persists, check proxies between IDaaS and the SCIM server.`;
    case "response_too_large":
      return `The answer from ${where} was larger than allowed and was cut off; this is not a SCIM server's answer.`;
    default:
      return `${e.message}${serverDetail && !e.message.includes(e.detail ?? "") ? serverDetail : ""}`;
  }
}

function safeHostPort(url: string): string {
  try {
    const u = new URL(url.trim());
    return `${u.hostname}:${u.port || (u.protocol === "https:" ? "443" : "80")}`;
  } catch {
    return url.slice(0, 100);
  }
}

/**
 * The one error type every outbound SCIM call throws. Callers (Test Connectivity, the
 * provisioning engine) branch on `kind` and `retryable`; `message` is safe to show an admin and
 * never contains the bearer token.
 */
export type ScimClientErrorKind =
  | "malformed_url"
  | "forbidden_address"
  | "unreachable"
  | "connection_refused"
  | "timeout"
  | "tls"
  | "not_scim"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "bad_request"
  | "rate_limited"
  | "server_error"
  | "dropped_connection"
  | "response_too_large";

const RETRYABLE_KINDS: ReadonlySet<ScimClientErrorKind> = new Set([
  "rate_limited",
  "server_error",
  "timeout",
  "dropped_connection",
  "connection_refused",
]);

export interface ScimClientErrorInit {
  httpStatus?: number | null;
  scimType?: string | null;
  detail?: string | null;
  retryAfterMs?: number | null;
  /** "GET /Users" — which call failed, for logs (path only, never headers). */
  request?: string;
  cause?: unknown;
}

export class ScimClientError extends Error {
  override readonly name = "ScimClientError";
  readonly kind: ScimClientErrorKind;
  readonly httpStatus: number | null;
  readonly scimType: string | null;
  readonly detail: string | null;
  readonly retryAfterMs: number | null;
  readonly retryable: boolean;
  readonly request: string | null;

  constructor(kind: ScimClientErrorKind, message: string, init: ScimClientErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = kind;
    this.httpStatus = init.httpStatus ?? null;
    this.scimType = init.scimType ?? null;
    this.detail = init.detail ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.retryable = RETRYABLE_KINDS.has(kind);
    this.request = init.request ?? null;
  }

  /** Plain object for logs and task records (no stack, no cause chain). */
  toJSON() {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      httpStatus: this.httpStatus,
      scimType: this.scimType,
      detail: this.detail,
      retryAfterMs: this.retryAfterMs,
      retryable: this.retryable,
      request: this.request,
    };
  }
}

export function isScimClientError(err: unknown): err is ScimClientError {
  return err instanceof ScimClientError;
}

/** 429, 5xx, timeouts and dropped or refused connections: worth trying again later. */
export function isRetryable(err: unknown): boolean {
  return err instanceof ScimClientError && err.retryable;
}

/** Kind for an HTTP error status (the body decides nothing here; it only adds detail). */
export function kindForStatus(status: number): ScimClientErrorKind {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limited";
  if (status === 413) return "bad_request";
  if (status >= 500) return "server_error";
  return "bad_request";
}

/**
 * Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns null when
 * absent or unparseable; a date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value == null) return null;
  const v = value.trim();
  if (v === "") return null;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // HTTP-dates always name the day and month; anything else (e.g. "-1") is junk, not a date.
  if (!/[a-z]{3}/i.test(v)) return null;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/**
 * Node's socket/TLS error codes → our kinds. Unknown codes are treated as a dropped connection
 * (retryable), because they happen mid-exchange rather than before one.
 */
export function kindForNetworkCode(code: string | undefined, message = ""): ScimClientErrorKind {
  // OpenSSL failures surface as EPROTO, and a peer hanging up mid-handshake as ECONNRESET.
  if (code === "EPROTO" || /SSL routines|before secure TLS connection/i.test(message)) return "tls";
  switch (code) {
    case "ECONNREFUSED":
      return "connection_refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_FAIL":
    case "EAI_NODATA":
    case "EAI_NONAME":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "EHOSTDOWN":
    case "ENETDOWN":
    case "EADDRNOTAVAIL":
      return "unreachable";
    case "ETIMEDOUT":
      return "timeout";
    case "ECONNRESET":
    case "EPIPE":
    case "ECONNABORTED":
    case "ERR_STREAM_PREMATURE_CLOSE":
      return "dropped_connection";
  }
  if (code && isTlsCode(code)) return "tls";
  if (code && code.startsWith("HPE_")) return "not_scim";
  return "dropped_connection";
}

const TLS_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "HOSTNAME_MISMATCH",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_TLS_HANDSHAKE_TIMEOUT",
]);

function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_") || code.includes("CERT");
}

/** Human wording for TLS codes an admin can act on. */
export function describeTlsCode(code: string | undefined, message = ""): string {
  if (/wrong version number|packet length too long|http request/i.test(message)) {
    return "the server does not speak TLS on this port (try http:// instead of https://)";
  }
  if (/before secure TLS connection/i.test(message)) return "the server closed the connection during the TLS handshake";
  switch (code) {
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "SELF_SIGNED_CERT_IN_CHAIN":
      return "the server's certificate is self-signed and not trusted";
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
      return "the server's certificate is not issued by a trusted authority";
    case "CERT_HAS_EXPIRED":
      return "the server's certificate has expired";
    case "CERT_NOT_YET_VALID":
      return "the server's certificate is not yet valid";
    case "ERR_TLS_CERT_ALTNAME_INVALID":
    case "HOSTNAME_MISMATCH":
      return "the server's certificate does not match the host name";
    case "ERR_SSL_WRONG_VERSION_NUMBER":
    case "ERR_SSL_PACKET_LENGTH_TOO_LONG":
      return "the server does not speak TLS on this port (try http:// instead of https://)";
    default:
      return code ? `TLS handshake failed (${code})` : "TLS handshake failed";
  }
}

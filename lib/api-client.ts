/** Browser-side JSON fetch used by every TanStack Query hook. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors: Record<string, string> = {},
    /** The whole error body, for the few routes that say more than a message (e.g. a task id). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** What to tell the admin about a failed request. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : "The request failed.";
}

export async function api<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    cache: "no-store",
  });
  if (res.status === 401 && typeof window !== "undefined") {
    // The session expired mid-visit: a full navigation to sign-in drops all client state
    // (a router push would keep stale cached queries around).
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(`/login?callbackUrl=${encodeURIComponent(window.location.pathname)}`);
  }
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(`Unexpected response (${res.status}).`, res.status);
  }
  if (!res.ok) {
    const body = (data ?? {}) as { error?: string; fieldErrors?: Record<string, string> };
    throw new ApiError(body.error ?? `Request failed (${res.status}).`, res.status, body.fieldErrors, body);
  }
  return data as T;
}

export function qs(params: Record<string, string | number | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : "";
}

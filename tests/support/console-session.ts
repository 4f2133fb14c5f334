import { ADMIN } from "../setup/server";

/** A signed-in console session over real HTTP (next-auth credentials flow, cookies kept). */
export interface ConsoleSession {
  cookie: string;
  /** fetch relative to baseUrl with the session cookie; JSON-encodes `json` bodies. */
  request(path: string, init?: { method?: string; json?: unknown; body?: string; headers?: Record<string, string> }): Promise<Response>;
  /** request + parse JSON, returning status and body. */
  call<T = unknown>(method: string, path: string, json?: unknown): Promise<{ status: number; body: T }>;
}

function collectCookies(res: Response, jar: Map<string, string>) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

export async function signIn(baseUrl: string, username = ADMIN.username, password = ADMIN.password): Promise<ConsoleSession> {
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  collectCookies(csrfRes, jar);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }).toString(),
  });
  collectCookies(res, jar);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) {
    throw new Error(`Sign-in failed for ${username} (status ${res.status})`);
  }
  const cookie = cookieHeader(jar);
  const request: ConsoleSession["request"] = (path, init = {}) =>
    fetch(`${baseUrl}${path}`, {
      method: init.method ?? (init.json !== undefined || init.body !== undefined ? "POST" : "GET"),
      redirect: "manual",
      headers: {
        cookie,
        ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        ...init.headers,
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
  return {
    cookie,
    request,
    async call<T>(method: string, path: string, json?: unknown) {
      const res = await request(path, { method, json });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
  };
}

import http from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";

/**
 * A throwaway SCIM 2.0 server for engine tests: in-memory users and groups, userName and
 * displayName uniqueness (409), the filters and PATCH forms the engine sends, and injectable
 * faults — 500, 429 with Retry-After, hangs past the client timeout, and connections dropped
 * before or after the write was applied (the "did it happen?" case).
 */
export type Fault = "500" | "429" | "hang" | "drop-before" | "drop-after";

export interface FakeUser {
  id: string;
  userName: string;
  active: boolean;
  displayName?: string;
  [k: string]: unknown;
}
export interface FakeGroup {
  id: string;
  displayName: string;
  members: string[];
  [k: string]: unknown;
}

export interface FakeScimServer {
  url: string;
  token: string;
  users: Map<string, FakeUser>;
  groups: Map<string, FakeGroup>;
  /** Successful creates per userName / group name: must never exceed 1. */
  creates: Map<string, number>;
  writes: number;
  faultsInjected: number;
  setFaults(rate: number, kinds?: Fault[]): void;
  /** Every request answered 403 with a SCIM error (SCIM switched off on the target). */
  setForbidden(on: boolean): void;
  /** userNames the server refuses with a permanent 400 invalidValue. */
  rejectUserNames: Set<string>;
  close(): Promise<void>;
}

const ERR = "urn:ietf:params:scim:api:messages:2.0:Error";

export async function startFakeScimServer(opts: { retryAfterSeconds?: number } = {}): Promise<FakeScimServer> {
  const token = `tok-${randomUUID()}`;
  const users = new Map<string, FakeUser>();
  const groups = new Map<string, FakeGroup>();
  const creates = new Map<string, number>();
  let faultRate = 0;
  let faultKinds: Fault[] = ["500", "429", "hang", "drop-before", "drop-after"];
  let forbidden = false;
  const sockets = new Set<import("node:net").Socket>();

  const state: Omit<FakeScimServer, "url" | "close"> = {
    token,
    users,
    groups,
    creates,
    writes: 0,
    faultsInjected: 0,
    setFaults(rate, kinds) {
      faultRate = rate;
      if (kinds) faultKinds = kinds;
    },
    setForbidden(on) {
      forbidden = on;
    },
    rejectUserNames: new Set(),
  };

  const send = (res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/scim+json", ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const error = (res: http.ServerResponse, status: number, detail: string, scimType?: string, headers?: Record<string, string>) =>
    send(res, status, { schemas: [ERR], status: String(status), ...(scimType ? { scimType } : {}), detail }, headers);

  const userOut = (u: FakeUser) => ({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], ...u, meta: { resourceType: "User" } });
  const groupOut = (g: FakeGroup, withMembers = true) => ({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
    ...g,
    members: withMembers ? g.members.map((value) => ({ value })) : undefined,
    meta: { resourceType: "Group" },
  });
  const list = (items: unknown[]) => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: items.length, Resources: items });

  function eqFilter(filter: string | null): { attr: string; value: string } | null {
    const m = filter ? /^(\w+) eq "((?:[^"\\]|\\.)*)"$/.exec(filter) : null;
    return m ? { attr: m[1], value: JSON.parse(`"${m[2]}"`) as string } : null;
  }

  function applyUserPatch(u: FakeUser, ops: { op: string; path?: string; value?: unknown }[]) {
    for (const op of ops) {
      if (op.op.toLowerCase() === "replace" && op.path) u[op.path] = op.value;
      else if (op.op.toLowerCase() === "replace" && op.value && typeof op.value === "object") Object.assign(u, op.value);
    }
  }

  function applyGroupPatch(g: FakeGroup, ops: { op: string; path?: string; value?: unknown }[]): string | null {
    const next = [...g.members];
    const attrs: Record<string, unknown> = {};
    for (const op of ops) {
      const kind = op.op.toLowerCase();
      if (kind === "add" && op.path === "members") {
        for (const m of op.value as { value: string }[]) {
          if (!users.has(m.value)) return `Member ${m.value} does not exist.`;
          if (!next.includes(m.value)) next.push(m.value);
        }
      } else if (kind === "remove" && op.path?.startsWith("members[")) {
        const id = /value eq "([^"]+)"/.exec(op.path)?.[1];
        const i = id ? next.indexOf(id) : -1;
        if (i >= 0) next.splice(i, 1);
      } else if (kind === "replace" && !op.path && op.value && typeof op.value === "object") {
        Object.assign(attrs, op.value);
      }
    }
    g.members = next;
    Object.assign(g, attrs);
    return null;
  }

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const path = url.pathname.replace(/^\/scim\/v2/, "");
      const method = req.method ?? "GET";
      if (req.headers.authorization !== `Bearer ${token}`) return error(res, 401, "Invalid bearer token.");
      if (forbidden) return error(res, 403, "SCIM synchronization is disabled for this directory.");

      let fault: Fault | null = null;
      if (faultRate > 0 && Math.random() < faultRate) {
        fault = faultKinds[Math.floor(Math.random() * faultKinds.length)];
        state.faultsInjected++;
        if (fault === "500") return error(res, 500, "Injected server error.");
        if (fault === "429") return error(res, 429, "Too many requests.", undefined, { "retry-after": String(opts.retryAfterSeconds ?? 0) });
        if (fault === "hang") return; // never answer: the client's timeout must fire
        if (fault === "drop-before") return req.socket.destroy();
      }
      // drop-after: apply the request, then lose the response.
      const out = fault === "drop-after" ? { ...res, writeHead: () => res, end: () => req.socket.destroy() } as unknown as http.ServerResponse : res;
      let body: Record<string, unknown> = {};
      try {
        body = raw ? JSON.parse(raw) : {};
      } catch {
        return error(out, 400, "Malformed JSON.", "invalidSyntax");
      }
      handle(method, path, url, body, out);
    });
  });

  function handle(method: string, path: string, url: URL, body: Record<string, unknown>, res: http.ServerResponse) {
    const [, type, id] = path.split("/");
    if (type === "Users") {
      if (method === "GET" && !id) {
        const f = eqFilter(url.searchParams.get("filter"));
        const all = [...users.values()];
        const hits = f ? all.filter((u) => String(u[f.attr] ?? "").toLowerCase() === f.value.toLowerCase()) : all;
        return send(res, 200, list(hits.map(userOut)));
      }
      if (method === "POST") {
        const userName = String(body.userName ?? "");
        if (!userName) return error(res, 400, "userName is required.", "invalidValue");
        if (state.rejectUserNames.has(userName)) return error(res, 400, `userName "${userName}" is not allowed here.`, "invalidValue");
        if ([...users.values()].some((u) => u.userName.toLowerCase() === userName.toLowerCase())) {
          return error(res, 409, `userName "${userName}" already exists.`, "uniqueness");
        }
        const u: FakeUser = { ...(body as object), id: randomUUID(), userName, active: body.active !== false } as FakeUser;
        delete u.schemas;
        users.set(u.id, u);
        creates.set(`user:${userName}`, (creates.get(`user:${userName}`) ?? 0) + 1);
        state.writes++;
        return send(res, 201, userOut(u));
      }
      const u = id ? users.get(id) : undefined;
      if (!u) return error(res, 404, "User not found.");
      if (method === "GET") return send(res, 200, userOut(u));
      if (method === "PUT") {
        const next = { ...(body as object), id: u.id, userName: u.userName, active: body.active !== false } as FakeUser;
        delete next.schemas;
        users.set(u.id, next);
        state.writes++;
        return send(res, 200, userOut(next));
      }
      if (method === "PATCH") {
        applyUserPatch(u, (body.Operations as { op: string; path?: string; value?: unknown }[]) ?? []);
        state.writes++;
        return send(res, 200, userOut(u));
      }
      if (method === "DELETE") {
        users.delete(u.id);
        for (const g of groups.values()) g.members = g.members.filter((m) => m !== u.id);
        state.writes++;
        res.writeHead(204);
        return res.end();
      }
    }
    if (type === "Groups") {
      if (method === "GET" && !id) {
        const f = eqFilter(url.searchParams.get("filter"));
        const all = [...groups.values()];
        const hits = f ? all.filter((g) => String(g[f.attr] ?? "").toLowerCase() === f.value.toLowerCase()) : all;
        return send(res, 200, list(hits.map((g) => groupOut(g, false))));
      }
      if (method === "POST") {
        const displayName = String(body.displayName ?? "");
        if ([...groups.values()].some((g) => g.displayName.toLowerCase() === displayName.toLowerCase())) {
          return error(res, 409, `Group "${displayName}" already exists.`, "uniqueness");
        }
        const g: FakeGroup = { ...(body as object), id: randomUUID(), displayName, members: [] } as FakeGroup;
        delete g.schemas;
        groups.set(g.id, g);
        creates.set(`group:${displayName}`, (creates.get(`group:${displayName}`) ?? 0) + 1);
        state.writes++;
        return send(res, 201, groupOut(g));
      }
      const g = id ? groups.get(id) : undefined;
      if (!g) return error(res, 404, "Group not found.");
      if (method === "GET") return send(res, 200, groupOut(g, url.searchParams.get("excludedAttributes") !== "members"));
      if (method === "PATCH") {
        const problem = applyGroupPatch(g, (body.Operations as { op: string; path?: string; value?: unknown }[]) ?? []);
        if (problem) return error(res, 400, problem, "invalidValue");
        state.writes++;
        return send(res, 200, groupOut(g));
      }
      if (method === "DELETE") {
        groups.delete(g.id);
        state.writes++;
        res.writeHead(204);
        return res.end();
      }
    }
    return error(res, 404, "Unknown endpoint.");
  }

  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as AddressInfo;
  const self = Object.assign(state, {
    url: `http://127.0.0.1:${port}/scim/v2`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  }) as FakeScimServer;
  // `writes` and `faultsInjected` are mutated on `state`; the returned object is that same object.
  return self;
}

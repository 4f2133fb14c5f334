import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ScimClient, ScimClientError, withRetry } from "@/lib/scim/client";
import { testConnectivity } from "@/lib/scim/connectivity";

/**
 * The SCIM client and Test Connectivity against a throwaway server that fails in every way the
 * seed's troubleshooting covers (and a few a real network adds), over real sockets.
 */

const TOKEN = "faults-Secret-Token-0123456789abcdef";
const SPC = {
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: 100 },
  changePassword: { supported: false },
  sort: { supported: true },
  etag: { supported: true },
  authenticationSchemes: [{ type: "oauthbearertoken", name: "OAuth Bearer Token", description: "Bearer" }],
};
const scimError = (status: number, detail: string, scimType?: string) => ({
  schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
  status: String(status),
  ...(scimType ? { scimType } : {}),
  detail,
});

interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const recorded: Recorded[] = [];
const hits = new Map<string, number>();
let base = "";
let refusedUrl = "";
let tlsUrl = "";
let server: http.Server;
let tlsServer: https.Server;
const sockets = new Set<{ destroy(): void }>();

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "Content-Type": typeof body === "string" ? "text/html" : "application/scim+json", ...headers });
  res.end(text);
}

/** Routes by the first path segment ("scenario"); the rest is the SCIM path. */
function handle(req: http.IncomingMessage, res: http.ServerResponse, body: string) {
  const url = new URL(req.url ?? "/", "http://x");
  const [, scenario, ...rest] = url.pathname.split("/");
  const scimPath = `/${rest.join("/")}`;
  recorded.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
  hits.set(scenario, (hits.get(scenario) ?? 0) + 1);
  const authorized = req.headers.authorization === `Bearer ${TOKEN}`;
  const isSpc = scimPath === "/ServiceProviderConfig";

  switch (scenario) {
    case "good":
    case "unauth":
    case "disabled":
    case "spc-needs-auth": {
      if (isSpc) {
        if (scenario === "spc-needs-auth" && !authorized) return send(res, 401, scimError(401, "Authentication required."), { "WWW-Authenticate": "Bearer" });
        return send(res, 200, SPC);
      }
      if (scenario === "unauth" || !authorized) {
        return send(res, 401, scimError(401, "The bearer token is invalid, disabled or expired."), { "WWW-Authenticate": "Bearer" });
      }
      if (scenario === "disabled") return send(res, 403, scimError(403, "SCIM synchronization is disabled for this directory."));
      if (scimPath === "/Users" && req.method === "GET") {
        return send(res, 200, { schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
      }
      if (scimPath === "/Users" && req.method === "POST") {
        const created = { ...JSON.parse(body), id: "u-1", meta: { resourceType: "User" } };
        return send(res, 201, created);
      }
      if (scimPath.startsWith("/Groups/") && req.method === "PATCH") return send(res, 204, "");
      if (scimPath.startsWith("/Users/") && req.method === "DELETE") return send(res, 204, "");
      if (scimPath.startsWith("/Users/")) return send(res, 404, scimError(404, "User not found."));
      return send(res, 404, scimError(404, "No such endpoint."));
    }
    case "html":
      return send(res, 200, "<!DOCTYPE html><html><body>Welcome to nginx!</body></html>");
    case "notfound":
      return send(res, 404, "<html><body>404 Not Found</body></html>");
    case "text":
      res.writeHead(200, { "Content-Type": "text/plain" });
      return res.end("hello, I am not SCIM");
    case "json-not-spc":
      return send(res, 200, { status: "ok", version: "1.2.3" });
    case "filter-ignored":
      if (isSpc) return send(res, 200, SPC);
      return send(res, 200, { schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 3, Resources: [{ id: "a" }, { id: "b" }, { id: "c" }] });
    case "hang":
      return; // never answers; the socket is destroyed in afterAll
    case "slow-spc":
      if (isSpc) setTimeout(() => send(res, 200, SPC), 600);
      return; // /Users never answers
    case "reset-mid":
      res.writeHead(200, { "Content-Type": "application/scim+json", "Content-Length": "1000" });
      res.write('{"schemas":["urn:ietf:params:scim:');
      setTimeout(() => req.socket.destroy(), 20);
      return;
    case "reset-early":
      return req.socket.destroy();
    case "big": {
      res.writeHead(200, { "Content-Type": "application/scim+json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 8 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => (sent = Infinity));
      return pump();
    }
    case "big-declared":
      res.writeHead(200, { "Content-Type": "application/scim+json", "Content-Length": String(50 * 1024 * 1024) });
      return res.write("{");
    case "throttle":
      return send(res, 429, scimError(429, "Too many requests."), { "Retry-After": "2" });
    case "throttle-date":
      return send(res, 429, scimError(429, "Too many requests."), { "Retry-After": new Date(Date.now() + 5000).toUTCString() });
    case "error500":
      return send(res, 500, scimError(500, "Internal error."));
    case "gateway":
      return send(res, 502, "<html><body>502 Bad Gateway</body></html>");
    case "conflict":
      return send(res, 409, scimError(409, "userName alice is already taken.", "uniqueness"));
    case "flaky":
      if ((hits.get("flaky") ?? 0) <= 2) return send(res, 503, scimError(503, "Try later."), { "Retry-After": "0" });
      return send(res, 200, { id: "u-9", userName: "flaky" });
    case "echo":
      return send(res, 400, scimError(400, `Bad header: ${req.headers.authorization}`, "invalidValue"));
    case "redirect":
      res.writeHead(302, { Location: "http://169.254.169.254/latest/meta-data/" });
      return res.end();
    case "ambiguous":
      return send(res, 200, { schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 2, Resources: [{ id: "a" }, { id: "b" }] });
    default:
      return send(res, 404, "<html>unknown scenario</html>");
  }
}

function listener(req: http.IncomingMessage, res: http.ServerResponse) {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (c) => (body += c));
  req.on("end", () => handle(req, res, body));
}

function listen(srv: net.Server): Promise<number> {
  return new Promise((resolve) => srv.listen(0, "127.0.0.1", () => resolve((srv.address() as net.AddressInfo).port)));
}

beforeAll(async () => {
  server = http.createServer(listener);
  server.on("connection", (s) => sockets.add(s));
  base = `http://127.0.0.1:${await listen(server)}`;

  const probe = net.createServer();
  const port = await listen(probe);
  await new Promise<void>((r) => probe.close(() => r()));
  refusedUrl = `http://127.0.0.1:${port}/scim/v2`;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scim-tls-"));
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
    "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"),
  ], { stdio: "pipe" });
  tlsServer = https.createServer({ key: fs.readFileSync(path.join(dir, "key.pem")), cert: fs.readFileSync(path.join(dir, "cert.pem")) }, listener);
  tlsServer.on("connection", (s) => sockets.add(s));
  tlsUrl = `https://localhost:${await listen(tlsServer)}/good`;
  fs.rmSync(dir, { recursive: true, force: true });
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all([server, tlsServer].map((s) => new Promise<void>((r) => (s ? s.close(() => r()) : r()))));
});

function client(scenario: string, extra: Partial<ConstructorParameters<typeof ScimClient>[0]> = {}) {
  return new ScimClient({ baseUrl: `${base}/${scenario}`, bearerToken: TOKEN, ...extra });
}

async function failure(p: Promise<unknown>): Promise<ScimClientError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ScimClientError);
    const e = err as ScimClientError;
    // The token must never leak through any error surface.
    expect(e.message).not.toContain(TOKEN);
    expect(JSON.stringify(e)).not.toContain(TOKEN);
    expect(String(e.stack)).not.toContain(TOKEN);
    return e;
  }
  throw new Error("expected the call to fail");
}

describe("ScimClient over HTTP", () => {
  it("sends SCIM requests with the bearer token, an escaped filter and SCIM content types", async () => {
    const c = client("good");
    recorded.length = 0;
    expect(await c.findUserBy("userName", 'al"ice\\x')).toBeNull();
    const req = recorded.at(-1)!;
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.headers.accept).toContain("application/scim+json");
    expect(new URL(req.url, "http://x").searchParams.get("filter")).toBe('userName eq "al\\"ice\\\\x"');
    expect(req.url).toContain("filter=userName%20eq%20");

    const created = await c.createUser({ userName: "alice" });
    expect(created.id).toBe("u-1");
    const post = recorded.at(-1)!;
    expect(post.headers["content-type"]).toMatch(/^application\/scim\+json/);
    expect(JSON.parse(post.body)).toEqual({ userName: "alice", schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"] });

    expect(await c.removeGroupMembers("g 1", ["u-1", 'we"ird'])).toBeNull();
    const patch = recorded.at(-1)!;
    expect(patch.url).toBe("/good/Groups/g%201");
    expect(JSON.parse(patch.body)).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [
        { op: "remove", path: 'members[value eq "u-1"]' },
        { op: "remove", path: 'members[value eq "we\\"ird"]' },
      ],
    });
    await c.deleteUser("u-1");
    c.close();
  });

  it("does not send the token to ServiceProviderConfig unless asked", async () => {
    const c = client("good");
    await c.getServiceProviderConfig();
    expect(recorded.at(-1)!.headers.authorization).toBeUndefined();
    await c.getServiceProviderConfig({ authenticate: true });
    expect(recorded.at(-1)!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    c.close();
  });

  it("classifies HTTP failures with the server's SCIM error", async () => {
    const unauthorized = await failure(client("unauth").listUsers());
    expect(unauthorized).toMatchObject({ kind: "unauthorized", httpStatus: 401, detail: "The bearer token is invalid, disabled or expired.", retryable: false });

    const forbidden = await failure(client("disabled").listUsers());
    expect(forbidden).toMatchObject({ kind: "forbidden", httpStatus: 403, detail: "SCIM synchronization is disabled for this directory." });

    const notFound = await failure(client("good").getUser("missing"));
    expect(notFound).toMatchObject({ kind: "not_found", httpStatus: 404, detail: "User not found." });

    const conflict = await failure(client("conflict").createUser({ userName: "alice" }));
    expect(conflict).toMatchObject({ kind: "conflict", httpStatus: 409, scimType: "uniqueness", retryable: false });
    expect(conflict.message).toBe("POST /Users failed: HTTP 409 (uniqueness): userName alice is already taken.");

    const throttled = await failure(client("throttle").listUsers());
    expect(throttled).toMatchObject({ kind: "rate_limited", httpStatus: 429, retryAfterMs: 2000, retryable: true });

    const throttledDate = await failure(client("throttle-date").listUsers());
    expect(throttledDate.retryAfterMs).toBeGreaterThan(2000);
    expect(throttledDate.retryAfterMs).toBeLessThanOrEqual(5000);

    expect(await failure(client("error500").listUsers())).toMatchObject({ kind: "server_error", httpStatus: 500, retryable: true });
    const gateway = await failure(client("gateway").listUsers());
    expect(gateway).toMatchObject({ kind: "server_error", httpStatus: 502, detail: null });
    expect(gateway.message).toMatch(/HTTP 502 with an HTML page/);
  });

  it("tells a web server apart from a SCIM server", async () => {
    const html = await failure(client("html").getServiceProviderConfig());
    expect(html).toMatchObject({ kind: "not_scim", httpStatus: 200 });
    expect(html.message).toMatch(/an HTML page instead of SCIM JSON/);
    expect(await failure(client("notfound").getUser("x"))).toMatchObject({ kind: "not_scim", httpStatus: 404 });
    expect((await failure(client("text").listUsers())).message).toMatch(/a non-JSON body \(text\/plain\)/);
    const redirect = await failure(client("redirect").listUsers());
    expect(redirect).toMatchObject({ kind: "not_scim", httpStatus: 302 });
    expect(redirect.message).toMatch(/Redirects are not followed/);
  });

  it("refuses to guess between several matches", async () => {
    expect(await failure(client("ambiguous").findUserBy("externalId", "x"))).toMatchObject({ kind: "conflict" });
  });

  it("redacts a token the server echoes back", async () => {
    const e = await failure(client("echo").listUsers());
    expect(e.kind).toBe("bad_request");
    expect(e.detail).toBe("Bad header: Bearer [redacted]");
  });

  it("times out a server that never answers", async () => {
    const started = Date.now();
    const e = await failure(client("hang", { timeoutMs: 300 }).listUsers());
    expect(e).toMatchObject({ kind: "timeout", retryable: true });
    expect(e.message).toMatch(/did not answer within 0\.3 s/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("reports a connection dropped mid-response and before it", async () => {
    expect(await failure(client("reset-mid").listUsers())).toMatchObject({ kind: "dropped_connection", retryable: true });
    expect(await failure(client("reset-early").listUsers())).toMatchObject({ kind: "dropped_connection", retryable: true });
  });

  it("cuts off oversized responses", async () => {
    const streamed = await failure(client("big", { maxResponseBytes: 1024 * 1024 }).listUsers());
    expect(streamed).toMatchObject({ kind: "response_too_large", retryable: false });
    expect(streamed.message).toMatch(/larger than the 1 MiB limit/);
    expect(await failure(client("big-declared").listUsers())).toMatchObject({ kind: "response_too_large" });
  });

  it("reports a refused port", async () => {
    const e = await failure(new ScimClient({ baseUrl: refusedUrl, bearerToken: TOKEN }).listUsers());
    expect(e).toMatchObject({ kind: "connection_refused", retryable: true });
    expect(e.message).toMatch(/connection to 127\.0\.0\.1:\d+ was refused/);
  });

  it("rejects an untrusted TLS certificate", async () => {
    const e = await failure(new ScimClient({ baseUrl: tlsUrl, bearerToken: TOKEN }).getServiceProviderConfig());
    expect(e).toMatchObject({ kind: "tls", retryable: false });
    expect(e.message).toMatch(/self-signed/);
  });

  it("reports TLS spoken to a plain HTTP port as a TLS error", async () => {
    const e = await failure(new ScimClient({ baseUrl: `${base.replace("http:", "https:")}/good`, bearerToken: TOKEN }).listUsers());
    expect(e.kind).toBe("tls");
    expect(e.message).toMatch(/does not speak TLS/);
  });

  it("withRetry gets through transient failures", async () => {
    const c = client("flaky");
    const sleeps: number[] = [];
    const sleep = async (ms: number) => void sleeps.push(ms);
    const result = await withRetry(() => c.getUser("u-9"), { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000, sleep, random: () => 0 });
    expect(result.id).toBe("u-9");
    // Two 503s with Retry-After: 0 — the backoff (equal jitter, random 0 → half of 100·2^n) wins.
    expect(sleeps).toEqual([50, 100]);
  });

  it("withRetry waits for the server's Retry-After, gives up after its attempts and rethrows", async () => {
    const c = client("throttle");
    const sleeps: number[] = [];
    const sleep = async (ms: number) => void sleeps.push(ms);
    const e = await failure(withRetry(() => c.getUser("u-9"), { attempts: 3, baseDelayMs: 10, maxDelayMs: 10, sleep, random: () => 0 }));
    expect(e).toMatchObject({ kind: "rate_limited", httpStatus: 429, retryAfterMs: 2000 });
    expect(sleeps).toEqual([2000, 2000]);
  });

  it("withRetry does not retry a refusal", async () => {
    const c = client("conflict");
    let calls = 0;
    const attempt = () => {
      calls++;
      return c.getUser("u-9");
    };
    const e = await failure(withRetry(attempt, { attempts: 5, baseDelayMs: 10, maxDelayMs: 10, sleep: async () => {} }));
    expect(e).toMatchObject({ kind: "conflict", httpStatus: 409 });
    expect(calls).toBe(1);
  });
});

describe("outbound safety on real requests", () => {
  it("refuses metadata and link-local targets before connecting", async () => {
    for (const url of ["http://169.254.169.254/scim/v2", "http://100.100.100.200/scim/v2", "http://[fe80::1]/scim/v2", "http://metadata.google.internal/scim/v2"]) {
      const e = await failure(new ScimClient({ baseUrl: url, bearerToken: TOKEN }).listUsers());
      expect(e.kind, url).toBe("forbidden_address");
    }
  });

  it("refuses a host name whose DNS answer is forbidden, even when the server is real", async () => {
    const port = new URL(base).port;
    const c = new ScimClient({
      baseUrl: `http://scim.test:${port}/good`,
      bearerToken: TOKEN,
      resolver: async () => [
        { address: "127.0.0.1", family: 4 },
        { address: "169.254.169.254", family: 4 },
      ],
    });
    expect(await failure(c.listUsers())).toMatchObject({ kind: "forbidden_address" });
  });

  it("connects to the checked address, not a fresh DNS answer", async () => {
    const port = new URL(base).port;
    // scim.test does not exist in real DNS: the request can only succeed through the pinned address.
    const c = new ScimClient({ baseUrl: `http://scim.test:${port}/good`, bearerToken: TOKEN, resolver: async () => [{ address: "127.0.0.1", family: 4 }] });
    expect((await c.listUsers()).totalResults).toBe(0);
    expect(recorded.at(-1)!.headers.host).toBe(`scim.test:${port}`);
    c.close();
  });
});

describe("testConnectivity", () => {
  const check = (scenario: string, token = TOKEN, timeoutMs?: number) => testConnectivity({ url: `${base}/${scenario}`, token, timeoutMs });

  it("succeeds against a SCIM server with a valid token, in three steps", async () => {
    const r = await check("good");
    expect(r.ok).toBe(true);
    expect(r.steps.map((s) => [s.name, s.ok])).toEqual([
      ["url", true],
      ["serviceProviderConfig", true],
      ["authenticatedQuery", true],
    ]);
    const query = recorded.at(-1)!;
    expect(new URL(query.url, "http://x").searchParams.get("filter")).toMatch(/^userName eq "idaas-connectivity-[0-9a-f]{16}"$/);
    expect(new URL(query.url, "http://x").searchParams.get("count")).toBe("1");
  });

  it("retries ServiceProviderConfig with the token when the server protects discovery", async () => {
    expect((await check("spc-needs-auth")).ok).toBe(true);
  });

  it("names each failure precisely", async () => {
    const cases: [string, string, RegExp][] = [
      ["unauth", "unauthorized", /Bearer Token was rejected \(HTTP 401\): it is invalid, disabled or expired\..*generate a new SCIM credential in the CloudSSO console and update Bearer Token Key Mode\. Server detail: The bearer token is invalid/],
      ["disabled", "forbidden", /SCIM synchronization is disabled on the target \(HTTP 403\)\..*turn on the switch under SCIM-based User Synchronization Configuration\. Server detail: SCIM synchronization is disabled for this directory\./],
      ["html", "not_scim", /does not point at a SCIM 2\.0 server: .*HTML page/],
      ["notfound", "not_scim", /does not point at a SCIM 2\.0 server: .*HTTP 404/],
      ["text", "not_scim", /does not point at a SCIM 2\.0 server: .*non-JSON/],
      ["json-not-spc", "not_scim", /not a SCIM ServiceProviderConfig/],
      ["filter-ignored", "not_scim", /does not apply SCIM filters/],
    ];
    for (const [scenario, kind, message] of cases) {
      const r = await check(scenario);
      expect(r, scenario).toMatchObject({ ok: false, kind });
      expect(r.message, scenario).toMatch(message);
      expect(JSON.stringify(r)).not.toContain(TOKEN);
    }
  });

  it("names a token missing from the request as rejected", async () => {
    const r = await check("good", "");
    expect(r).toMatchObject({ ok: false, kind: "unauthorized", httpStatus: 401 });
  });

  it("names a refused port, a timeout and a TLS failure with host:port", async () => {
    const refused = await testConnectivity({ url: refusedUrl, token: TOKEN });
    expect(refused).toMatchObject({ ok: false, kind: "connection_refused" });
    expect(refused.message).toMatch(/The connection to 127\.0\.0\.1:\d+ was refused/);

    const timeout = await check("hang", TOKEN, 500);
    expect(timeout).toMatchObject({ ok: false, kind: "timeout" });
    expect(timeout.message).toMatch(/127\.0\.0\.1:\d+ did not answer within 0\.5 s/);

    const tls = await testConnectivity({ url: tlsUrl, token: TOKEN });
    expect(tls).toMatchObject({ ok: false, kind: "tls" });
    expect(tls.message).toMatch(/TLS error connecting to localhost:\d+\..*self-signed/);
  });

  it("spends one time budget on the whole test, not one per request", async () => {
    const started = Date.now();
    const r = await check("slow-spc", TOKEN, 1000);
    expect(r).toMatchObject({ ok: false, kind: "timeout" });
    expect(r.steps.map((s) => [s.name, s.ok])).toEqual([
      ["url", true],
      ["serviceProviderConfig", true],
      ["authenticatedQuery", false],
    ]);
    // Per-request timeouts alone would take 600 ms + 1000 ms.
    expect(Date.now() - started).toBeLessThan(1450);
  });

  it("never waits longer than 10 s even when asked to", async () => {
    const started = Date.now();
    const r = await testConnectivity({ url: `${base}/hang`, token: TOKEN, timeoutMs: 60_000 });
    expect(r).toMatchObject({ ok: false, kind: "timeout" });
    expect(r.message).toMatch(/within 10 s/);
    expect(Date.now() - started).toBeLessThan(12_000);
  });
});

import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "node:net";
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type StartedApp } from "../setup/server";
import { signIn, type ConsoleSession } from "../support/console-session";
import { openDb } from "./support/scim-target";

/**
 * Outbound safety through the console API, as an admin would meet it: SCIM Server URLs aimed at
 * link-local, cloud-metadata or non-http(s) targets are refused with a field message on Save and
 * again at Test Connectivity and Push Now (a row written before the rule existed); a hanging or
 * dribbling target is cut off by the timeout; an oversized answer is cut off, and the server stays up.
 */
let app: StartedApp;
let s: ConsoleSession;
let db: Database.Database;
let appId: string;
let api: string;
let defaults: Record<string, unknown>;
const I = "idaas-default";

const FORBIDDEN: [string, RegExp][] = [
  ["http://169.254.1.1/scim/v2", /link-local/],
  ["http://169.254.169.254/latest/meta-data", /metadata|link-local/],
  ["http://100.100.100.200/scim/v2", /Alibaba Cloud ECS metadata/],
  ["http://[fd00:ec2::254]/scim/v2", /metadata/],
  ["http://metadata.google.internal/computeMetadata/v1", /metadata/],
  ["http://METADATA.GOOGLE.INTERNAL./scim", /metadata/],
  ["http://[::ffff:169.254.169.254]/scim/v2", /metadata|link-local/],
  ["http://[fe80::1]/scim/v2", /link-local/],
  // The same metadata address in the spellings a URL parser turns back into 169.254.169.254.
  ["http://2852039166/scim/v2", /metadata|link-local/],
  ["http://0xa9.0xfe.0xa9.0xfe/scim/v2", /metadata|link-local/],
  ["http://169.254.169.254./scim/v2", /metadata|link-local/],
  ["http://0.0.0.0/scim/v2", /unspecified/],
  ["file:///etc/passwd", /http:\/\/ or https:\/\//],
  ["ftp://example.com/scim/v2", /http:\/\/ or https:\/\//],
  ["javascript:alert(1)", /http:\/\/ or https:\/\//],
  ["gopher://example.com:70/_GET", /http:\/\/ or https:\/\//],
  ["data:text/plain,hello", /http:\/\/ or https:\/\//],
];

interface Target {
  url: string;
  connections: number;
  close(): Promise<void>;
}

/** A throwaway HTTP server with one behaviour for every request. */
async function target(behaviour: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Target> {
  const sockets = new Set<Socket>();
  const t = { connections: 0 } as Target;
  const server = http.createServer(behaviour);
  server.on("connection", (sock) => {
    t.connections++;
    sockets.add(sock);
    sock.on("close", () => sockets.delete(sock));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  t.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
  t.close = () =>
    new Promise<void>((r) => {
      for (const sock of sockets) sock.destroy();
      server.close(() => r());
    });
  return t;
}

function config(scimServerUrl: string) {
  return { ...defaults, scimServerUrl, bearerToken: "outbound-safety-token-0123456789", fullScope: { accounts: true, groups: false }, matchAttribute: "userName" };
}

async function save(url: string) {
  return s.call<{ error?: string; fieldErrors?: Record<string, string>; scimServerUrl?: string }>("PUT", `${api}/provisioning`, config(url));
}

async function testConnectivity() {
  const started = Date.now();
  const r = await s.call<{ ok: boolean; kind?: string; message: string }>("POST", `${api}/test-connectivity`);
  expect(r.status).toBe(200);
  return { ...r.body, elapsedMs: Date.now() - started };
}

/** Writes the URL straight into the saved config, as a row saved before today's rules would be. */
function storeUrl(url: string) {
  db.prepare("UPDATE ProvisioningConfig SET scimServerUrl = ? WHERE applicationId = ?").run(url, appId);
}

const storedUrl = () => (db.prepare("SELECT scimServerUrl FROM ProvisioningConfig WHERE applicationId = ?").get(appId) as { scimServerUrl: string }).scimServerUrl;

beforeAll(async () => {
  app = await startApp();
  s = await signIn(app.baseUrl);
  db = openDb(app);
  const created = await s.call<{ id: string }>("POST", `/api/idaas/instances/${I}/applications`, { templateId: "cloudsso", name: "Outbound safety" });
  expect(created.status).toBe(201);
  appId = created.body.id;
  api = `/api/idaas/instances/${I}/applications/${appId}`;
  const view = await s.call<Record<string, unknown>>("GET", `${api}/provisioning`);
  defaults = { operations: view.body.operations, userMapping: view.body.userMapping, groupMapping: view.body.groupMapping };
  const ok = await save("https://sso.example.com/scim/v2");
  expect(ok.status, JSON.stringify(ok.body)).toBe(200);
});

afterAll(async () => {
  db?.close();
  await app?.stop();
});

describe("forbidden SCIM Server URLs", () => {
  it.each(FORBIDDEN)("refuses %s on Save with a field message and saves nothing", async (url, message) => {
    const r = await save(url);
    expect(r.status).toBe(422);
    expect(r.body.fieldErrors?.scimServerUrl).toMatch(message);
    expect(storedUrl()).toBe("https://sso.example.com/scim/v2");
  });

  it.each(FORBIDDEN)("refuses %s at Test Connectivity without connecting", async (url, message) => {
    storeUrl(url);
    const r = await testConnectivity();
    expect(r.ok).toBe(false);
    expect(["forbidden_address", "malformed_url"]).toContain(r.kind);
    expect(r.message).toMatch(message);
  });

  it("ends a Push Now to a metadata address Failed with the reason, sending nothing", async () => {
    storeUrl("http://169.254.169.254/scim/v2");
    db.prepare("UPDATE ProvisioningConfig SET enabled = 1, fullScopeAccounts = 1, scopeUnitIdsJson = ? WHERE applicationId = ?").run(JSON.stringify(["ou-root"]), appId);
    const acc = await s.call("POST", `/api/idaas/instances/${I}/accounts`, { username: "outbound.safety", primaryUnitId: "ou-root" });
    expect(acc.status).toBe(201);
    const push = await s.call<{ task: { id: string } }>("POST", `${api}/push-now`);
    expect(push.status, JSON.stringify(push.body)).toBe(200);
    const deadline = Date.now() + 60_000;
    let task: { id: string; status: string; statusDescription: string };
    for (;;) {
      task = (await s.call<{ task: typeof task }>("GET", `${api}/push-now`)).body.task;
      if (!["Running", "Initialization"].includes(task.status)) break;
      if (Date.now() > deadline) throw new Error(`Push Now still ${task.status}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(task.id).toBe(push.body.task.id);
    expect(task.status).toBe("Failed");
    const logs = await s.call<{ items: { result: string; detail: string | null }[] }>(
      "GET",
      `/api/idaas/instances/${I}/provisioning/tasks/${task.id}/logs?pageSize=100`,
    );
    expect(logs.body.items.length).toBeGreaterThan(0);
    for (const entry of logs.body.items) {
      expect(entry.result).toBe("Failed");
      expect(entry.detail).toMatch(/not allowed.*metadata/);
    }
    db.prepare("UPDATE ProvisioningConfig SET enabled = 0 WHERE applicationId = ?").run(appId);
  });
});

describe("timeouts and size limits on every outbound call", () => {
  it("cuts off a target that accepts the connection and never answers", async () => {
    const hang = await target(() => undefined);
    try {
      storeUrl(hang.url);
      const r = await testConnectivity();
      expect(r.ok).toBe(false);
      expect(r.kind).toBe("timeout");
      expect(r.message).toMatch(/did not answer within/);
      expect(hang.connections).toBeGreaterThan(0);
      // Bounded by the client's budget (10 s), not by the target.
      expect(r.elapsedMs).toBeLessThan(20_000);
    } finally {
      await hang.close();
    }
  });

  it("cuts off a target that answers one byte per second forever", async () => {
    const timers = new Set<NodeJS.Timeout>();
    const drip = await target((_req, res) => {
      res.writeHead(200, { "content-type": "application/scim+json" });
      const t = setInterval(() => res.write(" "), 1000);
      timers.add(t);
      res.on("close", () => clearInterval(t));
    });
    try {
      storeUrl(drip.url);
      const r = await testConnectivity();
      expect(r.ok).toBe(false);
      expect(r.kind).toBe("timeout");
      expect(r.elapsedMs).toBeLessThan(20_000);
    } finally {
      for (const t of timers) clearInterval(t);
      await drip.close();
    }
  });

  it("cuts off an answer over the size limit, declared or streamed, and stays healthy", async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let streamedBytes = 0;
    const big = await target((req, res) => {
      if (req.url?.includes("declared")) {
        res.writeHead(200, { "content-type": "application/scim+json", "content-length": String(64 * 1024 * 1024) });
        res.write(chunk);
        return;
      }
      // No content-length: keep streaming until the client hangs up.
      res.writeHead(200, { "content-type": "application/scim+json" });
      const pump = () => {
        while (res.writable && !res.destroyed && res.write(chunk)) {
          streamedBytes += chunk.length;
          if (streamedBytes > 512 * 1024 * 1024) return res.end();
        }
        if (!res.destroyed) res.once("drain", pump);
      };
      res.on("close", () => res.removeAllListeners("drain"));
      pump();
    });
    try {
      for (const suffix of ["/declared", "/streamed"]) {
        storeUrl(`${big.url}${suffix}`);
        const r = await testConnectivity();
        expect(r.ok, suffix).toBe(false);
        expect(r.kind, suffix).toBe("response_too_large");
        expect(r.message).toMatch(/larger than allowed/);
      }
      // The client stopped reading long before the server's 512 MiB cap.
      expect(streamedBytes).toBeLessThan(64 * 1024 * 1024);
      const health = await fetch(`${app.baseUrl}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      await big.close();
    }
  });

  it("still reaches an ordinary loopback SCIM server (control: the refusals above are specific)", async () => {
    const ok = await target((req, res) => {
      res.writeHead(req.url?.includes("ServiceProviderConfig") ? 200 : 401, { "content-type": "application/scim+json" });
      res.end(
        req.url?.includes("ServiceProviderConfig")
          ? JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"], patch: { supported: true }, filter: { supported: true } })
          : JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "401", detail: "no" }),
      );
    });
    try {
      const saved = await save(ok.url);
      expect(saved.status).toBe(200);
      const r = await testConnectivity();
      expect(r.kind).toBe("unauthorized");
      expect(ok.connections).toBeGreaterThan(0);
    } finally {
      await ok.close();
    }
  });
});

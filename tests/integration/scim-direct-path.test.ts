import http from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { until } from "../support/until";
import { baseUrl, createDirectory, database, newUser, type TestDirectory } from "./scim-helpers";

/**
 * The production server answers /scim/v2 past Next's routing (lib/cloudsso/scim-node.ts). What
 * a client sees at the HTTP level must be what the Next route gave: these cases are the ones
 * where the transport, not the SCIM server, decides.
 */
let dir: TestDirectory;
beforeAll(() => {
  dir = createDirectory();
});

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  reusedSocket: boolean;
}

/** One request on the given agent, so a test can tell whether the connection was kept. */
function request(agent: http.Agent, method: string, path: string, opts: { headers?: Record<string, string>; body?: () => AsyncIterable<Buffer> } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseUrl()}${path}`, { method, agent, headers: { Authorization: `Bearer ${dir.token}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), reusedSocket: req.reusedSocket }));
    });
    req.on("error", reject);
    if (!opts.body) return void req.end();
    (async () => {
      for await (const chunk of opts.body!()) if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
      req.end();
    })().catch(() => undefined); // the server may stop reading; its answer is what the test checks
  });
}

describe("SCIM over the production server's direct path", () => {
  it("answers with a Content-Length, the SCIM content type and no Next.js headers", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const created = await request(agent, "POST", "/scim/v2/Users", {
      headers: { "Content-Type": "application/scim+json" },
      body: async function* () {
        yield Buffer.from(JSON.stringify(newUser("direct.path.user")));
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.location).toMatch(/\/scim\/v2\/Users\/[^/]+$/);
    const got = await request(agent, "GET", `/scim/v2/Users/${JSON.parse(created.body).id}`);
    expect(got.status).toBe(200);
    expect(got.reusedSocket).toBe(true);
    expect(got.headers["content-type"]).toBe("application/scim+json");
    expect(got.headers["content-length"]).toBe(String(Buffer.byteLength(got.body)));
    expect(got.headers.etag).toMatch(/^W\/"/);
    expect(got.headers.vary).toBeUndefined();
    expect(JSON.parse(got.body).userName).toBe("direct.path.user");
    agent.destroy();
  });

  it("a refused oversized body under the drain cap keeps the connection; the next request on it works", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const tooBig = await request(agent, "POST", "/scim/v2/Users", {
      headers: { "Content-Type": "application/scim+json" }, // streamed: no Content-Length to refuse early
      body: async function* () {
        for (let i = 0; i < 40; i++) yield Buffer.alloc(64 * 1024, "x");
      },
    });
    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.body).status).toBe("413");
    const next = await request(agent, "GET", "/scim/v2/Users?count=1");
    expect(next.status).toBe(200);
    expect(next.reusedSocket).toBe(true);
    agent.destroy();
  });

  it("leaves to Next what Next answered differently: trailing slashes redirect, HEAD is refused without a body", async () => {
    const agent = new http.Agent({ keepAlive: false });
    const slash = await request(agent, "GET", "/scim/v2/Users/");
    expect(slash.status).toBe(308);
    expect(slash.headers.location).toBe("/scim/v2/Users");
    const head = await request(agent, "HEAD", "/scim/v2/Users?count=1");
    expect(head.status).toBe(405);
    expect(head.headers.allow).toMatch(/GET/);
    expect(head.body).toBe("");
  });

  it("a path with broken percent-encoding is a SCIM 400, as before", async () => {
    const r = await request(new http.Agent(), "GET", "/scim/v2/Users/%ZZ");
    expect(r.status).toBe(400);
    expect(r.headers["content-type"]).toBe("application/scim+json");
    expect(JSON.parse(r.body)).toMatchObject({ status: "400", detail: "The request path is not valid percent-encoded UTF-8." });
  });

  it("a client that hangs up mid-body is logged as a 400 that says so, not a server error", async () => {
    const before = (database().prepare("SELECT COALESCE(MAX(id), 0) AS id FROM SsoScimRequestLog").get() as { id: number }).id;
    await new Promise<void>((resolve) => {
      const req = http.request(`${baseUrl()}/scim/v2/Users`, {
        method: "POST",
        headers: { Authorization: `Bearer ${dir.token}`, "Content-Type": "application/scim+json", "Content-Length": "5000" },
      });
      req.on("error", () => undefined);
      req.write('{"userName": "half');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
    const row = await until("the log row of the abandoned POST", async () =>
      database()
        .prepare("SELECT status, detail FROM SsoScimRequestLog WHERE id > ? AND directoryId = ? AND method = 'POST'")
        .get(before, dir.id) as { status: number; detail: string } | undefined,
    );
    expect(row).toEqual({ status: 400, detail: "The request body did not arrive in full: the client closed the connection first." });
    expect((await request(new http.Agent(), "GET", "/scim/v2/Users?count=1")).status).toBe(200);
  });
});

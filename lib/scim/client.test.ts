import { describe, expect, it } from "vitest";
import { eqFilter, ScimClient, ScimClientError, scimStringLiteral } from "./client";

describe("filter building", () => {
  it("escapes values as RFC 7644 string literals", () => {
    expect(eqFilter("userName", "alice")).toBe('userName eq "alice"');
    expect(eqFilter("userName", 'a"b\\c')).toBe('userName eq "a\\"b\\\\c"');
    expect(eqFilter("displayName", 'x" or userName pr or "')).toBe('displayName eq "x\\" or userName pr or \\""');
    expect(scimStringLiteral("line\nbreak")).toBe('"line\\nbreak"');
    expect(eqFilter("active", true)).toBe("active eq true");
    expect(eqFilter("emails.value", "a@b.c")).toBe('emails.value eq "a@b.c"');
    expect(eqFilter("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "7")).toBe(
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "7"',
    );
  });

  it("refuses attribute names that could inject filter syntax", () => {
    for (const bad of ["userName or 1", 'userName eq "x"', "(userName)", "", "emails[type eq \"work\"].value"]) {
      expect(() => eqFilter(bad, "x")).toThrow(ScimClientError);
    }
  });
});

describe("ScimClient", () => {
  it("keeps the bearer token off every enumerable and serialised surface", () => {
    const token = "tok_SUPER_SECRET_value_123";
    const client = new ScimClient({ baseUrl: "http://127.0.0.1:1/scim/v2/", bearerToken: token });
    expect(client.baseUrl).toBe("http://127.0.0.1:1/scim/v2");
    expect(JSON.stringify(client)).not.toContain(token);
    expect(Object.values(client).join(" ")).not.toContain(token);
    expect(JSON.stringify(Object.entries(client))).not.toContain(token);
    expect(client.timeoutMs).toBe(10_000);
    expect(client.maxResponseBytes).toBe(5 * 1024 * 1024);
  });

  it("reports a malformed base URL without a network call", async () => {
    const client = new ScimClient({ baseUrl: "not a url", bearerToken: "t" });
    await expect(client.getUser("u1")).rejects.toMatchObject({ kind: "malformed_url" });
  });

  it("refuses a forbidden base URL before connecting", async () => {
    const client = new ScimClient({ baseUrl: "http://169.254.169.254/scim/v2", bearerToken: "t" });
    await expect(client.listUsers()).rejects.toMatchObject({ kind: "forbidden_address", retryable: false });
  });

  it("requires a resource id", async () => {
    const client = new ScimClient({ baseUrl: "http://127.0.0.1:1/scim/v2", bearerToken: "t" });
    await expect(client.deleteUser("")).rejects.toMatchObject({ kind: "bad_request" });
  });
});

describe("big groups", () => {
  it("reads a group above the default size limit when the call allows it, and asks PATCH for no body", async () => {
    const http = await import("node:http");
    const members = Array.from({ length: 60_000 }, (_, i) => ({ value: `u-${i}`, $ref: `http://127.0.0.1/scim/v2/Users/u-${i}`, display: `user ${i}` }));
    const big = JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], id: "g1", displayName: "All", members });
    const prefer: (string | undefined)[] = [];
    const server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        if (req.method === "PATCH") prefer.push(req.headers.prefer as string | undefined);
        // A server that ignores Prefer: the whole group after every PATCH.
        res.writeHead(200, { "content-type": "application/scim+json" }).end(big);
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as import("node:net").AddressInfo;
      const client = new ScimClient({ baseUrl: `http://127.0.0.1:${port}/scim/v2`, bearerToken: "a-long-test-token" });
      expect(big.length).toBeGreaterThan(client.maxResponseBytes);
      await expect(client.getGroup("g1")).rejects.toThrow(/too large|exceeds|limit/i);
      const group = await client.getGroup("g1", { maxResponseBytes: 64 * 1024 * 1024 });
      expect((group.members as unknown[]).length).toBe(60_000);
      await client.patchGroup("g1", [{ op: "add", path: "members", value: [{ value: "u-1" }] }], { minimal: true, maxResponseBytes: 64 * 1024 * 1024 });
      await client.patchGroup("g1", [{ op: "add", path: "members", value: [{ value: "u-2" }] }], { maxResponseBytes: 64 * 1024 * 1024 });
      expect(prefer).toEqual(["return=minimal", undefined]);
      client.close();
    } finally {
      server.close();
    }
  });
});

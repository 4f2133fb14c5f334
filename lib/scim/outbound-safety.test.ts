import { describe, expect, it } from "vitest";
import type { LookupAddress } from "node:dns";
import { ScimClientError } from "./client-errors";
import { forbiddenAddressReason, parseOutboundUrl, pinnedLookup, resolveOutboundTarget } from "./outbound-safety";

function kindOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof ScimClientError ? err.kind : "other";
  }
  return undefined;
}

async function rejectsWith(p: Promise<unknown>): Promise<ScimClientError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ScimClientError) return err;
    throw err;
  }
  throw new Error("expected a rejection");
}

const resolver = (answers: Record<string, string[]>) => async (host: string): Promise<LookupAddress[]> => {
  const list = answers[host];
  if (!list) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
  return list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

describe("parseOutboundUrl", () => {
  it("accepts http and https, loopback and private addresses", () => {
    for (const u of [
      "https://sso.example.com/scim/v2",
      "http://localhost:3000/scim/v2",
      "http://127.0.0.1:3000/scim/v2",
      "http://[::1]:3000/scim/v2",
      "http://10.0.0.5/scim/v2",
      "http://192.168.1.10/scim/v2",
      "http://172.16.0.1/scim/v2",
      "http://[fd12:3456::1]/scim/v2",
    ]) {
      expect(parseOutboundUrl(u).href).toBe(new URL(u).href);
    }
  });

  it("refuses malformed URLs, other schemes and credentials with clear messages", () => {
    expect(() => parseOutboundUrl("not a url")).toThrow(/is not a valid URL/);
    expect(() => parseOutboundUrl("")).toThrow(/empty/);
    expect(() => parseOutboundUrl("ftp://example.com/scim")).toThrow(/must use http:\/\/ or https:\/\/, not ftp:/);
    expect(() => parseOutboundUrl("file:///etc/passwd")).toThrow(/must use http/);
    expect(() => parseOutboundUrl("gopher://x/")).toThrow(/must use http/);
    expect(() => parseOutboundUrl("https://admin:pw@example.com/scim/v2")).toThrow(/must not contain a user name or password/);
    expect(kindOf(() => parseOutboundUrl("javascript:alert(1)"))).toBe("malformed_url");
  });

  it("refuses link-local, metadata and unspecified addresses in every spelling", () => {
    for (const u of [
      "http://169.254.169.254/latest/meta-data/",
      "http://169.254.169.254./",
      "http://0xa9fea9fe/",
      "http://2852039166/",
      "http://0251.0376.0251.0376/",
      "http://169.254.1.1/",
      "http://100.100.100.200/latest/meta-data/",
      "http://192.0.0.192/",
      "http://[fd00:ec2::254]/",
      "http://[fe80::1]/",
      "http://[::ffff:169.254.169.254]/",
      "http://[64:ff9b::a9fe:a9fe]/",
      "http://[2002:a9fe:a9fe::1]/",
      "http://0.0.0.0:3000/",
      "http://0/",
      "http://[::]/",
      "http://metadata.google.internal/computeMetadata/v1/",
      "http://METADATA.GOOGLE.INTERNAL./",
      "http://224.0.0.1/",
    ]) {
      expect(kindOf(() => parseOutboundUrl(u)), u).toBe("forbidden_address");
    }
    expect(() => parseOutboundUrl("http://100.100.100.200/")).toThrow(/Alibaba Cloud ECS metadata service/);
    expect(() => parseOutboundUrl("http://169.254.169.254/")).toThrow(/cloud instance metadata service/);
    expect(() => parseOutboundUrl("http://[fe80::1]/")).toThrow(/link-local address \(fe80::\/10\)/);
  });

  it("leaves other carrier-grade NAT addresses alone", () => {
    expect(forbiddenAddressReason("100.100.100.201")).toBeNull();
    expect(forbiddenAddressReason("100.64.0.1")).toBeNull();
  });
});

describe("resolveOutboundTarget", () => {
  it("resolves and returns every checked address", async () => {
    const t = await resolveOutboundTarget("https://scim.example.com/scim/v2", resolver({ "scim.example.com": ["10.1.2.3", "fd00::5"] }));
    expect(t.hostname).toBe("scim.example.com");
    expect(t.port).toBe(443);
    expect(t.addresses.map((a) => a.address)).toEqual(["10.1.2.3", "fd00::5"]);
  });

  it("refuses a host when any of its addresses is forbidden", async () => {
    const err = await rejectsWith(
      resolveOutboundTarget("http://evil.example/scim/v2", resolver({ "evil.example": ["93.184.216.34", "169.254.169.254"] })),
    );
    expect(err.kind).toBe("forbidden_address");
    expect(err.message).toMatch(/evil\.example is not allowed: it resolves to 169\.254\.169\.254/);
  });

  it("reports a host name that does not resolve as unreachable", async () => {
    const err = await rejectsWith(resolveOutboundTarget("http://nowhere.invalid/scim/v2", resolver({})));
    expect(err.kind).toBe("unreachable");
    expect(err.message).toMatch(/nowhere\.invalid could not be resolved \(ENOTFOUND\)/);
  });

  it("does not resolve IP literals", async () => {
    const t = await resolveOutboundTarget("http://127.0.0.1:8080/x", () => Promise.reject(new Error("must not be called")));
    expect(t.addresses).toEqual([{ address: "127.0.0.1", family: 4 }]);
    expect(t.port).toBe(8080);
  });
});

describe("pinnedLookup", () => {
  const lookup = pinnedLookup([
    { address: "10.0.0.1", family: 4 },
    { address: "fd00::1", family: 6 },
  ]);
  const call = (options: object) =>
    new Promise<unknown[]>((resolve) => lookup("anything.example", options, (...args: unknown[]) => resolve(args)));

  it("answers only with the checked addresses, whatever the host name", async () => {
    expect(await call({})).toEqual([null, "10.0.0.1", 4]);
    expect(await call({ family: 6 })).toEqual([null, "fd00::1", 6]);
    expect(await call({ all: true })).toEqual([null, [{ address: "10.0.0.1", family: 4 }, { address: "fd00::1", family: 6 }]]);
  });

  it("fails rather than resolving again when no checked address fits", async () => {
    const only4 = pinnedLookup([{ address: "10.0.0.1", family: 4 }]);
    const [err] = await new Promise<unknown[]>((resolve) => only4("x", { family: 6 }, (...args: unknown[]) => resolve(args)));
    expect((err as NodeJS.ErrnoException).code).toBe("ENOTFOUND");
  });
});

import { describe, expect, it } from "vitest";
import { testConnectivity } from "./connectivity";

const TOKEN = "connectivity-unit-secret-token";

describe("testConnectivity without a server", () => {
  it("names a malformed URL", async () => {
    const r = await testConnectivity({ url: "scim.example.com/v2", token: TOKEN });
    expect(r).toMatchObject({ ok: false, kind: "malformed_url" });
    expect(r.message).toMatch(/is not a valid URL/);
    expect(r.steps).toEqual([expect.objectContaining({ name: "url", ok: false })]);
  });

  it("refuses the Alibaba Cloud metadata address", async () => {
    const r = await testConnectivity({ url: "http://100.100.100.200/latest/meta-data", token: TOKEN });
    expect(r).toMatchObject({ ok: false, kind: "forbidden_address" });
    expect(r.message).toMatch(/Alibaba Cloud ECS metadata service/);
  });

  it("refuses a host name that resolves to a link-local address", async () => {
    const r = await testConnectivity({
      url: "http://rebind.example/scim/v2",
      token: TOKEN,
      resolver: async () => [{ address: "169.254.169.254", family: 4 }],
    });
    expect(r).toMatchObject({ ok: false, kind: "forbidden_address" });
    expect(r.message).toMatch(/rebind\.example is not allowed: it resolves to 169\.254\.169\.254/);
    expect(r.steps.map((s) => [s.name, s.ok])).toEqual([
      ["url", true],
      ["serviceProviderConfig", false],
    ]);
  });

  it("names an unresolvable host", async () => {
    const r = await testConnectivity({
      url: "https://no-such-host.invalid/scim/v2",
      token: TOKEN,
      resolver: async () => {
        throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
      },
    });
    expect(r).toMatchObject({ ok: false, kind: "unreachable" });
    expect(r.message).toMatch(/no-such-host\.invalid:443 is unreachable/);
    expect(JSON.stringify(r)).not.toContain(TOKEN);
  });
});

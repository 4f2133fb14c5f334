import { describe, expect, it } from "vitest";
import { directScimRoute } from "./scim-node";

describe("directScimRoute: which requests the production server answers past Next's routing", () => {
  it("takes /scim/v2 and what is under it, with the route segments Next would give, decoded", () => {
    expect(directScimRoute("GET", "/scim/v2")).toEqual([]);
    expect(directScimRoute("GET", "/scim/v2/Users?startIndex=1&count=100")).toEqual(["Users"]);
    expect(directScimRoute("PATCH", "/scim/v2/Groups/g1")).toEqual(["Groups", "g1"]);
    expect(directScimRoute("POST", "/scim/v2/Users/.search")).toEqual(["Users", ".search"]);
    expect(directScimRoute("DELETE", "/scim/v2/Users/a%20b%2Fc")).toEqual(["Users", "a b/c"]);
    expect(directScimRoute("PUT", "/scim/v2/Users/x?attributes=userName")).toEqual(["Users", "x"]);
  });

  it("answers a broken percent-encoding itself (400), as the proxy does for the Next route", () => {
    expect(directScimRoute("GET", "/scim/v2/Users/%ZZ")).toBe("malformed");
    expect(directScimRoute("GET", "/scim/v2/Users/%C3%28")).toBe("malformed");
  });

  it("leaves to Next what Next redirects or resolves first, other methods and other paths", () => {
    for (const url of ["/scim/v2/", "/scim/v2/Users/", "/scim/v2//Users", "/scim/v2/Users\\x", "/scim/v2/Users/../Groups", "/scim/v2/./Users", "/scim/v2/Users/%2e%2E"]) {
      expect(directScimRoute("GET", url), url).toBeNull();
    }
    expect(directScimRoute("HEAD", "/scim/v2/Users")).toBeNull();
    expect(directScimRoute("OPTIONS", "/scim/v2/Users")).toBeNull();
    for (const url of ["/scim/v2x", "/scim/v1/Users", "/SCIM/v2/Users", "/scim", "/api/health", "/cloudsso"]) {
      expect(directScimRoute("GET", url), url).toBeNull();
    }
    expect(directScimRoute(undefined, "/scim/v2/Users")).toBeNull();
    expect(directScimRoute("GET", undefined)).toBeNull();
  });
});

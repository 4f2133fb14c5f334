import { describe, expect, it } from "vitest";
import { z } from "zod";
import { pagingQuerySchema, parseQuery } from "@/lib/api-handler";
import { ValidationError } from "@/lib/errors";
import { accountListFiltersSchema, ignoringBlankParams } from "./schemas";

const get = (query: string) => new Request(`http://console.test/api/idaas/x${query}`);
const accountsQuery = ignoringBlankParams(pagingQuerySchema.extend(accountListFiltersSchema.shape));

describe("IDaaS list queries", () => {
  it("Accounts: unit, sub-units and status filters with paging", () => {
    expect(parseQuery(get("?unitId=ou-1&includeSubUnits=true&status=Disabled&search=%20ann&page=2&pageSize=5"), accountsQuery)).toEqual({
      unitId: "ou-1",
      includeSubUnits: true,
      status: "Disabled",
      search: "ann",
      page: 2,
      pageSize: 5,
    });
    expect(parseQuery(get(""), accountsQuery)).toEqual({ includeSubUnits: true, search: "", page: 1, pageSize: 20 });
  });

  it("Accounts: empty parameters count as not sent; an unknown status lists every status", () => {
    const q = parseQuery(get("?unitId=&includeSubUnits=&status=&search=&page=&pageSize="), accountsQuery);
    expect(q).toEqual({ includeSubUnits: true, search: "", page: 1, pageSize: 20 });
    expect(parseQuery(get("?status=Bogus&includeSubUnits=yes"), accountsQuery)).toMatchObject({ status: undefined, includeSubUnits: true });
    expect(parseQuery(get("?includeSubUnits=false"), accountsQuery)).toMatchObject({ includeSubUnits: false });
  });

  it("an empty filter is 'any', a wrong one is the console's 422 naming the parameter", () => {
    const schema = ignoringBlankParams(pagingQuerySchema.extend({ status: z.enum(["Running", "Failed"], { error: "Unknown status." }).optional() }));
    expect(parseQuery(get("?status="), schema)).toEqual({ page: 1, pageSize: 20, search: "" });
    let err: unknown;
    try {
      parseQuery(get("?status=running"), schema);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ status: 422, message: "Some fields are invalid.", fieldErrors: { status: "Unknown status." } });
  });
});

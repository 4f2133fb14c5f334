import { describe, expect, it } from "vitest";
import type { CloudSsoUserFields } from "@/lib/scim/user-resource";
import { lookupKey, storedUser, userFieldsOf } from "./user-row";

const fields: CloudSsoUserFields = {
  userName: "Émile@Example.com",
  firstName: "Émile",
  lastName: "Zola",
  displayName: "ÉMILE Zola",
  email: "Emile@X.com",
  status: "Enabled",
  externalId: null,
};

describe("storedUser (the one writer's rule for a CloudSSO user row)", () => {
  it("derives the lookup columns with Unicode-aware lower-casing", () => {
    const { columns } = storedUser(fields, "{}");
    expect(columns).toMatchObject({ ...fields, userNameLower: "émile@example.com", displayNameLower: "émile zola", emailLower: "emile@x.com", scimJson: "{}" });
    expect(lookupKey("ÜBER")).toBe("über");
  });

  it("indexes every email the SCIM representation shows: the console's email over the stored primary, plus the others", () => {
    const scim = { emails: [{ value: "Old@X.com", primary: true }, { value: "ÜBER@Home.Example", type: "home" }, { value: "uber@home.example" }] };
    const fromObject = storedUser(fields, scim);
    expect(fromObject.emailKeys).toEqual(["emile@x.com", "über@home.example", "uber@home.example"]);
    expect(fromObject.columns.scimJson).toBe(JSON.stringify(scim));
    expect(storedUser(fields, JSON.stringify(scim)).emailKeys).toEqual(fromObject.emailKeys);
  });

  it("has no email rows without an email, and survives a stored JSON that is not an object", () => {
    expect(storedUser({ ...fields, email: "" }, "not json").emailKeys).toEqual([]);
    expect(storedUser({ ...fields, email: "" }, "[1]").columns.emailLower).toBe("");
  });

  it("reads a row's fields back, any status other than Disabled being Enabled", () => {
    const { columns } = storedUser({ ...fields, status: "Disabled" }, "{}");
    expect(userFieldsOf(columns)).toEqual({ ...fields, status: "Disabled" });
    expect(userFieldsOf({ ...columns, status: "whatever" }).status).toBe("Enabled");
  });
});

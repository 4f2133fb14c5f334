import { describe, expect, it } from "vitest";
import { ENTERPRISE_USER_SCHEMA, isBooleanTarget, parseTargetPath, pathsOverlap } from "./target-path";

describe("parseTargetPath", () => {
  it("parses simple, dotted, value-path and schema-qualified targets", () => {
    expect(parseTargetPath("userName")).toMatchObject({ schema: null, attribute: "userName", sub: null, selector: null });
    expect(parseTargetPath("name.givenName")).toMatchObject({ attribute: "name", sub: "givenName" });
    expect(parseTargetPath('emails[type eq "work"].value')).toMatchObject({
      attribute: "emails",
      selector: { attribute: "type", value: "work" },
      sub: "value",
    });
    expect(parseTargetPath("emails[primary eq true].value").selector).toEqual({ attribute: "primary", value: true });
    expect(parseTargetPath(`${ENTERPRISE_USER_SCHEMA}:employeeNumber`)).toMatchObject({
      schema: ENTERPRISE_USER_SCHEMA,
      attribute: "employeeNumber",
    });
    expect(parseTargetPath(`${ENTERPRISE_USER_SCHEMA}:manager.value`)).toMatchObject({ attribute: "manager", sub: "value" });
    expect(parseTargetPath("urn:ietf:params:scim:schemas:core:2.0:User:displayName")).toMatchObject({ schema: null, attribute: "displayName" });
  });

  it("rejects malformed, reserved and bare multi-valued targets", () => {
    expect(() => parseTargetPath("")).toThrow(/required/);
    expect(() => parseTargetPath("user name")).toThrow(/not a supported SCIM attribute path/);
    expect(() => parseTargetPath('emails[type co "w"].value')).toThrow(/not a supported/);
    expect(() => parseTargetPath("a.b.c")).toThrow(/not a supported/);
    expect(() => parseTargetPath("id")).toThrow(/managed by/);
    expect(() => parseTargetPath("meta.created")).toThrow(/managed by/);
    expect(() => parseTargetPath("emails")).toThrow(/multi-valued/);
    expect(() => parseTargetPath("emails.value")).toThrow(/multi-valued/);
  });

  it("detects duplicates and overlaps case-insensitively", () => {
    const p = parseTargetPath;
    expect(pathsOverlap(p("userName"), p("USERNAME"))).toBe(true);
    expect(pathsOverlap(p("name"), p("name.givenName"))).toBe(true);
    expect(pathsOverlap(p("name.givenName"), p("name.familyName"))).toBe(false);
    expect(pathsOverlap(p('emails[type eq "work"].value'), p('emails[type eq "home"].value'))).toBe(false);
    expect(pathsOverlap(p('emails[type eq "work"].value'), p('emails[TYPE eq "work"].Value'))).toBe(true);
  });

  it("knows the boolean targets", () => {
    expect(isBooleanTarget(parseTargetPath("active"))).toBe(true);
    expect(isBooleanTarget(parseTargetPath('emails[type eq "work"].primary'))).toBe(true);
    expect(isBooleanTarget(parseTargetPath("displayName"))).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { FULL_SCOPE_REQUIRED_MESSAGE } from "./config-schema";
import { deferralReason, deliveryBlocker, pushNowBlocker, storedReadiness, targetReadiness, type PushReadiness } from "./push-readiness";

const ready: PushReadiness = {
  applicationEnabled: true,
  provisioningEnabled: true,
  scimServerUrl: "https://sso.example.com/scim/v2",
  hasToken: true,
  fullScope: { accounts: true, groups: false },
};

describe("push readiness", () => {
  it("gives the first thing to fix, in the order of the page", () => {
    const all = { ...ready, applicationEnabled: false, provisioningEnabled: false, scimServerUrl: "", hasToken: false, fullScope: { accounts: false, groups: false } };
    expect(pushNowBlocker(all)).toMatch(/^The application is disabled\./);
    expect(pushNowBlocker({ ...all, applicationEnabled: true })).toBe("Provision IDaaS Accounts to Application is turned off.");
    expect(pushNowBlocker({ ...ready, scimServerUrl: "", hasToken: false })).toBe("The SCIM Server URL is not saved.");
    expect(pushNowBlocker({ ...ready, hasToken: false })).toBe("The Bearer Token Key Mode is not saved.");
    expect(pushNowBlocker({ ...ready, fullScope: { accounts: false, groups: false } })).toBe(FULL_SCOPE_REQUIRED_MESSAGE);
    expect(pushNowBlocker(ready)).toBeNull();
    expect(pushNowBlocker({ ...ready, fullScope: { accounts: false, groups: true } })).toBeNull();
  });

  it("real-time delivery does not need Full Scope", () => {
    expect(deliveryBlocker({ ...ready, fullScope: { accounts: false, groups: false } })).toBeNull();
    expect(deferralReason({ ...ready, fullScope: { accounts: false, groups: false } })).toBeNull();
  });

  it("kept real-time changes say why, by the same rule", () => {
    expect(deferralReason({ ...ready, applicationEnabled: false, provisioningEnabled: false })).toMatch(/^Deferred — application disabled\. Delivered when/);
    expect(deferralReason({ ...ready, provisioningEnabled: false })).toMatch(/^Deferred — Provision IDaaS Accounts to Application is turned off/);
    expect(deferralReason({ ...ready, scimServerUrl: "" })).toMatch(/^Deferred — the SCIM Server URL is not saved/);
    expect(deferralReason({ ...ready, hasToken: false })).toMatch(/^Deferred — the Bearer Token Key Mode is not saved/);
  });

  it("reads stored rows and loaded targets alike", () => {
    const row = { enabled: true, scimServerUrl: ready.scimServerUrl, tokenEncrypted: "enc", fullScopeAccounts: true, fullScopeGroups: false };
    expect(storedReadiness({ status: "Enabled" }, row)).toEqual(ready);
    expect(storedReadiness({ status: "Disabled" }, null)).toEqual({
      applicationEnabled: false,
      provisioningEnabled: false,
      scimServerUrl: "",
      hasToken: false,
      fullScope: { accounts: false, groups: false },
    });
    const target = { applicationEnabled: true, provisioningEnabled: true, scimServerUrl: ready.scimServerUrl, bearerToken: "secret", fullScope: ready.fullScope };
    expect(targetReadiness(target)).toEqual(ready);
    expect(targetReadiness(target)).not.toHaveProperty("bearerToken");
  });
});

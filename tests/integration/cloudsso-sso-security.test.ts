import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import Database from "better-sqlite3";
import { SignedXml } from "xml-crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type StartedApp } from "../setup/server";
import { signIn, type ConsoleSession } from "../support/console-session";

/**
 * CloudSSO's ACS over real HTTP against responses a test IdP signs here (xml-crypto, test-only
 * keys made by openssl): a good response opens a portal session; every forged, misaddressed,
 * expired, replayed or wrapped one, and every NameID that is not an enabled user of this
 * directory, is refused with an error page that names the reason, a Sign-in Log line, no cookie
 * and no session row.
 */
let app: StartedApp;
let s: ConsoleSession;
let sso: { spEntityId: string; acsUrl: string; loginUrl: string; directoryName: string };
const IDP = { entityId: "https://idp.test.example/saml/idp", logonUrl: "https://idp.test.example/saml/sso" };
const keys = { good: { key: "", cert: "" }, other: { key: "", cert: "" } };

function makeKeyPair(dir: string, name: string) {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.crt`);
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", `/CN=${name}`, "-keyout", key, "-out", cert], { stdio: "pipe" });
  return { key: fs.readFileSync(key, "utf8"), cert: fs.readFileSync(cert, "utf8") };
}

const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

interface Fields {
  nameId: string;
  assertionId?: string;
  issuer?: string;
  audience?: string;
  recipient?: string;
  destination?: string;
  notBefore?: string;
  notOnOrAfter?: string;
  inResponseTo?: string;
}

function assertionXml(f: Fields): string {
  const id = f.assertionId ?? `_a${randomUUID()}`;
  const irt = f.inResponseTo ? ` InResponseTo="${f.inResponseTo}"` : "";
  return (
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0" IssueInstant="${iso(0)}">` +
    `<saml:Issuer>${f.issuer ?? IDP.entityId}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">${f.nameId}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${f.notOnOrAfter ?? iso(5 * 60_000)}" Recipient="${f.recipient ?? sso.acsUrl}"${irt}/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${f.notBefore ?? iso(-60_000)}" NotOnOrAfter="${f.notOnOrAfter ?? iso(5 * 60_000)}"><saml:AudienceRestriction><saml:Audience>${f.audience ?? sso.spEntityId}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(0)}" SessionIndex="_s${randomUUID()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `</saml:Assertion>`
  );
}

function responseXml(f: Fields, assertions: string[] = [assertionXml(f)], extensions = ""): string {
  const irt = f.inResponseTo ? ` InResponseTo="${f.inResponseTo}"` : "";
  return (
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomUUID()}" Version="2.0" IssueInstant="${iso(0)}" Destination="${f.destination ?? sso.acsUrl}"${irt}>` +
    `<saml:Issuer>${f.issuer ?? IDP.entityId}</saml:Issuer>` +
    (extensions ? `<samlp:Extensions>${extensions}</samlp:Extensions>` : "") +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    assertions.join("") +
    `</samlp:Response>`
  );
}

/** Signs the assertion (default) or the whole response with the given test key. */
function sign(xml: string, pair: { key: string; cert: string }, what: "assertion" | "response" = "assertion"): string {
  const sig = new SignedXml({
    privateKey: pair.key,
    publicCert: pair.cert,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  sig.addReference({
    xpath: `/*[local-name(.)='Response']${what === "assertion" ? "/*[local-name(.)='Assertion']" : ""}`,
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
  });
  sig.computeSignature(xml, {
    prefix: "ds",
    location: { reference: `/*[local-name(.)='Response']${what === "assertion" ? "/*[local-name(.)='Assertion']" : ""}/*[local-name(.)='Issuer']`, action: "after" },
  });
  return sig.getSignedXml();
}

/** What an error page says (for assertion messages). */
const pageText = (html: string) => (html.split("<main")[1] ?? html).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();

const b64 = (xml: string) => Buffer.from(xml, "utf8").toString("base64");

async function postAcs(xml: string | null) {
  const body = new URLSearchParams(xml === null ? {} : { SAMLResponse: b64(xml) });
  const res = await fetch(sso.acsUrl, { method: "POST", body, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" } });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("cloudsso_portal_session=") && !/cloudsso_portal_session=;/.test(c));
  return { status: res.status, location: res.headers.get("location"), text: await res.text(), cookie: cookie?.split(";")[0] ?? null };
}

function db() {
  return new Database(path.join(app.dataDir, "app.db"));
}
function sessionCount(): number {
  const d = db();
  try {
    return (d.prepare(`SELECT COUNT(*) AS n FROM "SsoPortalSession"`).get() as { n: number }).n;
  } finally {
    d.close();
  }
}
function userCount(): number {
  const d = db();
  try {
    return (d.prepare(`SELECT COUNT(*) AS n FROM "SsoUser"`).get() as { n: number }).n;
  } finally {
    d.close();
  }
}

async function lastLog() {
  const r = await s.call<{ items: { userName: string; result: string; reason: string | null; method: string }[] }>("GET", "/api/cloudsso/sso/sign-in-logs?pageSize=1");
  return r.body.items[0];
}

/** A refused response: the reason on the page, a Failure line with that reason, no cookie, no session, no user created. */
async function expectRefused(xml: string | null, reason: string, status = 403) {
  const before = { sessions: sessionCount(), users: userCount() };
  const res = await postAcs(xml);
  expect(res.status, pageText(res.text)).toBe(status);
  expect(res.text, pageText(res.text)).toContain(`Sign-in failed: ${reason}`);
  expect(res.cookie).toBeNull();
  expect(sessionCount()).toBe(before.sessions);
  expect(userCount()).toBe(before.users);
  const log = await lastLog();
  expect(log).toMatchObject({ result: "Failure", reason, method: "SSO" });
  return res;
}

async function portalSession(cookie: string | null) {
  return fetch(`${app.baseUrl}/api/portal/cloudsso/session`, { headers: cookie ? { cookie } : {} });
}

beforeAll(async () => {
  app = await startApp();
  s = await signIn(app.baseUrl);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sso-keys-"));
  keys.good = makeKeyPair(dir, "test-idp");
  keys.other = makeKeyPair(dir, "attacker");

  for (const userName of ["alice", "bob.disabled"]) {
    const r = await s.call<{ UserId: string }>("POST", "/api/cloudsso/users", { userName });
    expect(r.status).toBe(201);
    if (userName === "bob.disabled") expect((await s.call("PUT", `/api/cloudsso/users/${r.body.UserId}/status`, { status: "Disabled" })).status).toBe(200);
  }
  // A user of another directory: same database, different directory.
  const d = db();
  d.prepare(`INSERT INTO "SsoDirectory" (id, name, scimEnabled, createdAt) VALUES ('d-other', 'Other', 0, CURRENT_TIMESTAMP)`).run();
  d.prepare(
    `INSERT INTO "SsoUser" (id, directoryId, userName, userNameLower, status, provisioningType, createdAt, updatedAt) VALUES ('u-other', 'd-other', 'other.user', 'other.user', 'Enabled', 'Manual', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
  ).run();
  d.close();

  const view = await s.call<typeof sso>("GET", "/api/cloudsso/sso");
  sso = view.body;
  expect(sso.acsUrl).toMatch(/\/saml\/acs\/[0-9a-f-]{36}$/);
  expect(sso.spEntityId).toBe(`${app.baseUrl}/saml/sp/d-default`);

  // The switch refuses to turn on before an IdP is configured.
  const early = await s.call<{ error: string }>("PUT", "/api/cloudsso/sso/enabled", { enabled: true });
  expect(early.status).toBe(409);
  expect(early.body.error).toMatch(/Configure the IdP/);

  const configured = await s.call("PUT", "/api/cloudsso/sso/idp", {
    mode: "manual",
    entityId: IDP.entityId,
    logonUrl: IDP.logonUrl,
    certificate: keys.good.cert,
  });
  expect(configured.status).toBe(200);
  expect((await s.call("PUT", "/api/cloudsso/sso/enabled", { enabled: true })).status).toBe(200);
});

afterAll(async () => {
  await app?.stop();
});

describe("a good response", () => {
  it("opens a portal session (assertion signed) that the portal API and page recognise", async () => {
    const res = await postAcs(sign(responseXml({ nameId: "alice" }), keys.good));
    expect(res.status, pageText(res.text)).toBe(303);
    expect(res.location).toBe(sso.loginUrl);
    expect(res.cookie).toMatch(/^cloudsso_portal_session=/);
    const me = await portalSession(res.cookie);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ userName: "alice", method: "SSO" });
    const page = await (await fetch(sso.loginUrl, { headers: { cookie: res.cookie! } })).text();
    expect(page).toContain("Sign Out");
    expect(await lastLog()).toMatchObject({ userName: "alice", result: "Success", method: "SSO" });
  });

  it("accepts a response whose whole message is signed", async () => {
    const res = await postAcs(sign(responseXml({ nameId: "alice" }), keys.good, "response"));
    expect(res.status, pageText(res.text)).toBe(303);
    expect(res.cookie).not.toBeNull();
  });

  it("sets the cookie HttpOnly, SameSite=Lax, for 8 hours", async () => {
    const res = await fetch(sso.acsUrl, {
      method: "POST",
      body: new URLSearchParams({ SAMLResponse: b64(sign(responseXml({ nameId: "alice" }), keys.good)) }),
      redirect: "manual",
    });
    const line = res.headers.getSetCookie().find((c) => c.startsWith("cloudsso_portal_session="))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    const expires = Date.parse(/Expires=([^;]+)/i.exec(line)![1]);
    expect(Math.abs(expires - (Date.now() + 8 * 3600_000))).toBeLessThan(5 * 60_000);
  });
});

describe("forged and misaddressed responses are refused", () => {
  it("signed by another key", async () => {
    await expectRefused(sign(responseXml({ nameId: "alice" }), keys.other), "InvalidSignature");
  });

  it("unsigned", async () => {
    await expectRefused(responseXml({ nameId: "alice" }), "InvalidSignature");
  });

  it("a signed assertion wrapped inside a forged one's subject (XML signature wrapping)", async () => {
    const signed = sign(responseXml({ nameId: "alice" }), keys.good);
    const signedAssertion = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(signed)![0];
    const forged = assertionXml({ nameId: "alice" }).replace(
      /<saml:SubjectConfirmationData([^>]*)\/>/,
      `<saml:SubjectConfirmationData$1>${signedAssertion}</saml:SubjectConfirmationData>`,
    );
    const res = await expectRefused(responseXml({ nameId: "alice" }, [forged]), "InvalidSAMLResponse");
    expect(res.text).toMatch(/wrapping/i);
  });

  it("a signed assertion moved aside (into Extensions) and a forged one in its place", async () => {
    const signed = sign(responseXml({ nameId: "alice" }), keys.good);
    const signedAssertion = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(signed)![0];
    await expectRefused(responseXml({ nameId: "alice" }, [assertionXml({ nameId: "alice" })], signedAssertion), "InvalidSignature");
  });

  it("a second, unsigned assertion beside the signed one", async () => {
    const signed = sign(responseXml({ nameId: "alice" }), keys.good);
    const withSecond = signed.replace("</samlp:Response>", `${assertionXml({ nameId: "alice" })}</samlp:Response>`);
    await expectRefused(withSecond, "InvalidSAMLResponse");
  });

  it("a comment inside NameID (the signature ignores it): read whole from the signed assertion, never cut to 'alice'", async () => {
    const res = await expectRefused(sign(responseXml({ nameId: "alice<!---->.attacker" }), keys.good), "InvalidUser");
    expect(res.text).toContain("&quot;alice.attacker&quot;");
    expect((await lastLog()).userName).toBe("alice.attacker");
  });

  it("an issuer other than the configured IdP", async () => {
    await expectRefused(sign(responseXml({ nameId: "alice", issuer: "https://evil.example/idp" }), keys.good), "InvalidIssuer");
  });

  it("an audience other than the CloudSSO Entity ID", async () => {
    const res = await expectRefused(sign(responseXml({ nameId: "alice", audience: "https://other-sp.example/saml" }), keys.good), "InvalidAudience");
    expect(res.text).toContain(sso.spEntityId);
  });

  it("a Recipient other than the CloudSSO ACS URL", async () => {
    const res = await expectRefused(sign(responseXml({ nameId: "alice", recipient: "https://other-sp.example/acs" }), keys.good), "InvalidDestination");
    expect(res.text).toContain(sso.acsUrl);
  });

  it("a Destination other than the CloudSSO ACS URL", async () => {
    await expectRefused(sign(responseXml({ nameId: "alice", destination: "https://other-sp.example/acs" }), keys.good), "InvalidDestination");
  });

  it("an expired assertion", async () => {
    await expectRefused(
      sign(responseXml({ nameId: "alice", notBefore: iso(-20 * 60_000), notOnOrAfter: iso(-10 * 60_000) }), keys.good),
      "ExpiredAssertion",
    );
  });

  it("an assertion not valid yet", async () => {
    await expectRefused(sign(responseXml({ nameId: "alice", notBefore: iso(10 * 60_000) }), keys.good), "ExpiredAssertion");
  });

  it("a replayed assertion ID", async () => {
    const xml = sign(responseXml({ nameId: "alice" }), keys.good);
    expect((await postAcs(xml)).status).toBe(303);
    await expectRefused(xml, "ReplayedAssertion");
  });

  it("a response without SAMLResponse, or not SAML at all", async () => {
    await expectRefused(null, "InvalidSAMLResponse", 400);
    await expectRefused("<html>not saml</html>", "InvalidSAMLResponse");
  });

  it("an InResponseTo this directory never sent", async () => {
    await expectRefused(sign(responseXml({ nameId: "alice", inResponseTo: "_never-sent" }), keys.good), "InvalidInResponseTo");
  });
});

describe("the NameID must be an enabled user of this directory", () => {
  it("a username that does not exist → InvalidUser page naming it", async () => {
    const res = await expectRefused(sign(responseXml({ nameId: "nobody.here" }), keys.good), "InvalidUser");
    expect(res.text).toContain("nobody.here");
    expect(res.text).toMatch(/must equal the CloudSSO username/);
    expect((await lastLog()).userName).toBe("nobody.here");
  });

  it("a disabled user", async () => {
    const res = await expectRefused(sign(responseXml({ nameId: "bob.disabled" }), keys.good), "InvalidUser");
    expect(res.text).toMatch(/disabled/);
  });

  it("a user of another directory", async () => {
    await expectRefused(sign(responseXml({ nameId: "other.user" }), keys.good), "InvalidUser");
  });

  it("a malformed subject → InvalidSubjectValue", async () => {
    await expectRefused(sign(responseXml({ nameId: "not a username!" }), keys.good), "InvalidSubjectValue");
  });
});

describe("SP-initiated logon (Redirect)", () => {
  it("sends an unsigned AuthnRequest to the IdP's Logon URL and accepts its answer once", async () => {
    const res = await fetch(`${sso.loginUrl}/sso`, { redirect: "manual" });
    expect(res.status).toBe(303);
    const target = new URL(res.headers.get("location")!);
    expect(`${target.origin}${target.pathname}`).toBe(IDP.logonUrl);
    expect(target.searchParams.get("Signature")).toBeNull();
    const request = inflateRawSync(Buffer.from(target.searchParams.get("SAMLRequest")!, "base64")).toString("utf8");
    expect(request).toContain(`AssertionConsumerServiceURL="${sso.acsUrl}"`);
    expect(request).toContain(sso.spEntityId);
    const requestId = /ID="([^"]+)"/.exec(request)![1];
    const answer = await postAcs(sign(responseXml({ nameId: "alice", inResponseTo: requestId }), keys.good));
    expect(answer.status, pageText(answer.text)).toBe(303);
    await expectRefused(sign(responseXml({ nameId: "alice", inResponseTo: requestId }), keys.good), "InvalidInResponseTo");
  });
});

describe("sessions follow the user's lifecycle and stay apart from the console", () => {
  it("refuses an open session on its next request once the user is disabled", async () => {
    const carol = await s.call<{ UserId: string }>("POST", "/api/cloudsso/users", { userName: "carol" });
    const res = await postAcs(sign(responseXml({ nameId: "carol" }), keys.good));
    expect((await portalSession(res.cookie)).status).toBe(200);
    expect((await s.call("PUT", `/api/cloudsso/users/${carol.body.UserId}/status`, { status: "Disabled" })).status).toBe(200);
    expect((await portalSession(res.cookie)).status).toBe(401);
    const page = await (await fetch(sso.loginUrl, { headers: { cookie: res.cookie! } })).text();
    expect(page).toContain("Your session has ended");
    expect(page).not.toContain("Sign Out");
  });

  it("refuses the session of a deleted user", async () => {
    const dave = await s.call<{ UserId: string }>("POST", "/api/cloudsso/users", { userName: "dave" });
    const res = await postAcs(sign(responseXml({ nameId: "dave" }), keys.good));
    expect((await portalSession(res.cookie)).status).toBe(200);
    expect((await s.call("DELETE", `/api/cloudsso/users/${dave.body.UserId}`)).status).toBeLessThan(300);
    expect((await portalSession(res.cookie)).status).toBe(401);
  });

  it("does not take the admin console session as a portal user, nor a portal session as an admin", async () => {
    expect((await portalSession(s.cookie)).status).toBe(401);
    const res = await postAcs(sign(responseXml({ nameId: "alice" }), keys.good));
    const consoleApi = await fetch(`${app.baseUrl}/api/cloudsso/users`, { headers: { cookie: res.cookie! } });
    expect(consoleApi.status).toBe(401);
    const consolePage = await fetch(`${app.baseUrl}/cloudsso`, { headers: { cookie: res.cookie! }, redirect: "manual" });
    expect(consolePage.status).toBe(307);
  });
});

describe("SSO Logon switched off", () => {
  it("shows password logon on the Login URL and the ACS refuses every response", async () => {
    const on = await (await fetch(sso.loginUrl)).text();
    expect(on).toContain("Redirect");
    expect(on).not.toContain('name="password"');
    // Clear IdP Information only while the switch is off.
    expect((await s.call("DELETE", "/api/cloudsso/sso/idp")).status).toBe(409);

    expect((await s.call("PUT", "/api/cloudsso/sso/enabled", { enabled: false })).status).toBe(200);
    const off = await (await fetch(sso.loginUrl)).text();
    expect(off).toContain('name="password"');
    expect(off).not.toContain(">Redirect<");
    await expectRefused(sign(responseXml({ nameId: "alice" }), keys.good), "SSODisabled");
  });
});

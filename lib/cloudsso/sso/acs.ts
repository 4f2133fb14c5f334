import "server-only";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { saml } from "@/lib/saml/samlify";
import { createPortalSession, pruneExpired } from "../portal/session";
import { recordSignIn } from "../portal/sign-in-log";
import { lookupKey } from "../user-row";
import { CLOCK_SKEW_MS, identityProviders, serviceProvider } from "./entities";
import { SIGN_IN_REASONS, type SignInReason } from "./schemas";
import { findByAcsId, type LogonSettings } from "./settings";
import { acsUrl, spEntityId } from "./urls";

/** What the ACS answers: a portal session, or a refusal the error page explains. */
export type AcsOutcome =
  | { ok: true; settings: LogonSettings; userName: string; token: string; expiresAt: Date }
  | { ok: false; status: number; reason: SignInReason | "NotFound"; message: string; detail: string; userName: string | null; settings: LogonSettings | null };

class Refusal extends Error {
  constructor(
    readonly reason: SignInReason,
    readonly detail: string,
    readonly userName: string | null = null,
    readonly status = 403,
  ) {
    super(detail);
  }
}

/** A SAML response larger than this is refused before parsing. */
const MAX_RESPONSE_CHARS = 512 * 1024;
const USERNAME = /^[0-9A-Za-z@_.-]{1,64}$/;

/** samlify's refusals, by the reason the learner sees. */
function samlifyRefusal(err: unknown): Refusal {
  const code = err instanceof Error ? err.message : String(err);
  if (/FAILED_TO_VERIFY_SIGNATURE|UNMATCH_CERTIFICATE|NO_SELECTED_CERTIFICATE|SIGNATURE/i.test(code)) {
    return new Refusal("InvalidSignature", "No valid signature by a configured IdP certificate was found on the response or its assertion.");
  }
  if (/ERR_POTENTIAL_WRAPPING_ATTACK/.test(code)) {
    return new Refusal("InvalidSAMLResponse", "The response nests an assertion or signature inside the subject (XML signature wrapping).");
  }
  if (/ERR_UNMATCH_ISSUER/.test(code)) return new Refusal("InvalidIssuer", "The assertion's Issuer is not the configured IdP Entity ID.");
  if (/ERR_SUBJECT_UNCONFIRMED|ERR_EXPIRED_SESSION/.test(code)) {
    return new Refusal("ExpiredAssertion", "The current time is outside the assertion's NotBefore / NotOnOrAfter window.");
  }
  if (/ERR_FAILED_STATUS|STATUS/i.test(code)) return new Refusal("InvalidSAMLResponse", `The IdP answered with a non-success status (${code}).`);
  if (/ERR_EMPTY_ASSERTION/.test(code)) return new Refusal("InvalidSAMLResponse", "The signed response holds no single assertion.");
  return new Refusal("InvalidSAMLResponse", "The SAML response is not valid SAML 2.0 (it failed parsing or schema validation).");
}

const one = (v: unknown): string | null => (typeof v === "string" ? v : null);

/**
 * The ACS: verifies an IdP's SAML response (HTTP-POST binding) and opens a portal session.
 * samlify checks the XML schema, the signature against the configured certificates (an unsigned
 * response is always refused), signature wrapping, the issuer and the time window; this adds the
 * checks samlify leaves to the SP, each on the verified assertion: audience, Destination/Recipient,
 * bearer NotOnOrAfter, InResponseTo, one assertion only, one-time assertion ID, and the NameID
 * as an existing, enabled user of this directory. Nothing is written unless everything passes.
 */
export async function consumeSamlResponse(acsId: string, samlResponse: string | null, origin: string): Promise<AcsOutcome> {
  const settings = await findByAcsId(acsId);
  if (!settings) {
    return { ok: false, status: 404, reason: "NotFound", message: "This ACS URL does not belong to any CloudSSO directory.", detail: "", userName: null, settings: null };
  }
  await pruneExpired();
  try {
    const verified = await verify(settings, samlResponse, origin);
    const user = await db.ssoUser.findUnique({
      where: { directoryId_userNameLower: { directoryId: settings.directoryId, userNameLower: lookupKey(verified.nameId) } },
      select: { id: true, userName: true, status: true },
    });
    if (!user) {
      throw new Refusal(
        "InvalidUser",
        `The IdP sent the username "${verified.nameId}" as NameID, but no CloudSSO user has this username. The NameID (in IDaaS: the Application Username) must equal the CloudSSO username.`,
        verified.nameId,
      );
    }
    if (user.status !== "Enabled") {
      throw new Refusal("InvalidUser", `The CloudSSO user "${user.userName}" is disabled and cannot sign in.`, verified.nameId);
    }
    try {
      const session = await db.$transaction(async (tx) => {
        await tx.ssoSamlAssertionUse.create({
          data: { directoryId: settings.directoryId, assertionId: verified.assertionId, expiresAt: verified.keepUntil },
        });
        if (verified.inResponseTo) {
          const answered = await tx.ssoSamlRequest.deleteMany({
            where: { id: verified.inResponseTo, directoryId: settings.directoryId, expiresAt: { gt: new Date() } },
          });
          if (answered.count !== 1) throw new Refusal("InvalidInResponseTo", "The response answers a logon request this directory did not send, or one already answered or expired.", verified.nameId);
        }
        const created = await createPortalSession(tx, { userId: user.id, directoryId: settings.directoryId, method: "SSO" });
        await recordSignIn({ directoryId: settings.directoryId, userName: user.userName, userId: user.id, method: "SSO", result: "Success" }, tx);
        return created;
      });
      return { ok: true, settings, userName: user.userName, ...session };
    } catch (err) {
      if (isUniqueViolation(err)) throw new Refusal("ReplayedAssertion", `The assertion ${verified.assertionId} has already been used to sign in.`, verified.nameId);
      throw err;
    }
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    await recordSignIn({
      directoryId: settings.directoryId,
      userName: err.userName ?? "-",
      method: "SSO",
      result: "Failure",
      reason: err.reason,
      detail: err.detail,
    });
    return { ok: false, status: err.status, reason: err.reason, message: SIGN_IN_REASONS[err.reason], detail: err.detail, userName: err.userName, settings };
  }
}

async function verify(settings: LogonSettings, samlResponse: string | null, origin: string) {
  if (!settings.ssoEnabled) throw new Refusal("SSODisabled", "SSO logon is turned off in CloudSSO › Settings › SSO Logon; sign in with username and password.");
  if (!samlResponse || samlResponse.length > MAX_RESPONSE_CHARS || !/^[A-Za-z0-9+/=\s]+$/.test(samlResponse)) {
    throw new Refusal("InvalidSAMLResponse", "The request carries no SAMLResponse form field in base64.", null, 400);
  }
  const { Extractor, SamlLib } = saml();
  const sp = serviceProvider(settings, origin);
  let parsed: Awaited<ReturnType<typeof sp.parseLoginResponse>> | null = null;
  let idpUsed: ReturnType<typeof identityProviders>[number] | null = null;
  let refusal: Refusal | null = null;
  for (const idp of identityProviders(settings)) {
    try {
      parsed = await sp.parseLoginResponse(idp, "post", { body: { SAMLResponse: samlResponse } });
      idpUsed = idp;
      break;
    } catch (err) {
      refusal = samlifyRefusal(err);
      // Another rotation certificate may verify it; every other refusal is final.
      if (refusal.reason !== "InvalidSignature") break;
    }
  }
  if (!parsed || !idpUsed) throw refusal ?? new Refusal("InvalidSignature", "No IdP certificate is configured.");

  // The assertion samlify verified, read again from the library for the fields it does not extract
  // (the extractor camel-cases attribute names: Recipient → recipient).
  const [signed, assertionXml] = SamlLib.verifySignature(parsed.samlContent, {
    metadata: idpUsed.entityMeta,
    signatureAlgorithm: idpUsed.entitySetting.requestSignatureAlgorithm,
  });
  if (!signed || typeof assertionXml !== "string") throw new Refusal("InvalidSignature", "The signed assertion could not be located.");
  const whole = Extractor.extract(parsed.samlContent, [
    // `context` gives one string per element (an array when there are several).
    { key: "assertions", localPath: ["Response", "Assertion"], attributes: [], context: true },
    { key: "assertionId", localPath: ["Response", "Assertion"], attributes: ["ID"] },
    { key: "encrypted", localPath: ["Response", "EncryptedAssertion"], attributes: [], context: true },
  ]) as { assertions?: unknown; assertionId?: unknown; encrypted?: unknown };
  if (Array.isArray(whole.assertions) || whole.encrypted) {
    throw new Refusal("InvalidSAMLResponse", "The response must hold exactly one (unencrypted) assertion; it holds more.");
  }
  const inAssertion = Extractor.extract(assertionXml, [
    { key: "assertion", localPath: ["Assertion"], attributes: ["ID"] },
    {
      key: "confirmation",
      localPath: ["Assertion", "Subject", "SubjectConfirmation", "SubjectConfirmationData"],
      attributes: ["Recipient", "NotOnOrAfter", "InResponseTo"],
    },
    { key: "nameIdElement", localPath: ["Assertion", "Subject", "NameID"], attributes: [], context: true },
  ]) as { assertion?: unknown; confirmation?: unknown; nameIdElement?: unknown };
  const assertionId = one(inAssertion.assertion);
  if (!assertionId || one(whole.assertionId) !== assertionId) {
    throw new Refusal("InvalidSAMLResponse", "The signed assertion is not the assertion of the response.");
  }

  const x = parsed.extract as {
    nameID?: unknown;
    audience?: unknown;
    response?: { destination?: unknown; inResponseTo?: unknown };
    conditions?: { notOnOrAfter?: unknown };
  };
  // The extractor reads only the first text node: a comment or CDATA inside the signed NameID
  // ("alice<!---->.evil") would cut the username the signature covers. The NameID element must
  // hold plain text only.
  const nameIdElement = one(inAssertion.nameIdElement);
  const plainNameId = nameIdElement !== null && /^<([\w.-]+:)?NameID\b[^>]*>[^<]*<\/([\w.-]+:)?NameID>$/.test(nameIdElement);
  const rawNameId = x.nameID;
  const nameId = one(rawNameId)?.trim() ?? null;
  if (!plainNameId || !nameId || !USERNAME.test(nameId)) {
    throw new Refusal(
      "InvalidSubjectValue",
      nameIdElement !== null && !plainNameId
        ? "The NameID is split into several text parts (e.g. by an XML comment); it must be one plain username."
        : `The NameID ${nameId ? `"${nameId.slice(0, 80)}" ` : ""}is missing or not a CloudSSO username (at most 64 letters, digits and @ _ . -).`,
      nameId ? nameId.slice(0, 80) : null,
    );
  }

  const ourEntityId = spEntityId(origin, settings.directoryId);
  const audiences = (Array.isArray(x.audience) ? x.audience : [x.audience]).filter((a): a is string => typeof a === "string").map((a) => a.trim());
  if (!audiences.includes(ourEntityId)) {
    throw new Refusal("InvalidAudience", `The assertion's Audience is ${audiences.length ? audiences.map((a) => `"${a}"`).join(", ") : "missing"}; it must be the CloudSSO Entity ID ${ourEntityId}.`, nameId);
  }

  const ourAcs = acsUrl(origin, settings.acsId);
  const confirmation = (inAssertion.confirmation ?? {}) as Record<string, unknown>;
  const recipient = one(confirmation.recipient);
  const destination = x.response?.destination;
  if (recipient !== ourAcs || (destination !== undefined && destination !== null && destination !== "" && destination !== ourAcs)) {
    const got = recipient !== ourAcs ? `Recipient ${recipient ? `"${recipient}"` : "missing"}` : `Destination "${String(destination)}"`;
    throw new Refusal("InvalidDestination", `${got}; it must be the CloudSSO ACS URL ${ourAcs}.`, nameId);
  }

  const bearerUntil = one(confirmation.notOnOrAfter);
  const bearerEnd = bearerUntil ? Date.parse(bearerUntil) : NaN;
  if (!Number.isFinite(bearerEnd) || Date.now() >= bearerEnd + CLOCK_SKEW_MS) {
    throw new Refusal("ExpiredAssertion", bearerUntil ? `The assertion could be used until ${bearerUntil}.` : "The assertion's SubjectConfirmationData has no NotOnOrAfter.", nameId);
  }
  const conditionsEnd = Date.parse(one(x.conditions?.notOnOrAfter) ?? "");
  const keepUntil = new Date(Math.max(bearerEnd, Number.isFinite(conditionsEnd) ? conditionsEnd : 0) + CLOCK_SKEW_MS);

  const inResponseTo = one(confirmation.inResponseTo) || one(x.response?.inResponseTo) || null;
  if (one(x.response?.inResponseTo) && one(confirmation.inResponseTo) && one(x.response?.inResponseTo) !== one(confirmation.inResponseTo)) {
    throw new Refusal("InvalidInResponseTo", "The response and its assertion answer different requests.", nameId);
  }
  return { nameId, assertionId, keepUntil, inResponseTo };
}

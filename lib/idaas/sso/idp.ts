import "server-only";
import { randomUUID } from "node:crypto";
import { saml } from "@/lib/saml/samlify";
import { signingKey } from "./signing-key";
import { idpEntityId, idpSsoUrl } from "./urls";

/**
 * IDaaS as a SAML 2.0 identity provider, built on samlify: the metadata a service provider loads,
 * AuthnRequests read (never required to be signed: samlify has an open signature-wrapping issue
 * about signed AuthnRequests), and signed Responses for the HTTP-POST binding. The assertion and
 * the whole response are both signed (RSA-SHA256) with the key in DATA_DIR, so a service provider
 * that checks either signature accepts them.
 */

/** A response is valid this long after it is issued (the service provider checks NotOnOrAfter). */
export const RESPONSE_LIFETIME_MS = 5 * 60 * 1000;

/** The service provider as the SSO tab names it: the values pasted from CloudSSO. */
export interface ServiceProviderTarget {
  entityId: string;
  acsUrl: string;
}

export const NAME_ID_FORMATS = {
  username: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
  email: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
} as const;

async function identityProvider(origin: string, appId: string) {
  const { IdentityProvider, Constants } = saml();
  const key = await signingKey();
  return withoutSloWarning(() => IdentityProvider({
    entityID: idpEntityId(origin, appId),
    privateKey: key.privateKey,
    signingCert: key.certificate,
    wantAuthnRequestsSigned: false,
    isAssertionEncrypted: false,
    nameIDFormat: [NAME_ID_FORMATS.username, NAME_ID_FORMATS.email],
    singleSignOnService: [
      { Binding: Constants.namespace.binding.redirect, Location: idpSsoUrl(origin, appId) },
      { Binding: Constants.namespace.binding.post, Location: idpSsoUrl(origin, appId) },
    ],
    // Unique, NCName-safe message IDs.
    generateID: () => `_${randomUUID()}`,
  }));
}

/**
 * samlify warns on every IdentityProvider built without a SingleLogoutService; this IdP offers no
 * single logout (the portal has Sign Out), so that one line would be printed on every sign-in.
 */
function withoutSloWarning<T>(build: () => T): T {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].includes("missing endpoint of SingleLogoutService")) return;
    warn(...args);
  };
  try {
    return build();
  } finally {
    console.warn = warn;
  }
}

function serviceProvider(sp: ServiceProviderTarget) {
  const { ServiceProvider, Constants } = saml();
  return ServiceProvider({
    entityID: sp.entityId,
    assertionConsumerService: [{ Binding: Constants.namespace.binding.post, Location: sp.acsUrl }],
    authnRequestsSigned: false,
    wantAssertionsSigned: true,
    wantMessageSigned: true,
  });
}

/** The IdP metadata (Entity ID, SSO URL for both bindings, signing certificate). */
export async function idpMetadata(origin: string, appId: string): Promise<string> {
  return (await identityProvider(origin, appId)).getMetadata();
}

export interface AuthnRequestInfo {
  id: string;
  issuer: string;
  /** The ACS URL the request names, if any (it must be the configured one). */
  acsUrl: string | null;
  /** The request's XML, to carry it through the portal sign-in. */
  xml: string;
}

/**
 * Reads an AuthnRequest (schema-validated by samlify's registered XSD validator). Throws when the
 * message is not a well-formed, valid AuthnRequest.
 */
export async function readAuthnRequest(
  origin: string,
  appId: string,
  sp: ServiceProviderTarget,
  binding: "redirect" | "post",
  samlRequest: string,
): Promise<AuthnRequestInfo> {
  const idp = await identityProvider(origin, appId);
  const parsed = await idp.parseLoginRequest(
    serviceProvider(sp),
    binding,
    binding === "redirect" ? { query: { SAMLRequest: samlRequest }, octetString: "" } : { body: { SAMLRequest: samlRequest } },
  );
  const extract = parsed.extract as { request?: { id?: string; assertionConsumerServiceUrl?: string }; issuer?: string };
  const id = extract.request?.id;
  if (!id) throw new Error("The AuthnRequest has no ID.");
  return {
    id,
    issuer: extract.issuer ?? "",
    acsUrl: extract.request?.assertionConsumerServiceUrl ?? null,
    xml: parsed.samlContent,
  };
}

export interface SignedResponse {
  /** Base64 SAMLResponse for the HTTP-POST binding. */
  samlResponse: string;
  /** Where it is posted: the configured ACS URL, never one taken from a request. */
  acsUrl: string;
  responseId: string;
  assertionId: string;
}

/** A signed SAML Response for `nameId`, IdP-initiated or in response to an AuthnRequest. */
export async function signedResponse(
  origin: string,
  appId: string,
  sp: ServiceProviderTarget,
  subject: { nameId: string; nameIdFormat: string },
  inResponseTo?: string,
): Promise<SignedResponse> {
  const { SamlLib, Constants } = saml();
  const idp = await identityProvider(origin, appId);
  const now = new Date();
  const notOnOrAfter = new Date(now.getTime() + RESPONSE_LIFETIME_MS).toISOString();
  const responseId = `_${randomUUID()}`;
  const assertionId = `_${randomUUID()}`;
  const authnStatement =
    `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="_${randomUUID()}">` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>${Constants.namespace.authnContextClassRef.passwordProtectedTransport}</saml:AuthnContextClassRef></saml:AuthnContext>` +
    `</saml:AuthnStatement>`;
  const result = await idp.createLoginResponse(serviceProvider(sp), {} as never, "post", {}, {
    customTagReplacement: (template: string) => {
      // The statement is our own fixed XML (dates and generated ids); every other value is
      // XML-escaped by samlify's replaceTagsByValue. An undefined InResponseTo drops the attribute.
      const withStatements = template.replace("{AuthnStatement}", authnStatement).replace("{AttributeStatement}", "");
      const context = SamlLib.replaceTagsByValue(withStatements, {
        ID: responseId,
        AssertionID: assertionId,
        Destination: sp.acsUrl,
        Audience: sp.entityId,
        SubjectRecipient: sp.acsUrl,
        Issuer: idpEntityId(origin, appId),
        IssueInstant: now.toISOString(),
        StatusCode: Constants.namespace.statusCode.success,
        ConditionsNotBefore: now.toISOString(),
        ConditionsNotOnOrAfter: notOnOrAfter,
        SubjectConfirmationDataNotOnOrAfter: notOnOrAfter,
        NameIDFormat: subject.nameIdFormat,
        NameID: subject.nameId,
        InResponseTo: inResponseTo,
      } as Record<string, string>);
      return { id: responseId, context };
    },
  });
  return { samlResponse: result.context, acsUrl: sp.acsUrl, responseId, assertionId };
}

import "server-only";
import { saml } from "@/lib/saml/samlify";
import type { LogonSettings } from "./settings";
import { acsUrl, spEntityId } from "./urls";

/** Clock skew allowed on NotBefore / NotOnOrAfter, each way. */
export const CLOCK_SKEW_MS = 60_000;

const NAMEID_FORMATS = [
  "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
  "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
  "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
];

/**
 * CloudSSO as a samlify service provider. AuthnRequests are not signed (WantRequestSigned is
 * false in CloudSSO, and samlify's open signature-wrapping issue concerns signed requests); the
 * metadata asks for signed assertions, and parseLoginResponse refuses any response without a
 * valid signature.
 */
export function serviceProvider(s: LogonSettings, origin: string) {
  const { ServiceProvider, Constants } = saml();
  return ServiceProvider({
    entityID: spEntityId(origin, s.directoryId),
    assertionConsumerService: [{ Binding: Constants.namespace.binding.post, Location: acsUrl(origin, s.acsId) }],
    authnRequestsSigned: false,
    wantAssertionsSigned: true,
    nameIDFormat: NAMEID_FORMATS,
    clockDrifts: [-CLOCK_SKEW_MS, CLOCK_SKEW_MS],
  });
}

/**
 * The configured IdP, one samlify entity per certificate: samlify checks a signature whose KeyInfo
 * carries no certificate against the first certificate only, so each rotation certificate gets its
 * own try.
 */
export function identityProviders(s: LogonSettings) {
  const { IdentityProvider, Constants } = saml();
  if (!s.idpEntityId || !s.idpLogonUrl) return [];
  return s.certificates.map((c) =>
    IdentityProvider({
      entityID: s.idpEntityId!,
      singleSignOnService: [{ Binding: Constants.namespace.binding.redirect, Location: s.idpLogonUrl! }],
      signingCert: c.pem,
      wantAuthnRequestsSigned: false,
    }),
  );
}

/** SP metadata XML (the download in Settings › SSO Logon and GET on the Entity ID). */
export function spMetadataXml(s: LogonSettings, origin: string): string {
  return serviceProvider(s, origin).getMetadata();
}

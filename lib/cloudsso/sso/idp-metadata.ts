import "server-only";
import { ValidationError } from "@/lib/errors";
import { saml } from "@/lib/saml/samlify";
import { parseCertificate, type ParsedCertificate } from "./certificates";

const invalid = (message: string) => new ValidationError("The IdP metadata file is not valid.", { metadata: message });

/**
 * Upload Metadata File: the entity ID, the single sign-on URL (HTTP-Redirect binding preferred,
 * else HTTP-POST) and the signing certificates of an IdP's SAML 2.0 metadata, read by samlify.
 */
export async function parseIdpMetadata(xml: string): Promise<{ entityId: string; logonUrl: string; certificates: ParsedCertificate[] }> {
  const { IdentityProvider, Constants } = saml();
  if (!/<(\w+:)?EntityDescriptor[\s>]/.test(xml) || !/IDPSSODescriptor/.test(xml)) {
    throw invalid("The file is not SAML 2.0 IdP metadata (an EntityDescriptor with an IDPSSODescriptor).");
  }
  let meta;
  try {
    meta = IdentityProvider({ metadata: xml }).entityMeta;
  } catch {
    throw invalid("The file could not be read as SAML 2.0 metadata.");
  }
  const entityId = meta.getEntityID();
  if (typeof entityId !== "string" || !entityId.trim()) throw invalid("The metadata has no entityID.");
  const sso = (binding: "redirect" | "post"): string | undefined => {
    const services = meta.meta.singleSignOnService as Record<string, unknown> | undefined;
    const v = services?.[Constants.namespace.binding[binding]];
    return typeof v === "string" && v ? v : undefined;
  };
  const logonUrl = sso("redirect") ?? sso("post");
  if (!logonUrl || !URL.canParse(logonUrl)) throw invalid("The metadata has no SingleSignOnService location.");
  const raw = meta.getX509Certificate("signing");
  const list = (Array.isArray(raw) ? raw.flat(Infinity) : raw ? [raw] : []).filter((c): c is string => typeof c === "string" && c.trim() !== "");
  if (list.length === 0) throw invalid("The metadata has no signing certificate (KeyDescriptor use=\"signing\").");
  const certificates = list.map((c) => parseCertificate(c, "metadata"));
  return { entityId: entityId.trim(), logonUrl, certificates };
}

import "server-only";
import { X509Certificate } from "node:crypto";
import { ValidationError } from "@/lib/errors";

export interface ParsedCertificate {
  pem: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  fingerprint: string;
}

/** The base64 body of a PEM or of a metadata `<X509Certificate>`, whitespace removed. */
function certificateBody(text: string): string {
  return text
    .replace(/-----BEGIN CERTIFICATE-----/g, "")
    .replace(/-----END CERTIFICATE-----/g, "")
    .replace(/\s+/g, "");
}

/**
 * An IdP signing certificate as the admin gave it (PEM, or the base64 body from metadata), parsed
 * by Node's X.509 implementation. Refuses anything that is not exactly one valid, unexpired
 * certificate; `field` names the form field the message belongs to.
 */
export function parseCertificate(text: string, field: string): ParsedCertificate {
  const body = certificateBody(text);
  if ((text.match(/-----BEGIN/g) ?? []).length > 1 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    throw new ValidationError("The certificate is not valid.", { [field]: "Enter one X.509 certificate in PEM format." });
  }
  const pem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    throw new ValidationError("The certificate is not valid.", { [field]: "The certificate could not be read as an X.509 certificate." });
  }
  const notAfter = new Date(cert.validTo);
  if (notAfter.getTime() <= Date.now()) {
    throw new ValidationError("The certificate has expired.", { [field]: `The certificate expired on ${notAfter.toISOString()}.` });
  }
  return {
    pem,
    subject: cert.subject.replace(/\n/g, ", "),
    issuer: cert.issuer.replace(/\n/g, ", "),
    notBefore: new Date(cert.validFrom),
    notAfter,
    fingerprint: cert.fingerprint256,
  };
}

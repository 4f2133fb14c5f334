import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomBytes, X509Certificate } from "node:crypto";
import { generate } from "selfsigned";
import { dataDir } from "@/lib/database-url";

/**
 * The IDaaS identity provider's signing key and self-signed X.509 certificate: generated on first
 * start into DATA_DIR (one PEM file holding both, mode 0600), kept across restarts, replaced by
 * Rotate Certificate. Every read goes to the file, so a rotation made by one server process is
 * seen by the others at once. The private key is never logged nor returned by any API.
 */
const FILE_NAME = "idaas-idp-signing.pem";
const VALID_YEARS = 10;

export interface SigningKey {
  privateKey: string;
  certificate: string;
}

export interface CertificateInfo {
  /** SHA-256 fingerprint, colon-separated hex (as CloudSSO lists IdP certificates). */
  fingerprint: string;
  subject: string;
  notBefore: string;
  notAfter: string;
}

const file = () => path.join(dataDir, FILE_NAME);

async function generateKeyFile(): Promise<string> {
  const notBeforeDate = new Date();
  const notAfterDate = new Date(notBeforeDate);
  notAfterDate.setFullYear(notAfterDate.getFullYear() + VALID_YEARS);
  const pems = await generate([{ name: "commonName", value: "IDaaS EIAM SAML IdP" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, critical: true },
    ],
  });
  return `${pems.private.trim()}\n${pems.cert.trim()}\n`;
}

function parse(text: string): SigningKey | null {
  const key = text.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/);
  const cert = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/);
  return key && cert ? { privateKey: key[0], certificate: cert[0] } : null;
}

/** Writes `content` to a temporary file (0600) and moves it into place: readers never see half a file. */
function writeTemp(content: string): string {
  fs.mkdirSync(dataDir, { recursive: true });
  const tmp = `${file()}.${randomBytes(6).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o600, flag: "wx" });
  return tmp;
}

/** The current key and certificate, generated on first use (first start calls this). */
export async function signingKey(): Promise<SigningKey> {
  try {
    const found = parse(fs.readFileSync(file(), "utf8"));
    if (found) return found;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const tmp = writeTemp(await generateKeyFile());
  try {
    // link() fails when the file exists: of two processes starting at once, the first one wins.
    fs.linkSync(tmp, file());
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  const created = parse(fs.readFileSync(file(), "utf8"));
  if (!created) throw new Error(`${FILE_NAME} in the data folder is not a PEM key and certificate.`);
  return created;
}

/** Rotate Certificate: a new key and certificate replace the old ones (service providers must load the new metadata). */
export async function rotateSigningKey(): Promise<CertificateInfo> {
  const tmp = writeTemp(await generateKeyFile());
  fs.renameSync(tmp, file());
  return certificateInfo();
}

export async function certificateInfo(): Promise<CertificateInfo> {
  const cert = new X509Certificate((await signingKey()).certificate);
  return {
    fingerprint: cert.fingerprint256,
    subject: cert.subject,
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
  };
}

import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { DEFAULT_DIRECTORY_ID } from "../directory";
import { parseCertificate, type ParsedCertificate } from "./certificates";
import { parseIdpMetadata } from "./idp-metadata";
import type { ConfigureIdpData } from "./schemas";
import { acsUrl, loginUrl, spEntityId } from "./urls";

/** At most two IdP certificates per directory, so an IdP can rotate its key (CloudSSO). */
export const MAX_IDP_CERTIFICATES = 2;

const DEFAULT_DIRECTORY_NAME = "cloudsso-directory";

const withCertificates = { certificates: { orderBy: { createdAt: "asc" as const } } };

/** A directory's SSO Logon settings, written with a directory name and an ACS id on first use. */
export async function logonSettings(directoryId = DEFAULT_DIRECTORY_ID) {
  const found = await db.ssoLogonSettings.findUnique({ where: { directoryId }, include: withCertificates });
  if (found) return found;
  const dir = await db.ssoDirectory.findUnique({ where: { id: directoryId }, select: { id: true } });
  if (!dir) throw new NotFoundError(`Directory ${directoryId} does not exist.`);
  const name = directoryId === DEFAULT_DIRECTORY_ID ? DEFAULT_DIRECTORY_NAME : newId("directory", 8);
  try {
    return await db.ssoLogonSettings.create({
      data: { directoryId, directoryName: name, acsId: randomUUID() },
      include: withCertificates,
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Created concurrently, or the default name is taken by another directory.
    const again = await db.ssoLogonSettings.findUnique({ where: { directoryId }, include: withCertificates });
    if (again) return again;
    return db.ssoLogonSettings.create({
      data: { directoryId, directoryName: newId("directory", 8), acsId: randomUUID() },
      include: withCertificates,
    });
  }
}
export type LogonSettings = Awaited<ReturnType<typeof logonSettings>>;

export function idpConfigured(s: LogonSettings): boolean {
  return Boolean(s.idpEntityId && s.idpLogonUrl && s.certificates.length > 0);
}

/** What Settings › SSO Logon and the Overview show. */
export interface SsoLogonView {
  directoryId: string;
  directoryName: string;
  loginUrl: string;
  spEntityId: string;
  acsUrl: string;
  ssoEnabled: boolean;
  idp: {
    entityId: string;
    logonUrl: string;
    certificates: { id: string; subject: string; issuer: string; notBefore: string; notAfter: string; fingerprint: string }[];
  } | null;
}

export function ssoLogonView(s: LogonSettings, origin: string): SsoLogonView {
  return {
    directoryId: s.directoryId,
    directoryName: s.directoryName,
    loginUrl: loginUrl(origin, s.directoryName),
    spEntityId: spEntityId(origin, s.directoryId),
    acsUrl: acsUrl(origin, s.acsId),
    ssoEnabled: s.ssoEnabled,
    idp: idpConfigured(s)
      ? {
          entityId: s.idpEntityId!,
          logonUrl: s.idpLogonUrl!,
          certificates: s.certificates.map((c) => ({
            id: c.id,
            subject: c.subject,
            issuer: c.issuer,
            notBefore: c.notBefore.toISOString(),
            notAfter: c.notAfter.toISOString(),
            fingerprint: c.fingerprint,
          })),
        }
      : null,
  };
}

export async function setDirectoryName(directoryId: string, directoryName: string): Promise<LogonSettings> {
  await logonSettings(directoryId);
  try {
    await db.ssoLogonSettings.update({ where: { directoryId }, data: { directoryName, updatedAt: new Date() } });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new ConflictError("The directory name is already in use.", { directoryName: "The directory name is already in use." });
    }
    throw err;
  }
  return logonSettings(directoryId);
}

/**
 * Configure IdP: from an uploaded metadata file or typed in. Replaces the entity ID, Logon URL and
 * certificates in one transaction; takes effect at once, also while SSO Logon is on (CloudSSO).
 */
export async function configureIdp(directoryId: string, data: ConfigureIdpData): Promise<LogonSettings> {
  await logonSettings(directoryId);
  let entityId: string;
  let logonUrl: string;
  let certificates: ParsedCertificate[];
  if (data.mode === "metadata") {
    const parsed = await parseIdpMetadata(data.metadata);
    entityId = parsed.entityId;
    logonUrl = parsed.logonUrl;
    certificates = parsed.certificates;
  } else {
    entityId = data.entityId;
    logonUrl = data.logonUrl;
    certificates = [parseCertificate(data.certificate, "certificate")];
    if (data.secondCertificate) certificates.push(parseCertificate(data.secondCertificate, "secondCertificate"));
  }
  const unique = [...new Map(certificates.map((c) => [c.fingerprint, c])).values()];
  if (unique.length > MAX_IDP_CERTIFICATES) {
    throw new ValidationError(`At most ${MAX_IDP_CERTIFICATES} IdP certificates can be configured.`, {
      [data.mode === "metadata" ? "metadata" : "certificate"]: `The IdP declares ${unique.length} signing certificates; CloudSSO accepts at most ${MAX_IDP_CERTIFICATES}.`,
    });
  }
  await db.$transaction([
    db.ssoIdpCertificate.deleteMany({ where: { directoryId } }),
    db.ssoLogonSettings.update({ where: { directoryId }, data: { idpEntityId: entityId, idpLogonUrl: logonUrl, updatedAt: new Date() } }),
    ...unique.map((c, i) =>
      db.ssoIdpCertificate.create({
        data: {
          id: newId("idpcert", 16),
          directoryId,
          pem: c.pem,
          subject: c.subject,
          issuer: c.issuer,
          notBefore: c.notBefore,
          notAfter: c.notAfter,
          fingerprint: c.fingerprint,
          // Keep the given order (the first is tried first).
          createdAt: new Date(Date.now() + i),
        },
      }),
    ),
  ]);
  return logonSettings(directoryId);
}

/** Clear IdP Information: only while SSO Logon is off (CloudSSO). */
export async function clearIdp(directoryId: string): Promise<LogonSettings> {
  const s = await logonSettings(directoryId);
  if (s.ssoEnabled) throw new ConflictError("Disable SSO logon before you clear the IdP information.");
  await db.$transaction([
    db.ssoIdpCertificate.deleteMany({ where: { directoryId } }),
    db.ssoLogonSettings.update({ where: { directoryId }, data: { idpEntityId: null, idpLogonUrl: null, updatedAt: new Date() } }),
  ]);
  return logonSettings(directoryId);
}

/** The SSO Logon switch: needs a configured IdP to turn on; on means password logon is off. */
export async function setSsoEnabled(directoryId: string, enabled: boolean): Promise<LogonSettings> {
  const s = await logonSettings(directoryId);
  if (enabled && !idpConfigured(s)) throw new ConflictError("Configure the IdP before you enable SSO logon.");
  await db.ssoLogonSettings.update({ where: { directoryId }, data: { ssoEnabled: enabled, updatedAt: new Date() } });
  return logonSettings(directoryId);
}

/**
 * The directory behind a Login URL. The default directory's settings are written on first use, so
 * its Login URL (shown on the Overview) works before an administrator has opened Settings.
 */
export async function findByDirectoryName(directoryName: string) {
  const found = await db.ssoLogonSettings.findUnique({ where: { directoryName }, include: withCertificates });
  if (found || directoryName !== DEFAULT_DIRECTORY_NAME) return found;
  const settings = await logonSettings(DEFAULT_DIRECTORY_ID).catch((err) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
  return settings?.directoryName === directoryName ? settings : null;
}

export function findByAcsId(acsId: string) {
  return db.ssoLogonSettings.findUnique({ where: { acsId }, include: withCertificates });
}

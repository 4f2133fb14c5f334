import { invalidValue } from "./errors";
import { isPlainObject, normalizeResource, type Resource } from "./normalize";
import { USER_RESOURCE } from "./schemas";

/** CloudSSO's user limits (SPEC §2.2) applied to SCIM input, so both doors admit the same users. */
export const USER_NAME_MAX = 64;
const USER_NAME_CHARS = /^[A-Za-z0-9@_.-]+$/;
const NAME_PART_MAX = 64;
const DISPLAY_NAME_MAX = 256;
const EMAIL_MAX = 128;

/** The CloudSSO columns a SCIM User drives. */
export interface CloudSsoUserFields {
  userName: string;
  firstName: string;
  lastName: string;
  displayName: string;
  email: string;
  status: "Enabled" | "Disabled";
  externalId: string | null;
}

type Email = { value?: string; type?: string; primary?: boolean };

/** The email CloudSSO shows: the primary one, else the work one, else the first. */
export function primaryEmail(resource: Resource): string {
  const emails = Array.isArray(resource.emails) ? (resource.emails as Email[]) : [];
  const pick = emails.find((e) => e.primary === true) ?? emails.find((e) => e.type?.toLowerCase() === "work") ?? emails[0];
  return pick?.value ?? "";
}

/** Validates a normalized User; throws 400 invalidValue naming the attribute. */
export function validateUser(res: Resource): void {
  const userName = res.userName;
  if (typeof userName !== "string" || userName.trim() === "") throw invalidValue('Attribute "userName" is required.');
  if (userName.length > USER_NAME_MAX) throw invalidValue(`Attribute "userName" must be at most ${USER_NAME_MAX} characters.`);
  if (!USER_NAME_CHARS.test(userName)) {
    throw invalidValue('Attribute "userName" may contain only letters, digits and @ _ . - (CloudSSO username rules).');
  }
  const name = isPlainObject(res.name) ? res.name : {};
  for (const part of ["givenName", "familyName"] as const) {
    const v = name[part];
    if (typeof v === "string" && v.length > NAME_PART_MAX) throw invalidValue(`Attribute "name.${part}" must be at most ${NAME_PART_MAX} characters.`);
  }
  if (typeof res.displayName === "string" && res.displayName.length > DISPLAY_NAME_MAX) {
    throw invalidValue(`Attribute "displayName" must be at most ${DISPLAY_NAME_MAX} characters.`);
  }
  const emails = Array.isArray(res.emails) ? (res.emails as Email[]) : [];
  for (const e of emails) {
    if (typeof e.value !== "string" || e.value === "") throw invalidValue('Every "emails" value needs a "value".');
    if (e.value.length > EMAIL_MAX) throw invalidValue(`Attribute "emails.value" must be at most ${EMAIL_MAX} characters.`);
    if (!/^[^\s@]+@[^\s@]+$/.test(e.value)) throw invalidValue(`"${e.value}" is not a valid email address.`);
  }
}

/** Parses a POST/PUT body into a canonical, valid User (without id/meta/schemas). */
export function parseUserBody(body: unknown): Resource {
  if (!isPlainObject(body)) throw invalidValue("The request body must be a JSON object.");
  const res = normalizeResource(body, USER_RESOURCE);
  validateUser(res);
  return res;
}

export function userFields(res: Resource): CloudSsoUserFields {
  const name = isPlainObject(res.name) ? res.name : {};
  return {
    userName: res.userName as string,
    firstName: typeof name.givenName === "string" ? name.givenName : "",
    lastName: typeof name.familyName === "string" ? name.familyName : "",
    displayName: typeof res.displayName === "string" ? res.displayName : "",
    email: primaryEmail(res),
    status: res.active === false ? "Disabled" : "Enabled",
    externalId: typeof res.externalId === "string" && res.externalId !== "" ? res.externalId : null,
  };
}

/**
 * Lays the CloudSSO columns over the stored SCIM JSON. The columns win: the console may have
 * edited a user (manual users, or any user while SCIM is off) without touching the JSON.
 */
export function overlayUserFields(stored: Resource, f: CloudSsoUserFields): Resource {
  const res: Resource = { ...stored, userName: f.userName };
  if (f.externalId) res.externalId = f.externalId;
  else delete res.externalId;
  const name: Resource = isPlainObject(stored.name) ? { ...stored.name } : {};
  if (f.firstName) name.givenName = f.firstName;
  else delete name.givenName;
  if (f.lastName) name.familyName = f.lastName;
  else delete name.familyName;
  if (Object.keys(name).length > 0) res.name = name;
  else delete res.name;
  if (f.displayName) res.displayName = f.displayName;
  else delete res.displayName;
  res.active = f.status === "Enabled";
  const emails = Array.isArray(stored.emails) ? (stored.emails as Email[]).map((e) => ({ ...e })) : [];
  if (primaryEmail({ emails }).toLowerCase() !== f.email.toLowerCase()) {
    const current = primaryEmail({ emails });
    const idx = emails.findIndex((e) => e.value === current);
    if (f.email && idx >= 0) emails[idx].value = f.email;
    else if (f.email) emails.unshift({ value: f.email, type: "work", primary: true });
    else if (idx >= 0) emails.splice(idx, 1);
  }
  if (emails.length > 0) res.emails = emails;
  else delete res.emails;
  return res;
}

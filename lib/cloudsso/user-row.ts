import { isPlainObject, resourceFromJson, type Resource } from "@/lib/scim/normalize";
import { overlayUserFields, type CloudSsoUserFields } from "@/lib/scim/user-resource";

/**
 * The one rule for what a CloudSSO user row stores. The console (Prisma, users.ts) and the SCIM
 * store (SQL, scim-users.ts) both write exactly what storedUser() derives from the user's fields,
 * so lookups through either door agree.
 */
export interface UserColumns extends CloudSsoUserFields {
  userNameLower: string;
  displayNameLower: string;
  emailLower: string;
  scimJson: string;
}

export interface StoredUser {
  columns: UserColumns;
  /** The SsoUserEmail rows (the SCIM emails.value index). */
  emailKeys: string[];
}

/**
 * Case-insensitive lookup key: JavaScript's Unicode-aware lower-casing. SQLite's lower() folds
 * ASCII only, so lookup columns are never computed in SQL.
 */
export function lookupKey(value: string): string {
  return value.toLowerCase();
}

/** Every stored column of a user, and its email index rows, from its fields and SCIM JSON. */
export function storedUser(f: CloudSsoUserFields, scim: Resource | string): StoredUser {
  const resource = typeof scim === "string" ? resourceFromJson(scim) : scim;
  return {
    columns: {
      userName: f.userName,
      userNameLower: lookupKey(f.userName),
      firstName: f.firstName,
      lastName: f.lastName,
      displayName: f.displayName,
      displayNameLower: lookupKey(f.displayName),
      email: f.email,
      emailLower: lookupKey(f.email),
      status: f.status,
      externalId: f.externalId,
      scimJson: typeof scim === "string" ? scim : JSON.stringify(scim),
    },
    emailKeys: emailKeys(resource, f),
  };
}

/** A stored row's fields: the CloudSSO columns a SCIM representation is overlaid with. */
export function userFieldsOf(row: Omit<CloudSsoUserFields, "status"> & { status: string }): CloudSsoUserFields {
  return {
    userName: row.userName,
    firstName: row.firstName,
    lastName: row.lastName,
    displayName: row.displayName,
    email: row.email,
    status: row.status === "Disabled" ? "Disabled" : "Enabled",
    externalId: row.externalId,
  };
}

/**
 * Every email value the user's SCIM representation shows (the stored SCIM emails with the
 * CloudSSO columns laid over, as renderUser does), lower-cased and distinct.
 */
function emailKeys(stored: Resource, f: CloudSsoUserFields): string[] {
  const emails = overlayUserFields(stored, f).emails;
  if (!Array.isArray(emails)) return [];
  const keys = emails.map((e) => (isPlainObject(e) && typeof e.value === "string" ? lookupKey(e.value) : ""));
  return [...new Set(keys.filter((k) => k !== ""))];
}

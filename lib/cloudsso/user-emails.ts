import { isPlainObject, type Resource } from "@/lib/scim/normalize";
import { overlayUserFields, type CloudSsoUserFields } from "@/lib/scim/user-resource";

/**
 * The SsoUserEmail rows of a user: every email value its SCIM representation shows (the stored
 * SCIM emails with the CloudSSO columns laid over, as renderUser does), lower-cased and distinct.
 * Shared by the SCIM store and the console so both doors keep the index in step.
 */
export function emailKeys(stored: Resource | string, f: CloudSsoUserFields): string[] {
  const emails = overlayUserFields(typeof stored === "string" ? parse(stored) : stored, f).emails;
  if (!Array.isArray(emails)) return [];
  const keys = emails.map((e) => (isPlainObject(e) && typeof e.value === "string" ? e.value.toLowerCase() : ""));
  return [...new Set(keys.filter((k) => k !== ""))];
}

function parse(json: string): Resource {
  try {
    const v = JSON.parse(json);
    return isPlainObject(v) ? v : {};
  } catch {
    return {};
  }
}

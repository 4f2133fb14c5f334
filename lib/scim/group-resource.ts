import { invalidValue } from "./errors";
import { isPlainObject, normalizeResource, type Resource } from "./normalize";
import { GROUP_RESOURCE } from "./schemas";

export const GROUP_NAME_MAX = 128;

export interface GroupMemberInput {
  value: string;
}

/** Validates a normalized Group; members must be users (CloudSSO has no nested groups). */
export function validateGroup(res: Resource): void {
  const name = res.displayName;
  if (typeof name !== "string" || name.trim() === "") throw invalidValue('Attribute "displayName" is required.');
  if (name.length > GROUP_NAME_MAX) throw invalidValue(`Attribute "displayName" must be at most ${GROUP_NAME_MAX} characters.`);
  const members = Array.isArray(res.members) ? res.members : [];
  for (const m of members) {
    if (!isPlainObject(m) || typeof m.value !== "string" || m.value === "") throw invalidValue('Every "members" value needs a "value" (a User id).');
    if (typeof m.type === "string" && m.type.toLowerCase() !== "user") {
      throw invalidValue(`Member "${m.value}" has type "${m.type}"; CloudSSO groups can only contain users.`);
    }
  }
}

export function parseGroupBody(body: unknown): Resource {
  if (!isPlainObject(body)) throw invalidValue("The request body must be a JSON object.");
  const res = normalizeResource(body, GROUP_RESOURCE);
  validateGroup(res);
  return res;
}

/** Distinct member ids in the order given. */
export function memberIds(res: Resource): string[] {
  const members = Array.isArray(res.members) ? (res.members as { value: string }[]) : [];
  return [...new Set(members.map((m) => m.value))];
}

import type { MappingRule } from "@/lib/idaas/provisioning/config/config-types";

/** CloudSSO's default Field Mapping (SPEC §3.3). */
export const DEFAULT_CLOUDSSO_USER_MAPPING: readonly MappingRule[] = Object.freeze([
  { target: "userName", type: "field", source: "username" },
  { target: "name.givenName", type: "field", source: "givenName" },
  { target: "name.familyName", type: "field", source: "familyName" },
  { target: "displayName", type: "field", source: "displayName" },
  { target: 'emails[type eq "work"].value', type: "field", source: "email" },
  { target: "active", type: "expression", source: 'status == "Enabled"' },
  { target: "externalId", type: "field", source: "id" },
]);

export const DEFAULT_GROUP_MAPPING: readonly MappingRule[] = Object.freeze([
  { target: "displayName", type: "field", source: "name" },
  { target: "externalId", type: "field", source: "id" },
]);

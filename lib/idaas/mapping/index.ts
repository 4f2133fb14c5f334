/**
 * Field Mapping: turns IDaaS accounts and groups into SCIM resources by the rules an admin edits
 * on the Provisioning tab. Pure (no database, no network); syntax in docs/field-mapping.md.
 */
export { DEFAULT_CLOUDSSO_USER_MAPPING, DEFAULT_GROUP_MAPPING } from "./defaults";
export { validateMapping, mapUser, mapGroup, MappingError, MAX_MAPPING_RULES, type MappingIssue } from "./map-resource";
export { hashResource, canonicalJson } from "./hash";
export {
  compileExpression,
  ExpressionError,
  EXPRESSION_FUNCTIONS,
  MAX_EXPRESSION_LENGTH,
  type CompiledExpression,
} from "./expression";
export {
  ACCOUNT_FIELDS,
  GROUP_FIELDS,
  type AccountField,
  type GroupField,
  type MappingAccount,
  type MappingGroup,
  type MappingKind,
} from "./fields";
export { parseTargetPath, TargetPathError, ENTERPRISE_USER_SCHEMA, type TargetPath } from "./target-path";
export type { MappingRule } from "@/lib/idaas/provisioning/config/config-types";

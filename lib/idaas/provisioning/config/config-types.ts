import type { OperationKey } from "./operations";

/** A Field Mapping row: SCIM target attribute ← source (field name, expression, or constant). */
export interface MappingRule {
  target: string;
  type: "field" | "expression" | "constant";
  source: string;
}

/** The saved settings both the engine and the Provisioning tab read. */
export interface ProvisioningSettings {
  operations: OperationKey[];
  fullScope: { accounts: boolean; groups: boolean };
  userMapping: MappingRule[];
  groupMapping: MappingRule[];
  /** SCIM attribute used to find an existing remote user before creating one (default userName). */
  matchAttribute: string;
  scope: { unitIds: string[]; groupIds: string[] };
}

/** Everything the engine needs to push to one application, with the token decrypted. */
export interface ProvisioningTarget extends ProvisioningSettings {
  applicationId: string;
  applicationName: string;
  applicationEnabled: boolean;
  provisioningEnabled: boolean;
  scimServerUrl: string;
  bearerToken: string;
}

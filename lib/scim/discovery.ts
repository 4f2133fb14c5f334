import { listResponse } from "./list-request";
import { ALL_SCHEMAS, RESOURCE_TYPES, type AttributeDef, type ResourceTypeDef, type SchemaDef } from "./schemas";
import { MAX_PAGE_SIZE } from "./list-request";

/** Discovery documents (RFC 7644 §4): they state exactly what this server does. */
export const SPC_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
export const RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
export const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri: "https://www.rfc-editor.org/rfc/rfc7644",
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "OAuth Bearer Token",
        description: "A CloudSSO SCIM credential sent as Authorization: Bearer <secret>.",
        specUri: "https://www.rfc-editor.org/rfc/rfc6750",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypeDocument(rt: ResourceTypeDef, baseUrl: string) {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: rt.name,
    name: rt.name,
    endpoint: rt.endpoint,
    description: rt.description,
    schema: rt.schema.id,
    ...(rt.extensions.length > 0 ? { schemaExtensions: rt.extensions.map((e) => ({ schema: e.schema.id, required: e.required })) } : {}),
    meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/${rt.name}` },
  };
}

export function resourceTypesList(baseUrl: string) {
  const docs = RESOURCE_TYPES.map((rt) => resourceTypeDocument(rt, baseUrl));
  return listResponse(docs, docs.length, 1);
}

export function findResourceType(id: string): ResourceTypeDef | undefined {
  return RESOURCE_TYPES.find((rt) => rt.name.toLowerCase() === id.toLowerCase());
}

function attributeDocument(a: AttributeDef): Record<string, unknown> {
  return {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued,
    description: a.description,
    required: a.required,
    caseExact: a.caseExact,
    mutability: a.mutability,
    returned: a.returned,
    uniqueness: a.uniqueness,
    ...(a.canonicalValues && a.canonicalValues.length > 0 ? { canonicalValues: a.canonicalValues } : {}),
    ...(a.referenceTypes ? { referenceTypes: a.referenceTypes } : {}),
    ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attributeDocument) } : {}),
  };
}

export function schemaDocument(s: SchemaDef, baseUrl: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: s.id,
    name: s.name,
    description: s.description,
    attributes: s.attributes.map(attributeDocument),
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${s.id}` },
  };
}

export function schemasList(baseUrl: string) {
  const docs = ALL_SCHEMAS.map((s) => schemaDocument(s, baseUrl));
  return listResponse(docs, docs.length, 1);
}

export function findSchema(id: string): SchemaDef | undefined {
  return ALL_SCHEMAS.find((s) => s.id.toLowerCase() === id.toLowerCase());
}

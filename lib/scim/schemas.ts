/**
 * The User, EnterpriseUser and Group schemas (RFC 7643 §4, §8.7.1) as data: discovery publishes
 * them, and validation, filtering, PATCH and projection read types, caseExact, mutability and
 * `returned` from them so every layer agrees.
 */
export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const SEARCH_REQUEST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
export const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

export type AttributeType = "string" | "boolean" | "decimal" | "integer" | "dateTime" | "reference" | "binary" | "complex";
export type Mutability = "readOnly" | "readWrite" | "immutable" | "writeOnly";
export type Returned = "always" | "never" | "default" | "request";

export interface AttributeDef {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: "none" | "server" | "global";
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDef[];
}

export interface SchemaDef {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDef[];
}

type Opts = Partial<Omit<AttributeDef, "name" | "type">>;

function attr(name: string, type: AttributeType, description: string, o: Opts = {}): AttributeDef {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: "readWrite",
    returned: "default",
    uniqueness: "none",
    ...o,
  };
}

const str = (name: string, description: string, o: Opts = {}) => attr(name, "string", description, o);

/** value/display/type/primary: the shape shared by emails, phoneNumbers, ims, photos… */
function multiValuedComplex(name: string, description: string, valueType: AttributeType, types: string[]): AttributeDef {
  return attr(name, "complex", description, {
    multiValued: true,
    subAttributes: [
      attr("value", valueType, `The value of ${name}.`, valueType === "reference" ? { referenceTypes: ["external"] } : {}),
      str("display", "A human-readable name, primarily used for display purposes."),
      str("type", "A label indicating the attribute's function.", { canonicalValues: types }),
      attr("primary", "boolean", "Indicates the 'primary' or preferred attribute value."),
    ],
  });
}

export const COMMON_ATTRIBUTES: AttributeDef[] = [
  str("id", "Unique identifier for the resource, assigned by the service provider.", {
    caseExact: true,
    mutability: "readOnly",
    returned: "always",
    uniqueness: "server",
  }),
  str("externalId", "Identifier of the resource as defined by the provisioning client.", { caseExact: true }),
  attr("meta", "complex", "Resource metadata.", {
    mutability: "readOnly",
    subAttributes: [
      str("resourceType", "The name of the resource type.", { caseExact: true, mutability: "readOnly" }),
      attr("created", "dateTime", "When the resource was added.", { mutability: "readOnly" }),
      attr("lastModified", "dateTime", "When the resource was last changed.", { mutability: "readOnly" }),
      attr("location", "reference", "The URI of the resource.", { caseExact: true, mutability: "readOnly", referenceTypes: ["uri"] }),
      str("version", "The version (ETag) of the resource.", { caseExact: true, mutability: "readOnly" }),
    ],
  }),
];

export const USER_SCHEMA_DEF: SchemaDef = {
  id: USER_SCHEMA,
  name: "User",
  description: "User Account",
  attributes: [
    str("userName", "Unique identifier for the User, used to sign in. Case-insensitive; at most 64 of A-Z a-z 0-9 @ _ . -.", {
      required: true,
      uniqueness: "server",
    }),
    attr("name", "complex", "The components of the user's real name.", {
      subAttributes: [
        str("formatted", "The full name."),
        str("familyName", "The family name (CloudSSO last name, at most 64 characters)."),
        str("givenName", "The given name (CloudSSO first name, at most 64 characters)."),
        str("middleName", "The middle name(s)."),
        str("honorificPrefix", "The honorific prefix(es)."),
        str("honorificSuffix", "The honorific suffix(es)."),
      ],
    }),
    str("displayName", "The name of the User, suitable for display (at most 256 characters)."),
    str("nickName", "The casual way to address the user."),
    attr("profileUrl", "reference", "A fully qualified URL to the user's online profile.", { referenceTypes: ["external"] }),
    str("title", "The user's title."),
    str("userType", "The relationship between the organization and the user."),
    str("preferredLanguage", "The user's preferred written or spoken language."),
    str("locale", "The user's default location for localization."),
    str("timezone", "The user's time zone in IANA format."),
    attr("active", "boolean", "The user's administrative status (CloudSSO Enabled/Disabled)."),
    str("password", "Not supported by CloudSSO; accepted and discarded.", { mutability: "writeOnly", returned: "never" }),
    multiValuedComplex("emails", "Email addresses; the primary one is the CloudSSO email (at most 128 characters).", "string", ["work", "home", "other"]),
    multiValuedComplex("phoneNumbers", "Phone numbers.", "string", ["work", "home", "mobile", "fax", "pager", "other"]),
    multiValuedComplex("ims", "Instant messaging addresses.", "string", ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]),
    multiValuedComplex("photos", "URLs of photos of the user.", "reference", ["photo", "thumbnail"]),
    attr("addresses", "complex", "Physical mailing addresses.", {
      multiValued: true,
      subAttributes: [
        str("formatted", "The full mailing address."),
        str("streetAddress", "The street address."),
        str("locality", "The city or locality."),
        str("region", "The state or region."),
        str("postalCode", "The zip code or postal code."),
        str("country", "The country name component."),
        str("type", "A label indicating the attribute's function.", { canonicalValues: ["work", "home", "other"] }),
        attr("primary", "boolean", "Indicates the primary address."),
      ],
    }),
    attr("groups", "complex", "Groups the user belongs to (read-only; change membership on the Group).", {
      multiValued: true,
      mutability: "readOnly",
      subAttributes: [
        str("value", "The identifier of the group.", { mutability: "readOnly" }),
        attr("$ref", "reference", "The URI of the group.", { mutability: "readOnly", referenceTypes: ["Group"] }),
        str("display", "The group's display name.", { mutability: "readOnly" }),
        str("type", "direct or indirect.", { mutability: "readOnly", canonicalValues: ["direct", "indirect"] }),
      ],
    }),
    multiValuedComplex("entitlements", "Entitlements of the user.", "string", []),
    multiValuedComplex("roles", "Roles of the user.", "string", []),
    multiValuedComplex("x509Certificates", "Certificates of the user.", "binary", []),
  ],
};

export const ENTERPRISE_USER_SCHEMA_DEF: SchemaDef = {
  id: ENTERPRISE_USER_SCHEMA,
  name: "EnterpriseUser",
  description: "Enterprise User",
  attributes: [
    str("employeeNumber", "Numeric or alphanumeric identifier assigned to a person."),
    str("costCenter", "Identifies the name of a cost center."),
    str("organization", "Identifies the name of an organization."),
    str("division", "Identifies the name of a division."),
    str("department", "Identifies the name of a department."),
    attr("manager", "complex", "The user's manager.", {
      subAttributes: [
        str("value", "The id of the manager's User resource."),
        attr("$ref", "reference", "The URI of the manager's User resource.", { referenceTypes: ["User"] }),
        str("displayName", "The manager's display name.", { mutability: "readOnly" }),
      ],
    }),
  ],
};

export const GROUP_SCHEMA_DEF: SchemaDef = {
  id: GROUP_SCHEMA,
  name: "Group",
  description: "Group",
  attributes: [
    str("displayName", "The group name (unique, case-insensitive, at most 128 characters).", { required: true, uniqueness: "server" }),
    attr("members", "complex", "The users in the group. Omitted from lists unless requested.", {
      multiValued: true,
      subAttributes: [
        str("value", "The id of a User in this directory.", { mutability: "immutable", caseExact: true }),
        attr("$ref", "reference", "The URI of the member.", { mutability: "immutable", referenceTypes: ["User"] }),
        str("display", "The member's display name.", { mutability: "readOnly" }),
        str("type", "The member type; CloudSSO groups hold users only.", { mutability: "immutable", canonicalValues: ["User"] }),
      ],
    }),
  ],
};

export type ResourceTypeName = "User" | "Group";

export interface ResourceTypeDef {
  name: ResourceTypeName;
  endpoint: string;
  description: string;
  schema: SchemaDef;
  extensions: { schema: SchemaDef; required: boolean }[];
}

export const USER_RESOURCE: ResourceTypeDef = {
  name: "User",
  endpoint: "/Users",
  description: "User Account",
  schema: USER_SCHEMA_DEF,
  extensions: [{ schema: ENTERPRISE_USER_SCHEMA_DEF, required: false }],
};

export const GROUP_RESOURCE: ResourceTypeDef = {
  name: "Group",
  endpoint: "/Groups",
  description: "Group",
  schema: GROUP_SCHEMA_DEF,
  extensions: [],
};

export const RESOURCE_TYPES: ResourceTypeDef[] = [USER_RESOURCE, GROUP_RESOURCE];
export const ALL_SCHEMAS: SchemaDef[] = [USER_SCHEMA_DEF, GROUP_SCHEMA_DEF, ENTERPRISE_USER_SCHEMA_DEF];

export function resourceType(name: ResourceTypeName): ResourceTypeDef {
  return name === "User" ? USER_RESOURCE : GROUP_RESOURCE;
}

/** Per attribute list, its attributes by lower-cased name (the lists are fixed data). */
const byLowerName = new WeakMap<readonly AttributeDef[], Map<string, AttributeDef>>();

/** The attribute of that name, case-insensitively: a map lookup (rendering calls this per key). */
export function findAttribute(attrs: readonly AttributeDef[], name: string): AttributeDef | undefined {
  let index = byLowerName.get(attrs);
  if (!index) {
    index = new Map();
    for (const a of attrs) if (!index.has(a.name.toLowerCase())) index.set(a.name.toLowerCase(), a);
    byLowerName.set(attrs, index);
  }
  return index.get(name.toLowerCase());
}

const coreOf = new WeakMap<ResourceTypeDef, readonly AttributeDef[]>();

/** Attributes at the top level of a resource of this type (core schema + common); one shared list. */
export function coreAttributes(rt: ResourceTypeDef): readonly AttributeDef[] {
  let core = coreOf.get(rt);
  if (!core) {
    core = Object.freeze([...COMMON_ATTRIBUTES, ...rt.schema.attributes]);
    coreOf.set(rt, core);
  }
  return core;
}

/** The extension schema whose URN a key names (case-insensitively), if any. */
export function extensionFor(rt: ResourceTypeDef, key: string): SchemaDef | undefined {
  const lower = key.toLowerCase();
  return rt.extensions.find((e) => e.schema.id.toLowerCase() === lower)?.schema;
}

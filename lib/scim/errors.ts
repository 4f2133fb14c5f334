/** SCIM protocol errors (RFC 7644 §3.12): one class, mapped to a response body once, at the edge. */
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

export type ScimType =
  | "invalidFilter"
  | "tooMany"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers"
  | "sensitive";

export interface ScimErrorBody {
  schemas: [typeof ERROR_SCHEMA];
  status: string;
  scimType?: ScimType;
  detail: string;
}

export interface ScimErrorOptions {
  /** Response headers the error calls for, e.g. Allow on a 405 or WWW-Authenticate on a 401. */
  headers?: Record<string, string>;
}

export class ScimError extends Error {
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    detail: string,
    options: ScimErrorOptions = {},
  ) {
    super(detail);
    this.name = "ScimError";
    this.headers = { ...options.headers };
  }

  get detail(): string {
    return this.message;
  }

  toBody(): ScimErrorBody {
    return scimErrorBody(this.status, this.scimType, this.message);
  }
}

export function scimErrorBody(status: number, scimType: ScimType | undefined, detail: string): ScimErrorBody {
  // RFC 7644 §3.12 carries the status as a string.
  return { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

/** A path with malformed percent-encoding (`/scim/v2/Users/%ZZ`): answered 400 before any routing. */
export const MALFORMED_PATH_DETAIL = "The request path is not valid percent-encoded UTF-8.";

export const invalidValue = (detail: string) => new ScimError(400, "invalidValue", detail);
export const invalidPath = (detail: string) => new ScimError(400, "invalidPath", detail);
export const invalidFilter = (detail: string) => new ScimError(400, "invalidFilter", detail);
export const noTarget = (detail: string) => new ScimError(400, "noTarget", detail);
export const mutability = (detail: string) => new ScimError(400, "mutability", detail);
export const invalidSyntax = (detail: string) => new ScimError(400, "invalidSyntax", detail);
export const uniqueness = (detail: string) => new ScimError(409, "uniqueness", detail);
export const notFound = (detail: string) => new ScimError(404, undefined, detail);

import { ScimError, invalidSyntax, invalidValue } from "./errors";

/** Request body rules shared by every SCIM write: size, media type, JSON. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * application/scim+json, application/json (any +json), or no Content-Type at all are accepted;
 * text/plain too, because that is what fetch() labels a bare string body with.
 */
export function acceptableContentType(contentType: string | null): boolean {
  if (!contentType || contentType.trim() === "") return true;
  const media = contentType.split(";")[0].trim().toLowerCase();
  return media === "application/json" || media === "application/scim+json" || media.endsWith("+json") || media === "text/json" || media === "text/plain";
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") throw invalidSyntax("The request body is empty; a JSON object is required.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalidSyntax(`The request body is not valid JSON: ${(err as Error).message}`);
  }
  assertWellFormedText(value);
  return value;
}

/**
 * JSON escapes can spell unpaired surrogates ("\ud800") that are not Unicode text: SQLite stores
 * them as U+FFFD in the columns while the stored JSON keeps the escape, so the two disagree.
 * Refused up front. Iterative, because bodies may nest deeply.
 */
function assertWellFormedText(root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (!v.isWellFormed()) throw invalidValue("The request body contains a string with an unpaired UTF-16 surrogate, which is not valid Unicode text.");
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) stack.push(k, x);
    }
  }
}

export const payloadTooLarge = () => new ScimError(413, undefined, `The request body is larger than ${MAX_BODY_BYTES} bytes (1 MiB).`);
export const unsupportedMediaType = (ct: string) =>
  new ScimError(415, undefined, `Content-Type "${ct}" is not supported; send application/scim+json or application/json.`);

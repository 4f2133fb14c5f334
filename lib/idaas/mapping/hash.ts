import { createHash } from "node:crypto";

/**
 * Canonical JSON (object keys sorted at every level, undefined dropped, array order kept) so two
 * equal resources hash equally whatever order their rules or properties were written in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value));
}

function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonicalize(v)));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonicalize(v);
    }
    return out;
  }
  return value;
}

/** SHA-256 (hex) of the canonical JSON: Push Now skips objects whose hash did not change. */
export function hashResource(resource: unknown): string {
  return createHash("sha256").update(canonicalJson(resource), "utf8").digest("hex");
}

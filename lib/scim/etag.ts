/** Weak ETags from resource versions (RFC 7644 §3.14). */
export function etag(version: number): string {
  return `W/"${version}"`;
}

function tags(header: string): string[] {
  return header.split(",").map((t) => t.trim()).filter(Boolean);
}

/** Weak comparison: W/"3" and "3" denote the same version. */
function opaque(tag: string): string {
  return tag.replace(/^W\//i, "");
}

/** If-Match holds when absent, "*", or naming the current version. */
export function ifMatchHolds(header: string | null, version: number): boolean {
  if (!header) return true;
  const current = opaque(etag(version));
  return tags(header).some((t) => t === "*" || opaque(t) === current);
}

/** If-None-Match names the current version (or "*"): a GET may answer 304. */
export function ifNoneMatchHits(header: string | null, version: number): boolean {
  if (!header) return false;
  const current = opaque(etag(version));
  return tags(header).some((t) => t === "*" || opaque(t) === current);
}

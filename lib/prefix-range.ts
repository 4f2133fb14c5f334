/**
 * A case-insensitive "starts with" that a SQLite index can serve: a range on a lower-cased lookup
 * column. (Prisma's startsWith is LIKE 'x%', which SQLite only serves from an index on a NOCASE
 * column; the lookup columns are plain text lower-cased in JavaScript.) U+10FFFF is the highest
 * code point, so every value that starts with the prefix sorts below prefix + U+10FFFF.
 */
export function prefixRange(lowerPrefix: string): { gte: string; lt: string } {
  return { gte: lowerPrefix, lt: `${lowerPrefix}\u{10FFFF}` };
}

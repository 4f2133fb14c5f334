import { Prisma } from "@/lib/generated/prisma/client";

/**
 * True when `err` is a unique-constraint violation (P2002) on a constraint that involves
 * `field`. Pre-checks catch the usual duplicates with a friendly message; this catches the race
 * where two requests pass the pre-check at once. With driver adapters the constraint fields sit
 * in different places of `meta` depending on the adapter, so the whole `meta` is searched.
 */
export function isUniqueViolation(err: unknown, field: string): boolean {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError) || err.code !== "P2002") return false;
  return JSON.stringify(err.meta ?? {}).includes(field);
}

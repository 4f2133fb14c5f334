/**
 * The reliability suites run full-size with RELIABILITY_FULL=1 (`npm run test:reliability`) and as
 * a fast subset of the same cases inside `npm test`.
 */
export const FULL_RUN = process.env.RELIABILITY_FULL === "1";

export function runSize(full: number, fast: number): number {
  return FULL_RUN ? full : fast;
}

// The production server's heap bound, shared by `npm start` (scripts/start.mjs) and the test and
// benchmark harness (tests/setup/server.ts), so what is measured is what runs.
//
// With Node's default limit (a share of the machine's memory: about 4 GB here) V8 lets garbage
// pile up before it collects: a 100,000-account Push Now peaked at 705–828 MB RSS with a live set
// far smaller. With 320 MB of old space the same push peaks at about 390 MB RSS and takes 194 s
// instead of 177 s (docs/benchmarks.md). SERVER_HEAP_MB changes it; an explicit
// --max-old-space-size in NODE_OPTIONS wins.
export const DEFAULT_SERVER_HEAP_MB = 320;

/** NODE_OPTIONS for the server process, from the environment it would inherit. */
export function serverNodeOptions(env) {
  const current = env.NODE_OPTIONS ?? "";
  if (/--max-old-space-size/.test(current)) return current;
  const mb = Number(env.SERVER_HEAP_MB) || DEFAULT_SERVER_HEAP_MB;
  return `${current} --max-old-space-size=${mb}`.trim();
}

// The production server: `node scripts/server.mjs -p <port> [-H <hostname>]`, in place of
// `next start`. npm start (scripts/start.mjs), the demo, Playwright and the test harness all run
// this one. It is Next.js behind Node's HTTP server, with one difference: /scim/v2 requests go
// straight to CloudSSO's SCIM server (lib/cloudsso/scim-node.ts, registered by
// instrumentation.ts), past Next's routing, which costs more per request than a page of 100 users
// (docs/benchmarks.md, "Direct SCIM path"). Whatever that path leaves (and everything else) Next
// answers as `next start` would. `npm run dev` keeps `next dev`, where SCIM takes the Next route.
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import next from "next";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;
process.env.NODE_ENV ??= "production";

const started = performance.now();
// The project is this script's parent folder, wherever it is started from.
const app = next({ dev: false, dir: path.join(import.meta.dirname, ".."), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const at = { hostname, port };
const DIRECT = Symbol.for("cloudsso.scim.direct");

const server = http.createServer((req, res) => {
  // Registered once the server process has started (instrumentation.ts); until then, and in a
  // build without it, Next answers /scim/v2 too, after waiting for that start like any route.
  if (globalThis[DIRECT]?.(req, res, at)) return;
  handle(req, res);
});
server.on("error", (err) => {
  console.error(err.code === "EADDRINUSE" ? `Port ${port} is in use: set PORT to another one.` : err);
  process.exit(1);
});
server.listen(port, hostname, () => {
  const shown = !hostname || hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname.includes(":") ? `[${hostname}]` : hostname;
  console.log(`  - Local: http://${shown}:${port}`);
  console.log(` ✓ Ready in ${Math.round(performance.now() - started)}ms`);
});
// The exit codes `next start` uses for these signals.
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));

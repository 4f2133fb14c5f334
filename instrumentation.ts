/** Runs once per server process: database pragmas, the administrator, background workers. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerProcess } = await import("@/lib/server-start");
  await startServerProcess();
  // scripts/server.mjs answers /scim/v2 through this, past Next's routing (lib/cloudsso/scim-node.ts).
  const { serveScimDirect, SCIM_DIRECT_KEY } = await import("@/lib/cloudsso/scim-node");
  (globalThis as Record<symbol, unknown>)[SCIM_DIRECT_KEY] = serveScimDirect;
}

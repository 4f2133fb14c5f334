/** Runs once per server process: database pragmas, the administrator, background workers. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerProcess } = await import("@/lib/server-start");
  await startServerProcess();
}

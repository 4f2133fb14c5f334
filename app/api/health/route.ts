import { db, ensurePragmas } from "@/lib/db";

export const dynamic = "force-dynamic";

/** Liveness + database reachability, used by tests and process supervisors. */
export async function GET() {
  await ensurePragmas();
  await db.$queryRawUnsafe("SELECT 1");
  return Response.json({ status: "ok" });
}

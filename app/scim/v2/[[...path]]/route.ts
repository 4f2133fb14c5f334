import { handleScimRequest } from "@/lib/cloudsso/scim-handler";

/**
 * CloudSSO's SCIM 2.0 server; the protocol lives in lib/scim, storage in lib/cloudsso. Under
 * `npm start` the production server answers /scim/v2 before Next routes it
 * (lib/cloudsso/scim-node.ts); this route serves `next dev` and what that path leaves to Next.
 */
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Ctx = { params: Promise<{ path?: string[] }> };

async function handle(req: Request, { params }: Ctx): Promise<Response> {
  const { path = [] } = await params;
  return handleScimRequest(req, path);
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };

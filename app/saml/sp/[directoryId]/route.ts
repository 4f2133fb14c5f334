import { NextResponse } from "next/server";
import { NotFoundError } from "@/lib/errors";
import { spMetadataXml } from "@/lib/cloudsso/sso/entities";
import { logonSettings } from "@/lib/cloudsso/sso/settings";
import { publicOrigin } from "@/lib/saml/public-origin";

export const dynamic = "force-dynamic";

/** The SP Entity ID resolves to the SP metadata (public, as SAML metadata is). */
export async function GET(req: Request, ctx: { params: Promise<{ directoryId: string }> }) {
  const { directoryId } = await ctx.params;
  try {
    const xml = spMetadataXml(await logonSettings(directoryId), publicOrigin(req));
    return new NextResponse(xml, { headers: { "content-type": "application/samlmetadata+xml; charset=utf-8", "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof NotFoundError) return new NextResponse("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
    throw err;
  }
}

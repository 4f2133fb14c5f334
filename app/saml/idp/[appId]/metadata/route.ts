import { db } from "@/lib/db";
import { idpMetadata } from "@/lib/idaas/sso/idp";
import { SSO_TEMPLATE_ID } from "@/lib/idaas/sso/settings";
import { publicOrigin } from "@/lib/saml/public-origin";

type Ctx = { params: Promise<{ appId: string }> };

/**
 * The IdP metadata of a CloudSSO application (public, as IdP metadata is: it holds the Entity ID,
 * the SSO URL and the signing certificate, no secret). `?download=1` saves it as a file.
 */
export async function GET(req: Request, ctx: Ctx) {
  const { appId } = await ctx.params;
  const app = await db.idaasApplication.findUnique({ where: { id: appId }, select: { templateId: true } });
  if (!app || app.templateId !== SSO_TEMPLATE_ID) {
    return new Response("No SAML application at this address.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const xml = await idpMetadata(publicOrigin(req), appId);
  const headers: Record<string, string> = { "content-type": "application/samlmetadata+xml; charset=utf-8", "cache-control": "no-store" };
  if (new URL(req.url).searchParams.has("download")) {
    headers["content-disposition"] = `attachment; filename="idaas-idp-metadata-${appId.replace(/[^A-Za-z0-9_-]/g, "")}.xml"`;
  }
  return new Response(xml, { headers });
}

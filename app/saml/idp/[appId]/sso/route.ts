import { refusalResponse } from "@/lib/idaas/sso/html";
import { handleSso } from "@/lib/idaas/sso/sso-endpoint";

type Ctx = { params: Promise<{ appId: string }> };

/** The IDaaS IdP's SSO URL: SP-initiated (HTTP-Redirect GET or HTTP-POST) and IdP-initiated (no SAMLRequest). */
async function sso(req: Request, ctx: Ctx): Promise<Response> {
  try {
    return await handleSso(req, (await ctx.params).appId);
  } catch (err) {
    console.error("IDaaS SSO error:", err instanceof Error ? err.message : err);
    return refusalResponse(500, "Sign-in failed", "The sign-in could not be completed. Try again from the IDaaS user portal.");
  }
}

export const GET = sso;
export const POST = sso;

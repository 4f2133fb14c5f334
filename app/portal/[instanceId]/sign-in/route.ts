import { portalSignIn } from "@/lib/idaas/portal/sign-in";

type Ctx = { params: Promise<{ instanceId: string }> };

/** The IDaaS user portal's sign-in form post (its own session; never the console's). */
export async function POST(req: Request, ctx: Ctx) {
  return portalSignIn(req, (await ctx.params).instanceId);
}

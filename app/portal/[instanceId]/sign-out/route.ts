import { portalSignOut } from "@/lib/idaas/portal/sign-in";

type Ctx = { params: Promise<{ instanceId: string }> };

export async function POST(req: Request, ctx: Ctx) {
  return portalSignOut(req, (await ctx.params).instanceId);
}

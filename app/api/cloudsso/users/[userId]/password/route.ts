import { consoleApi, parseBody } from "@/lib/api-handler";
import { hasPortalPassword, setPortalPassword } from "@/lib/cloudsso/portal/password";
import { portalPasswordSchema } from "@/lib/cloudsso/sso/schemas";

export const dynamic = "force-dynamic";

/** Whether the user has a portal password (never the password itself). */
export const GET = consoleApi<{ userId: string }>(async (_req, { params }) => ({ hasPassword: await hasPortalPassword(params.userId) }));

/** Set Password: the user's password for username-password logon to the CloudSSO user portal. */
export const PUT = consoleApi<{ userId: string }>(async (req, { params }) => {
  const { password } = await parseBody(req, portalPasswordSchema);
  await setPortalPassword(params.userId, password);
  return { hasPassword: true };
});

import "server-only";
import { db } from "@/lib/db";
import { identityProviders, serviceProvider } from "./entities";
import type { LogonSettings } from "./settings";

/** How long an SP-initiated logon request waits for its response. */
const REQUEST_TTL_MS = 10 * 60 * 1000;

/**
 * Redirect (SP-initiated SSO): an unsigned AuthnRequest in the HTTP-Redirect binding to the IdP's
 * Logon URL. Its ID is kept so the response's InResponseTo can be checked once.
 */
export async function startSpInitiatedLogon(settings: LogonSettings, origin: string): Promise<string | null> {
  const [idp] = identityProviders(settings);
  if (!settings.ssoEnabled || !idp) return null;
  const { id, context } = serviceProvider(settings, origin).createLoginRequest(idp, "redirect");
  await db.ssoSamlRequest.create({ data: { id, directoryId: settings.directoryId, expiresAt: new Date(Date.now() + REQUEST_TTL_MS) } });
  return context;
}

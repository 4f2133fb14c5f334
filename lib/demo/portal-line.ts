import "server-only";
import { db } from "@/lib/db";
import { DEFAULT_INSTANCE_ID } from "@/lib/idaas/instance";
import { portalPath } from "@/lib/idaas/sso/urls";
import { DEMO_ACCOUNT_PASSWORD, DEMO_ACCOUNTS } from "./sample-directory";

/**
 * The start-up line that tells a trainer where the IDaaS user portal is and how the sample accounts
 * sign in; null when the sample accounts are not there (SAMPLE_DATA=off, or deleted).
 */
export async function portalStartLine(origin: string): Promise<string | null> {
  const sample = DEMO_ACCOUNTS[0];
  const present = await db.idaasAccount.findFirst({ where: { id: sample.id, instanceId: DEFAULT_INSTANCE_ID }, select: { id: true } });
  if (!present) return null;
  return (
    `IDaaS user portal: ${origin}${portalPath(DEFAULT_INSTANCE_ID)} — sample accounts (e.g. ${sample.username}) ` +
    `sign in with the password ${DEMO_ACCOUNT_PASSWORD} until an administrator resets it.`
  );
}

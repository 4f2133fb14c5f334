import type { Prisma } from "@/lib/generated/prisma/client";

type Db = { idaasAccount: { createMany(args: { data: Prisma.IdaasAccountCreateManyInput[] }): Promise<unknown> } };

/** An account as a test or benchmark seeds it: the lookup columns are derived as the console writes them. */
export type SeedAccount = Omit<Prisma.IdaasAccountCreateManyInput, "instanceId" | "usernameLower" | "emailLower">;

/**
 * Accounts straight into the tables, as an import fills them (no outbox events: what moves them is
 * the Push Now under test), 1,000 per statement.
 */
export async function seedAccounts(db: Db, instanceId: string, accounts: SeedAccount[]): Promise<void> {
  for (let i = 0; i < accounts.length; i += 1000) {
    await db.idaasAccount.createMany({
      data: accounts.slice(i, i + 1000).map((a) => ({
        ...a,
        instanceId,
        usernameLower: a.username.toLowerCase(),
        emailLower: a.email ? a.email.toLowerCase() : null,
      })),
    });
  }
}

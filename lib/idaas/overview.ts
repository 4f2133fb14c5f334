import "server-only";
import { db } from "@/lib/db";
import { getInstance } from "./instance";

export interface DirectoryCounts {
  units: number;
  accounts: number;
  enabledAccounts: number;
  groups: number;
  applications: number;
}

/** Figures for the instance Overview page. */
export async function directoryCounts(instanceId: string): Promise<DirectoryCounts> {
  await getInstance(instanceId);
  const [units, accounts, enabledAccounts, groups, applications] = await Promise.all([
    db.idaasOrgUnit.count({ where: { instanceId } }),
    db.idaasAccount.count({ where: { instanceId } }),
    db.idaasAccount.count({ where: { instanceId, status: "Enabled" } }),
    db.idaasGroup.count({ where: { instanceId } }),
    db.idaasApplication.count({ where: { instanceId } }),
  ]);
  return { units, accounts, enabledAccounts, groups, applications };
}

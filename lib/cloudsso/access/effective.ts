import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { DEFAULT_DIRECTORY_ID } from "../directory";
import { folderPaths, parsePolicies } from "./resource-directory";
import type { AccessSummaryView, PermissionVia, ProvisioningStatus, UserPermissionView } from "./schemas";

/**
 * A user's access: assignments to the user and to the groups the user is in. The Permissions tab
 * lists every assignment (with its provisioning status); effectiveAccessForUser (issue 14's user
 * portal) keeps only configurations actually provisioned on the account, with the policies the
 * account's role holds.
 */

export interface EffectiveAccess {
  account: { accountId: string; displayName: string; folderPath: string };
  accessConfigurations: {
    id: string;
    name: string;
    sessionDurationSeconds: number;
    relayState: string | null;
    policies: { type: "System" | "Inline"; name: string }[];
    via: ({ type: "User" } | { type: "Group"; groupId: string; groupName: string })[];
  }[];
}

interface Held {
  accountId: string;
  accessConfigurationId: string;
  via: PermissionVia[];
}

async function heldBy(userId: string, directoryId: string): Promise<Held[]> {
  const user = await db.ssoUser.findFirst({ where: { id: userId, directoryId }, select: { id: true } });
  if (!user) throw new NotFoundError(`User ${userId} does not exist.`);
  const memberships = await db.ssoGroupMember.findMany({ where: { userId }, include: { group: { select: { id: true, name: true } } } });
  const groupName = new Map(memberships.map((m) => [m.group.id, m.group.name]));
  const rows = await db.ssoAccessAssignment.findMany({
    where: {
      directoryId,
      OR: [{ principalType: "User", principalId: userId }, ...(groupName.size ? [{ principalType: "Group", principalId: { in: [...groupName.keys()] } }] : [])],
    },
    orderBy: { createdAt: "asc" },
  });
  const held = new Map<string, Held>();
  for (const r of rows) {
    const key = `${r.accountId}|${r.accessConfigurationId}`;
    const h = held.get(key) ?? { accountId: r.accountId, accessConfigurationId: r.accessConfigurationId, via: [] };
    held.set(key, h);
    if (r.principalType === "User") h.via.unshift({ type: "User" });
    else h.via.push({ type: "Group", groupId: r.principalId, groupName: groupName.get(r.principalId) ?? r.principalId });
  }
  return [...held.values()];
}

async function lookups(held: Held[], directoryId: string) {
  const [paths, accounts, configs, provisionings] = await Promise.all([
    folderPaths(directoryId),
    db.ssoRdAccount.findMany({ where: { accountId: { in: [...new Set(held.map((h) => h.accountId))] } } }),
    db.ssoAccessConfiguration.findMany({ where: { id: { in: [...new Set(held.map((h) => h.accessConfigurationId))] } } }),
    db.ssoAccessProvisioning.findMany({ where: { accountId: { in: [...new Set(held.map((h) => h.accountId))] } } }),
  ]);
  return {
    paths,
    account: new Map(accounts.map((a) => [a.accountId, a])),
    config: new Map(configs.map((c) => [c.id, c])),
    provisioning: new Map(provisionings.map((p) => [`${p.accountId}|${p.accessConfigurationId}`, p])),
  };
}

/** The user's Permissions tab: account, access configuration, via (direct and/or groups). */
export async function userPermissions(userId: string, directoryId = DEFAULT_DIRECTORY_ID): Promise<{ items: UserPermissionView[] }> {
  const held = await heldBy(userId, directoryId);
  const l = await lookups(held, directoryId);
  const items = held.flatMap((h): UserPermissionView[] => {
    const a = l.account.get(h.accountId);
    const c = l.config.get(h.accessConfigurationId);
    if (!a || !c) return [];
    return [
      {
        accountId: a.accountId,
        accountName: a.displayName,
        folderPath: l.paths.get(a.folderId) ?? "",
        accessConfigurationId: c.id,
        accessConfigurationName: c.name,
        via: h.via,
        provisioningStatus: (l.provisioning.get(`${a.accountId}|${c.id}`)?.status as ProvisioningStatus | undefined) ?? null,
      },
    ];
  });
  items.sort((x, y) => x.accountName.localeCompare(y.accountName) || x.accessConfigurationName.localeCompare(y.accessConfigurationName));
  return { items };
}

/** What the user can use (issue 14's portal): per account, the configurations provisioned on it. */
export async function effectiveAccessForUser(userId: string, directoryId = DEFAULT_DIRECTORY_ID): Promise<EffectiveAccess[]> {
  const held = await heldBy(userId, directoryId);
  const l = await lookups(held, directoryId);
  const out = new Map<string, EffectiveAccess>();
  for (const h of held) {
    const a = l.account.get(h.accountId);
    const c = l.config.get(h.accessConfigurationId);
    const p = l.provisioning.get(`${h.accountId}|${h.accessConfigurationId}`);
    if (!a || !c || !p || p.status === "DeprovisionFailed") continue;
    const entry = out.get(a.accountId) ?? { account: { accountId: a.accountId, displayName: a.displayName, folderPath: l.paths.get(a.folderId) ?? "" }, accessConfigurations: [] };
    out.set(a.accountId, entry);
    entry.accessConfigurations.push({
      id: c.id,
      name: c.name,
      sessionDurationSeconds: c.sessionDuration,
      relayState: c.relayState || null,
      policies: parsePolicies(p.policiesJson),
      via: h.via,
    });
  }
  const list = [...out.values()];
  list.sort((x, y) => x.account.displayName.localeCompare(y.account.displayName));
  for (const e of list) e.accessConfigurations.sort((x, y) => x.name.localeCompare(y.name));
  return list;
}

/** Counts for the CloudSSO overview and setup guide ("Assign access"). */
export async function accessSummary(directoryId = DEFAULT_DIRECTORY_ID): Promise<AccessSummaryView> {
  const [accounts, accessConfigurations, accessAssignments, inProgressTasks, failedTasks, reprovisionRequired] = await Promise.all([
    db.ssoRdAccount.count({ where: { directoryId } }),
    db.ssoAccessConfiguration.count({ where: { directoryId } }),
    db.ssoAccessAssignment.count({ where: { directoryId } }),
    db.ssoAccessTask.count({ where: { directoryId, status: "InProgress" } }),
    db.ssoAccessTask.count({ where: { directoryId, status: "Failed" } }),
    db.ssoAccessProvisioning.count({ where: { status: "ReprovisionRequired", account: { directoryId } } }),
  ]);
  return { accounts, accessConfigurations, accessAssignments, inProgressTasks, failedTasks, reprovisionRequired };
}

import "server-only";
import { db } from "@/lib/db";
import type { AppContext, Delivery, Outcome } from "./types";
import { deleteGroup, syncGroup } from "./group";
import { changeMember, syncMembers, type MemberRef } from "./members";
import { deleteUser, syncUser } from "./user";
import { applyLinkChange, getLink, type Link } from "./links";
import { LogAction } from "../vocabulary";
import { loadMappableAccount } from "./mapped-resources";
import { objectKey, withObjectLock } from "./object-lock";
import { isAccountInScope, isGroupInScope } from "../config/scope";

/** One claimed outbox event (or a run of coalesced "sync" events for the same object). */
export interface OutboxRow {
  id: number;
  applicationId: string;
  objectType: string;
  objectId: string;
  action: string;
  payloadJson: string;
}

function payload(row: OutboxRow): { snapshot?: { username?: string; name?: string }; accountId?: string } {
  try {
    return JSON.parse(row.payloadJson) ?? {};
  } catch {
    return {};
  }
}

async function record(d: Delivery): Promise<Outcome> {
  await applyLinkChange(d.link);
  return d.outcome;
}

/**
 * Delivers one event to its application; throws SCIM client errors for the engine to judge.
 * Locks: user events hold the user's lock; group and membership events hold the group's lock and
 * may take a member's user lock inside it (never the other way round, so no deadlock).
 */
export async function deliverEvent(ctx: AppContext, row: OutboxRow): Promise<Outcome[]> {
  if (row.objectType === "user") {
    if (row.action !== "delete") return [await syncUserNow(ctx, row.objectId)];
    return withObjectLock(objectKey(ctx.target.applicationId, "user", row.objectId), async () => {
      const link = await getLink(row.applicationId, "user", row.objectId);
      const username = payload(row).snapshot?.username ?? row.objectId;
      return [await record(await deleteUser(ctx, { accountId: row.objectId, username, link }))];
    });
  }
  return withObjectLock(objectKey(ctx.target.applicationId, "group", row.objectId), () => deliverGroupEvent(ctx, row));
}

async function deliverGroupEvent(ctx: AppContext, row: OutboxRow): Promise<Outcome[]> {
  const p = payload(row);
  if (row.objectType === "group") {
    if (row.action === "delete") {
      const link = await getLink(row.applicationId, "group", row.objectId);
      return [await record(await deleteGroup(ctx, { groupId: row.objectId, name: p.snapshot?.name ?? row.objectId, link }))];
    }
    return syncGroupNow(ctx, row.objectId);
  }
  if (row.objectType === "membership" && p.accountId) {
    return changeMembership(ctx, row.objectId, p.accountId, row.action === "addMember");
  }
  return [{ objectType: "membership", objectId: row.objectId, objectName: row.objectId, action: LogAction.Skip, result: "Skipped", detail: "Unrecognised event." }];
}

/** Reconcile one account under its object lock (callers may hold the group's lock, never the reverse). */
async function syncUserNow(ctx: AppContext, accountId: string): Promise<Outcome> {
  return withObjectLock(objectKey(ctx.target.applicationId, "user", accountId), async () => {
    const account = await loadMappableAccount(accountId);
    const inScope = account ? await isAccountInScope(ctx.scope, accountId) : false;
    const link = await getLink(ctx.target.applicationId, "user", accountId);
    return record(await syncUser(ctx, { accountId, account, inScope, link }));
  });
}

/** Group attributes; a group just created or matched also gets its in-scope members. */
async function syncGroupNow(ctx: AppContext, groupId: string): Promise<Outcome[]> {
  const appId = ctx.target.applicationId;
  const group = await db.idaasGroup.findUnique({ where: { id: groupId } });
  const link = await getLink(appId, "group", groupId);
  const d = await syncGroup(ctx, { groupId, group, inScope: isGroupInScope(ctx.scope, groupId), link });
  const outcomes = [await record(d)];
  if (group && d.remoteId && (d.outcome.action === LogAction.Create || d.outcome.action === LogAction.Match)) {
    const members = await db.idaasGroupMember.findMany({ where: { groupId }, select: { accountId: true } });
    const desired: MemberRef[] = [];
    for (const { accountId } of members) {
      const ref = await ensureMemberLinked(ctx, accountId, outcomes);
      if (ref) desired.push(ref);
    }
    const managed = new Map(desired.map((m) => [m.remoteId, m]));
    outcomes.push(
      ...(await syncMembers(ctx, { groupName: group.name, remoteGroupId: d.remoteId, desired, managed })).map((o) => ({
        ...o,
        objectId: `${groupId}/${o.objectId}`,
      })),
    );
  }
  return outcomes;
}

/** The member's remote user, creating it first when the account is in scope. */
async function ensureMemberLinked(ctx: AppContext, accountId: string, outcomes: Outcome[]): Promise<MemberRef | null> {
  let link: Link | null = await getLink(ctx.target.applicationId, "user", accountId);
  if (!link || link.disabled) {
    outcomes.push(await syncUserNow(ctx, accountId));
    link = await getLink(ctx.target.applicationId, "user", accountId);
  }
  if (!link || link.disabled) return null;
  const account = await db.idaasAccount.findUnique({ where: { id: accountId }, select: { username: true } });
  return { accountId, username: account?.username ?? accountId, remoteId: link.remoteId };
}

/**
 * One member added or removed. The first outcome is the membership's; a member user created or
 * re-enabled on the way is reported as its own outcome. Level-triggered like the rest: an add
 * whose membership is gone again (or a remove of a member who is back) changes nothing.
 */
async function changeMembership(ctx: AppContext, groupId: string, accountId: string, add: boolean): Promise<Outcome[]> {
  const appId = ctx.target.applicationId;
  const group = await db.idaasGroup.findUnique({ where: { id: groupId }, select: { name: true } });
  const account = await db.idaasAccount.findUnique({ where: { id: accountId }, select: { username: true } });
  const isMember = !!(await db.idaasGroupMember.findUnique({ where: { groupId_accountId: { groupId, accountId } }, select: { groupId: true } }));
  const base = {
    objectType: "membership" as const,
    objectId: `${groupId}/${accountId}`,
    objectName: `${group?.name ?? groupId} / ${account?.username ?? accountId}`,
    action: add ? LogAction.AddMember : LogAction.RemoveMember,
  };
  if (add && !isMember) return [{ ...base, result: "Skipped", detail: "No longer a member of the group; nothing to add." }];
  if (!add && isMember) return [{ ...base, result: "Skipped", detail: "A member of the group again; nothing to remove." }];
  let groupLink = await getLink(appId, "group", groupId);
  if (add) {
    if (!group || !isGroupInScope(ctx.scope, groupId)) return [{ ...base, result: "Skipped", detail: "The group is not in the provisioning scope." }];
    if (!groupLink) {
      // Creating the group pushes all its members, this one included.
      const outcomes = await syncGroupNow(ctx, groupId);
      groupLink = await getLink(appId, "group", groupId);
      const mine = outcomes.find((o) => o.objectType === "membership" && o.objectId === base.objectId);
      if (mine) return [mine, ...outcomes.filter((o) => o !== mine)];
      if (!groupLink) return [{ ...base, result: "Skipped", detail: "The group could not be provisioned." }, ...outcomes];
    }
    const sideEffects: Outcome[] = [];
    const member = await ensureMemberLinked(ctx, accountId, sideEffects);
    if (!member) {
      const why = sideEffects.find((o) => o.result === "Failed")?.detail ?? "The account is not provisioned.";
      return [{ ...base, result: "Skipped", detail: why }, ...sideEffects];
    }
    const o = await changeMember(ctx, { groupName: group.name, remoteGroupId: groupLink.remoteId, member, add: true });
    return [{ ...o, objectId: base.objectId }, ...sideEffects];
  }
  const userLink = await getLink(appId, "user", accountId);
  if (!groupLink || !userLink) return [{ ...base, result: "Skipped", detail: "Not provisioned to this application." }];
  const member = { accountId, username: account?.username ?? accountId, remoteId: userLink.remoteId };
  const o = await changeMember(ctx, { groupName: group?.name ?? groupId, remoteGroupId: groupLink.remoteId, member, add: false });
  return [{ ...o, objectId: base.objectId }];
}

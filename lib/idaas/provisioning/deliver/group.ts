import type { AppContext, Delivery } from "./types";
import type { Link } from "./links";
import { LogAction } from "../vocabulary";
import { mapGroupResource, type MappableGroup } from "./mapped-resources";
import { isNotFound, isUniqueness, type PatchOperation } from "./target-client";

/**
 * Reconciles a group's own attributes (not its members) with the target. Groups are updated by
 * PATCH, never PUT, because a PUT without members would empty the remote group.
 */
export async function syncGroup(
  ctx: AppContext,
  input: { groupId: string; group: MappableGroup | null; inScope: boolean; link: Link | null },
): Promise<Delivery> {
  const { group, link } = input;
  const base = { objectType: "group" as const, objectId: input.groupId, objectName: group?.name ?? input.groupId };
  if (!group) return { outcome: { ...base, action: LogAction.Skip, result: "Skipped", detail: "The group no longer exists." }, link: null };
  if (!input.inScope) {
    return { outcome: { ...base, action: LogAction.Skip, result: "Skipped", detail: "Out of provisioning scope." }, link: null, remoteId: link?.remoteId };
  }
  const { resource, hash } = mapGroupResource(ctx.target, group);
  const linked = (remoteId: string): Link => ({
    applicationId: ctx.target.applicationId,
    objectType: "group",
    localId: group.id,
    remoteId,
    pushedHash: hash,
    disabled: false,
  });

  if (link) {
    if (link.pushedHash === hash) {
      return { outcome: { ...base, action: LogAction.Unchanged, result: "Skipped" }, link: null, remoteId: link.remoteId };
    }
    try {
      await ctx.client.patchGroup(link.remoteId, replaceOps(resource));
      return { outcome: { ...base, action: LogAction.Update, result: "Success", httpStatus: 200 }, link: { save: linked(link.remoteId) }, remoteId: link.remoteId };
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  const displayName = typeof resource.displayName === "string" ? resource.displayName : "";
  const matched = async (remoteId: string): Promise<Delivery> => {
    await ctx.client.patchGroup(remoteId, replaceOps(resource));
    return {
      outcome: { ...base, action: LogAction.Match, result: "Success", httpStatus: 200, detail: "Matched the existing remote group by displayName." },
      link: { save: linked(remoteId) },
      remoteId,
    };
  };
  if (displayName) {
    const existing = await ctx.client.findGroupBy("displayName", displayName);
    if (existing) return matched(existing.id);
  }
  try {
    const created = await ctx.client.createGroup({ ...resource, members: [] });
    return { outcome: { ...base, action: LogAction.Create, result: "Success", httpStatus: 201 }, link: { save: linked(created.id) }, remoteId: created.id };
  } catch (err) {
    if (!isUniqueness(err) || !displayName) throw err;
    const existing = await ctx.client.findGroupBy("displayName", displayName);
    if (!existing) throw err;
    return matched(existing.id);
  }
}

function replaceOps(resource: Record<string, unknown>): PatchOperation[] {
  const value: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(resource)) if (k !== "schemas" && k !== "members" && k !== "id") value[k] = v;
  return [{ op: "replace", value }];
}

export async function deleteGroup(ctx: AppContext, input: { groupId: string; name: string; link: Link | null }): Promise<Delivery> {
  const base = { objectType: "group" as const, objectId: input.groupId, objectName: input.name };
  if (!input.link) {
    return { outcome: { ...base, action: LogAction.Skip, result: "Skipped", detail: "Never provisioned to this application." }, link: null };
  }
  try {
    await ctx.client.deleteGroup(input.link.remoteId);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  return { outcome: { ...base, action: LogAction.Delete, result: "Success", httpStatus: 204 }, link: { remove: input.link } };
}

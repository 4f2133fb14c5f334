import type { AppContext, Delivery } from "./types";
import type { Link } from "./links";
import { LogAction } from "../vocabulary";
import { mapAccount, matchValue, type MappableAccount } from "./mapped-resources";
import type { RemoteIndex } from "./remote-index";
import { isNotFound, isUniqueness } from "./target-client";

/**
 * Reconciles one account with the target (level-triggered: reads current state, pushes what is
 * needed). In scope: create, match an existing remote user by the matching attribute, update, or
 * nothing when the mapped representation is unchanged. Out of scope and linked: disable remotely
 * and keep the link so coming back re-enables the same remote user.
 */
export async function syncUser(
  ctx: AppContext,
  input: {
    accountId: string;
    account: MappableAccount | null;
    inScope: boolean;
    link: Link | null;
    /** Remote users by matching value, read in bulk just before a big push (see remote-index.ts). */
    remoteIndex?: RemoteIndex | null;
  },
): Promise<Delivery> {
  const { account, link } = input;
  const base = { objectType: "user" as const, objectId: input.accountId, objectName: account?.username ?? input.accountId };
  const appId = ctx.target.applicationId;

  // A vanished account is treated like one that left the scope: its remote user is disabled.
  if (!input.inScope || !account) {
    if (!link || link.disabled) {
      const detail = account ? "Out of provisioning scope." : "The account no longer exists.";
      return { outcome: { ...base, action: LogAction.Skip, result: "Skipped", detail }, link: null };
    }
    try {
      await ctx.client.patchUser(link.remoteId, [{ op: "replace", path: "active", value: false }]);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      return {
        outcome: { ...base, action: LogAction.Skip, result: "Skipped", detail: "Left the scope; the remote user no longer exists." },
        link: { remove: link },
      };
    }
    return {
      outcome: { ...base, action: LogAction.Disable, result: "Success", httpStatus: 200, detail: "Left the provisioning scope: disabled remotely." },
      link: { save: { ...link, disabled: true, remoteActive: false } },
      remoteId: link.remoteId,
    };
  }

  const { resource, hash } = mapAccount(ctx.target, account);
  const active = resource.active !== false;
  const linked = (remoteId: string): Link => ({
    applicationId: appId,
    objectType: "user",
    localId: account.id,
    remoteId,
    pushedHash: hash,
    disabled: false,
    remoteActive: active,
  });

  if (link) {
    if (link.pushedHash === hash && !link.disabled) {
      return { outcome: { ...base, action: LogAction.Unchanged, result: "Skipped" }, link: null, remoteId: link.remoteId };
    }
    try {
      await ctx.client.replaceUser(link.remoteId, resource);
      return { outcome: { ...base, action: updateAction(link, active), result: "Success", httpStatus: 200 }, link: { save: linked(link.remoteId) }, remoteId: link.remoteId };
    } catch (err) {
      // Deleted on the target behind our back: fall through and create it again.
      if (!isNotFound(err)) throw err;
    }
  }

  const attribute = ctx.target.matchAttribute || "userName";
  const value = matchValue(resource, attribute);
  if (value) {
    // The bulk index answers "absent" without a request; a user created since then is caught
    // by the 409 below and linked.
    const indexed = input.remoteIndex?.get(value);
    const existing = input.remoteIndex ? (indexed ? { id: indexed } : null) : await ctx.client.findUserBy(attribute, value);
    if (existing) return matched(existing.id);
  }
  try {
    const created = await ctx.client.createUser(resource);
    return { outcome: { ...base, action: LogAction.Create, result: "Success", httpStatus: 201 }, link: { save: linked(created.id) }, remoteId: created.id };
  } catch (err) {
    // Someone (or our own earlier, unanswered attempt) created it meanwhile: link, never duplicate.
    if (!isUniqueness(err) || !value) throw err;
    const existing = await ctx.client.findUserBy(attribute, value);
    if (!existing) throw err;
    return matched(existing.id);
  }

  async function matched(remoteId: string): Promise<Delivery> {
    await ctx.client.replaceUser(remoteId, resource);
    return {
      outcome: { ...base, action: LogAction.Match, result: "Success", httpStatus: 200, detail: `Matched the existing remote user by ${attribute}.` },
      link: { save: linked(remoteId) },
      remoteId,
    };
  }
}

/** A status change is logged as what it did to the remote user: Enable or Disable, else Update. */
function updateAction(link: Link, active: boolean) {
  const wasActive = !link.disabled && link.remoteActive !== false;
  if (wasActive === active) return LogAction.Update;
  return active ? LogAction.Enable : LogAction.Disable;
}

/** Account deleted in IDaaS (Delete subscribed): delete the remote user we created or matched. */
export async function deleteUser(ctx: AppContext, input: { accountId: string; username: string; link: Link | null }): Promise<Delivery> {
  const base = { objectType: "user" as const, objectId: input.accountId, objectName: input.username };
  if (!input.link) {
    return { outcome: { ...base, action: LogAction.Skip, result: "Skipped", detail: "Never provisioned to this application." }, link: null };
  }
  try {
    await ctx.client.deleteUser(input.link.remoteId);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  return { outcome: { ...base, action: LogAction.Delete, result: "Success", httpStatus: 204 }, link: { remove: input.link } };
}

import type { AppContext, Outcome } from "./types";
import { LogAction } from "../vocabulary";
import { describeError, isNoTarget, isRetryable, type PatchOperation } from "./target-client";

export interface MemberRef {
  accountId: string;
  username: string;
  remoteId: string;
}

/** Member values per PATCH: big groups go in a few requests, not one per member. */
const CHUNK = 500;

/** Remote members this application manages (remote users it linked), by remote id. */
export type ManagedMembers = Map<string, MemberRef> | ((remoteIds: string[]) => Promise<Map<string, MemberRef>>);

/**
 * Makes the remote group's members equal the desired ones, touching only members this
 * application manages (remote users it linked), so users added on the target by hand stay.
 * Reads the remote members first, so a retry after an unanswered PATCH changes nothing twice.
 * `managed` may be a lookup, asked only about remote members that are not desired (a big push
 * need not hold every link as a member).
 */
export async function syncMembers(
  ctx: AppContext,
  input: { groupName: string; remoteGroupId: string; desired: MemberRef[]; managed: ManagedMembers },
): Promise<Outcome[]> {
  const remote = await ctx.client.getGroupMemberIds(input.remoteGroupId);
  const present = new Set(remote);
  const desiredIds = new Set(input.desired.map((m) => m.remoteId));
  const outcomes: Outcome[] = [];
  const name = (m: MemberRef) => `${input.groupName} / ${m.username}`;

  const toAdd: MemberRef[] = [];
  for (const m of input.desired) {
    if (present.has(m.remoteId)) {
      outcomes.push({ objectType: "membership", objectId: m.accountId, objectName: name(m), action: LogAction.Unchanged, result: "Skipped" });
    } else toAdd.push(m);
  }
  const strangers = remote.filter((id) => !desiredIds.has(id));
  const managed = typeof input.managed === "function" ? await input.managed(strangers) : input.managed;
  const toRemove = strangers.filter((id) => managed.has(id)).map((id) => managed.get(id)!);

  const changes: { member: MemberRef; op: PatchOperation; action: LogAction }[] = [
    ...toAdd.map((member) => ({ member, action: LogAction.AddMember, op: addOp([member.remoteId]) })),
    ...toRemove.map((member) => ({ member, action: LogAction.RemoveMember, op: removeOp(member.remoteId) })),
  ];
  for (let i = 0; i < changes.length; i += CHUNK) {
    const chunk = changes.slice(i, i + CHUNK);
    const started = Date.now();
    try {
      await ctx.client.patchGroup(input.remoteGroupId, mergeAdds(chunk.map((c) => c.op)));
      const durationMs = Math.round((Date.now() - started) / chunk.length);
      for (const c of chunk) {
        outcomes.push({ objectType: "membership", objectId: c.member.accountId, objectName: name(c.member), action: c.action, result: "Success", httpStatus: 200, durationMs });
      }
    } catch (err) {
      if (isRetryable(err) || chunk.length === 1) throw err;
      // One bad member must not fail the others: retry the chunk one member at a time.
      for (const c of chunk) {
        const t = Date.now();
        try {
          await ctx.client.patchGroup(input.remoteGroupId, [c.op]);
          outcomes.push({ objectType: "membership", objectId: c.member.accountId, objectName: name(c.member), action: c.action, result: "Success", httpStatus: 200, durationMs: Date.now() - t });
        } catch (one) {
          if (isRetryable(one)) throw one;
          if (c.action === LogAction.RemoveMember && isNoTarget(one)) continue;
          outcomes.push({ objectType: "membership", objectId: c.member.accountId, objectName: name(c.member), action: c.action, result: "Failed", durationMs: Date.now() - t, ...describeError(one) });
        }
      }
    }
  }
  return outcomes;
}

/** Real-time single member change. Removing an absent member counts as done. */
export async function changeMember(
  ctx: AppContext,
  input: { groupName: string; remoteGroupId: string; member: MemberRef; add: boolean },
): Promise<Outcome> {
  const base = {
    objectType: "membership" as const,
    objectId: input.member.accountId,
    objectName: `${input.groupName} / ${input.member.username}`,
    action: input.add ? LogAction.AddMember : LogAction.RemoveMember,
  };
  try {
    await ctx.client.patchGroup(input.remoteGroupId, [input.add ? addOp([input.member.remoteId]) : removeOp(input.member.remoteId)]);
  } catch (err) {
    if (!input.add && isNoTarget(err)) return { ...base, result: "Skipped", detail: "Not a member on the target." };
    throw err;
  }
  return { ...base, result: "Success", httpStatus: 200 };
}

function addOp(ids: string[]): PatchOperation {
  return { op: "add", path: "members", value: ids.map((value) => ({ value })) };
}

function removeOp(id: string): PatchOperation {
  return { op: "remove", path: `members[value eq "${id}"]` };
}

/** All adds of a chunk as one operation; removes stay one per member (filtered paths). */
function mergeAdds(ops: PatchOperation[]): PatchOperation[] {
  const adds = ops.filter((o) => o.op === "add").flatMap((o) => (o.value as { value: string }[]) ?? []);
  const rest = ops.filter((o) => o.op !== "add");
  return [...(adds.length ? [{ op: "add", path: "members", value: adds } satisfies PatchOperation] : []), ...rest];
}

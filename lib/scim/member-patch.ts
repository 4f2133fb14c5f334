import { coerce, isPlainObject } from "./normalize";
import type { Filter } from "./filter";
import { parsePatchPath, type PatchOperation } from "./patch";
import { coreAttributes, findAttribute, GROUP_RESOURCE, type AttributeDef } from "./schemas";

/**
 * A Group PATCH as a change of membership plus the other operations, so the store can touch only
 * the member rows that change instead of loading, patching and re-validating the whole member
 * list (a 50,000-member "All employees" group). It covers what IdPs send: add / replace / remove
 * of `members` with a value list (Entra's Remove lists values; Okta replaces the whole list),
 * `remove members[value eq "…"]` (or several values joined by `or`), a pathless value object with a
 * `members` key, and members cleared with `replace []` / `remove` without a value.
 *
 * The result is exactly what applyPatch + validateGroup + setMembers would produce. Anything
 * else — a malformed value, a member without a value or of another type, a filter on other
 * sub-attributes, `members.value` paths — returns undefined, and the caller takes the general
 * path (which also produces the same errors, in the same order, as before).
 */
export interface MembershipDelta {
  /** The stored members are dropped first; `added` is then the whole new list. */
  cleared: boolean;
  /** Users to be members afterwards that may not be yet, in the order given (distinct). */
  added: string[];
  /** Users to be members no longer (never cleared; distinct, disjoint from `added`). */
  removed: string[];
}

export interface MemberPatchPlan {
  delta: MembershipDelta;
  /** The operations on other attributes, in order, for applyPatch on the group without members. */
  others: PatchOperation[];
  /** Does any operation concern members at all? */
  touchesMembers: boolean;
}

const MEMBERS: AttributeDef = findAttribute(coreAttributes(GROUP_RESOURCE), "members")!;

class Delta {
  cleared = false;
  readonly added = new Map<string, true>();
  readonly removed = new Set<string>();

  clear() {
    this.cleared = true;
    this.added.clear();
    this.removed.clear();
  }

  add(id: string) {
    this.removed.delete(id);
    this.added.set(id, true);
  }

  remove(id: string) {
    this.added.delete(id);
    if (!this.cleared) this.removed.add(id);
  }

  result(): MembershipDelta {
    return { cleared: this.cleared, added: [...this.added.keys()], removed: [...this.removed] };
  }
}

/** Member values of a coerced members value, or undefined when one is not a plain user reference. */
function userIds(items: unknown): string[] | undefined {
  if (!Array.isArray(items)) return undefined;
  const ids: string[] = [];
  for (const m of items) {
    if (!isPlainObject(m) || typeof m.value !== "string" || m.value === "") return undefined;
    if (m.type !== undefined && (typeof m.type !== "string" || m.type.toLowerCase() !== "user")) return undefined;
    ids.push(m.value);
  }
  return ids;
}

/** `value eq "a" or value eq "b"` → ["a", "b"]; undefined for any other filter. */
function valueEqualities(f: Filter): string[] | undefined {
  if (f.op === "or") {
    const l = valueEqualities(f.left);
    const r = l && valueEqualities(f.right);
    return l && r ? [...l, ...r] : undefined;
  }
  if (f.op === "eq" && f.attr.sub?.name === "value" && typeof f.value === "string") return [f.value];
  return undefined;
}

/** An operation on the `members` attribute as a whole (path "members", or a pathless key). */
function onMembers(delta: Delta, op: PatchOperation["op"], raw: unknown, path: string): boolean {
  if (op === "remove") {
    if (raw === undefined || raw === null) {
      delta.clear();
      return true;
    }
    const drop = coerce(MEMBERS, raw, path);
    if (drop === undefined) return true; // nothing named, nothing removed
    const ids = userIds(drop);
    if (!ids) return false;
    for (const id of ids) delta.remove(id);
    return true;
  }
  const value = coerce(MEMBERS, raw, path);
  if (value === undefined) {
    // add/replace with null or [] clears the attribute, as applyPatch does.
    delta.clear();
    return true;
  }
  const ids = userIds(value);
  if (!ids) return false;
  if (op === "replace") delta.clear();
  for (const id of ids) delta.add(id);
  return true;
}

function isMembers(name: string): boolean {
  return name.toLowerCase() === "members";
}

/** The plan for a Group PATCH, or undefined when the general path must run it. */
export function planMemberPatch(ops: PatchOperation[]): MemberPatchPlan | undefined {
  try {
    const delta = new Delta();
    const others: PatchOperation[] = [];
    let touchesMembers = false;
    for (const op of ops) {
      if (op.path === undefined) {
        if (!isPlainObject(op.value)) return undefined;
        const rest: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(op.value)) {
          if (/[.:[]/.test(key)) {
            const target = parsePatchPath(key, GROUP_RESOURCE);
            if (target?.kind === "attribute" && isMembers(target.ref.attr.name)) return undefined;
            rest[key] = value;
          } else if (isMembers(key)) {
            touchesMembers = true;
            if (!onMembers(delta, op.op, value, key)) return undefined;
          } else {
            rest[key] = value;
          }
        }
        if (Object.keys(rest).length > 0) others.push({ op: op.op, value: rest });
        continue;
      }
      const target = parsePatchPath(op.path, GROUP_RESOURCE);
      if (target?.kind !== "attribute" || !isMembers(target.ref.attr.name)) {
        others.push(op);
        continue;
      }
      touchesMembers = true;
      if (target.filter) {
        if (op.op !== "remove" || target.sub) return undefined;
        const ids = valueEqualities(target.filter);
        if (!ids) return undefined;
        for (const id of ids) delta.remove(id);
        continue;
      }
      if (target.sub) return undefined;
      if (!onMembers(delta, op.op, op.value, op.path)) return undefined;
    }
    return { delta: delta.result(), others, touchesMembers };
  } catch {
    // Whatever fails here fails the same way on the general path, which reports it.
    return undefined;
  }
}

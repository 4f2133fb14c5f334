import { describe, expect, it } from "vitest";
import { memberIds, parseGroupBody } from "./group-resource";
import { planMemberPatch } from "./member-patch";
import { normalizeResource, type Resource } from "./normalize";
import { applyPatch, parsePatchRequest, type PatchOperation } from "./patch";
import { GROUP_RESOURCE, GROUP_SCHEMA, PATCH_OP_SCHEMA } from "./schemas";

/**
 * planMemberPatch must decide exactly what the general path (applyPatch on the whole group,
 * validateGroup, setMembers' difference) decides, for everything it accepts.
 */
const rendered = (ids: string[], extra: Resource = {}): Resource => ({
  schemas: [GROUP_SCHEMA],
  id: "g-1",
  displayName: "All employees",
  ...extra,
  ...(ids.length > 0 ? { members: ids.map((value) => ({ value, $ref: `https://x/Users/${value}`, display: value.toUpperCase(), type: "User" })) } : {}),
  meta: { resourceType: "Group" },
});

/** The general path: the rows setMembers would insert (in order) and delete, and the other attributes. */
function general(base: string[], ops: PatchOperation[]) {
  const after = parseGroupBody(applyPatch(rendered(base), ops, GROUP_RESOURCE));
  const wanted = memberIds(after);
  const { members: _m, ...rest } = after;
  void _m;
  return { added: wanted.filter((id) => !base.includes(id)), removed: base.filter((id) => !wanted.includes(id)).sort(), rest };
}

/** The planned path, applied to the same stored members. */
function planned(base: string[], ops: PatchOperation[]) {
  const plan = planMemberPatch(ops);
  if (!plan) return undefined;
  const { delta } = plan;
  const added = delta.added.filter((id) => !base.includes(id));
  const removed = (delta.cleared ? base.filter((id) => !delta.added.includes(id)) : delta.removed.filter((id) => base.includes(id))).sort();
  const rest = parseGroupBody(applyPatch(rendered([]), plan.others, GROUP_RESOURCE));
  return { added, removed, rest };
}

const ops = (...o: unknown[]) => parsePatchRequest({ schemas: [PATCH_OP_SCHEMA], Operations: o });

describe("membership PATCH plans", () => {
  const base = ["u-1", "u-2", "u-3", "u-4"];
  it.each<[string, PatchOperation[]]>([
    ["add one (IdaaS, Entra, Okta)", ops({ op: "add", path: "members", value: [{ value: "u-9" }] })],
    ["add an existing one and a new one", ops({ op: "Add", path: "members", value: [{ $ref: null, value: "u-2" }, { value: "u-9", display: "x" }] })],
    ["remove by filter (Okta)", ops({ op: "remove", path: 'members[value eq "u-2"]' })],
    ["remove by filter joined with or", ops({ op: "remove", path: 'members[value eq "u-2" or value eq "u-3" or value eq "nobody"]' })],
    ["remove by unquoted filter value", ops({ op: "remove", path: "members[value eq u-2]" })],
    ["remove a value list (Entra)", ops({ op: "Remove", path: "members", value: [{ $ref: null, value: "u-1" }, { value: "u-4" }] })],
    ["remove a value that is not a member", ops({ op: "remove", path: "members", value: [{ value: "u-77" }] })],
    ["remove all", ops({ op: "remove", path: "members" })],
    ["replace (Okta full replace)", ops({ op: "replace", path: "members", value: [{ value: "u-4" }, { value: "u-8" }, { value: "u-1" }] })],
    ["replace with []", ops({ op: "replace", path: "members", value: [] })],
    ["add with [] clears, as applyPatch does", ops({ op: "add", path: "members", value: [] })],
    ["a bare string value", ops({ op: "add", path: "members", value: "u-9" })],
    ["pathless replace with members and a name", ops({ op: "replace", value: { id: "g-1", displayName: "Everyone", Members: [{ value: "u-3" }] } })],
    ["rename only (Okta)", ops({ op: "replace", value: { id: "g-1", displayName: "Renamed" } })],
    ["rename and add", ops({ op: "replace", path: "displayName", value: "X" }, { op: "add", path: "members", value: [{ value: "u-5" }] })],
    ["add then remove the same", ops({ op: "add", path: "members", value: [{ value: "u-5" }] }, { op: "remove", path: 'members[value eq "u-5"]' })],
    ["remove then add back", ops({ op: "remove", path: 'members[value eq "u-1"]' }, { op: "add", path: "members", value: [{ value: "u-1" }] })],
    ["clear then add back some", ops({ op: "replace", path: "members", value: [] }, { op: "add", path: "members", value: [{ value: "u-3" }, { value: "u-6" }] })],
    ["replace then remove", ops({ op: "replace", path: "members", value: [{ value: "u-1" }, { value: "u-6" }] }, { op: "remove", path: "members", value: [{ value: "u-6" }] })],
    ["duplicates in the value", ops({ op: "add", path: "members", value: [{ value: "u-6" }, { value: "u-6" }, { value: "u-1" }] })],
    ["unknown extension path is ignored", ops({ op: "add", path: "urn:example:ext:foo", value: 1 }, { op: "add", path: "members", value: [{ value: "u-6" }] })],
  ])("%s", (_name, o) => {
    const plan = planned(base, o);
    expect(plan).toBeDefined();
    expect(plan).toEqual(general(base, o));
  });

  it.each<[string, PatchOperation[]]>([
    ["a member of another type", ops({ op: "add", path: "members", value: [{ value: "g-2", type: "Group" }] })],
    ["a member without a value", ops({ op: "add", path: "members", value: [{ type: "User" }] })],
    ["a value that is not an object", ops({ op: "add", path: "members", value: [42] })],
    ["a filter on another sub-attribute", ops({ op: "remove", path: 'members[display eq "U-1"]' })],
    ["a filter with and", ops({ op: "remove", path: 'members[value eq "u-1" and type eq "User"]' })],
    ["add through a filter", ops({ op: "add", path: 'members[value eq "u-9"]', value: { type: "User" } })],
    ["a sub-attribute path", ops({ op: "replace", path: 'members[value eq "u-1"].value', value: "u-9" })],
    ["members.value", ops({ op: "remove", path: "members.value" })],
    ["a schema-qualified members key", ops({ op: "add", value: { "urn:ietf:params:scim:schemas:core:2.0:Group:members": [{ value: "u-9" }] } })],
    ["an invalid path", ops({ op: "add", path: "nope", value: 1 })],
    ["a pathless non-object", ops({ op: "add", value: "x" })],
  ])("leaves to the general path: %s", (_name, o) => {
    expect(planMemberPatch(o)).toBeUndefined();
  });

  it("agrees with the general path on random operation sequences", () => {
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const id = () => `u-${rnd(8)}`;
    const value = () => Array.from({ length: rnd(4) }, () => (rnd(5) === 0 ? id() : { value: id(), ...(rnd(3) === 0 ? { type: "User" } : {}) }));
    const makers: (() => unknown)[] = [
      () => ({ op: "add", path: "members", value: value() }),
      () => ({ op: "replace", path: "members", value: value() }),
      () => ({ op: "remove", path: "members", value: value() }),
      () => ({ op: "remove", path: "members" }),
      () => ({ op: "remove", path: `members[value eq "${id()}"${rnd(2) ? ` or value eq "${id()}"` : ""}]` }),
      () => ({ op: rnd(2) ? "add" : "replace", value: { members: value(), ...(rnd(2) ? { displayName: `n${rnd(3)}` } : {}) } }),
      () => ({ op: "replace", path: "displayName", value: `n${rnd(3)}` }),
      () => ({ op: "add", path: "externalId", value: `e${rnd(3)}` }),
      () => ({ op: "remove", path: "externalId" }),
    ];
    for (let i = 0; i < 2000; i++) {
      const base = [...new Set(Array.from({ length: rnd(6) }, id))];
      const o = ops(...Array.from({ length: 1 + rnd(4) }, () => makers[rnd(makers.length)]()));
      const plan = planned(base, o);
      expect(plan, JSON.stringify(o)).toBeDefined();
      expect(plan, JSON.stringify({ base, o })).toEqual(general(base, o));
    }
  });

  it("never loads members for what it plans: the other operations apply to the group without them", () => {
    const plan = planMemberPatch(ops({ op: "replace", value: { displayName: "Z", members: [{ value: "u-1" }] } }, { op: "remove", path: 'members[value eq "u-1"]' }))!;
    expect(plan.others).toEqual([{ op: "replace", value: { displayName: "Z" } }]);
    expect(plan.delta).toEqual({ cleared: true, added: [], removed: [] });
    expect(plan.touchesMembers).toBe(true);
    expect(normalizeResource(applyPatch(rendered([]), plan.others, GROUP_RESOURCE), GROUP_RESOURCE)).toEqual({ displayName: "Z" });
  });
});

import "server-only";
import { newId } from "@/lib/ids";
import { invalidValue, uniqueness } from "@/lib/scim/errors";
import { memberIds, parseGroupBody } from "@/lib/scim/group-resource";
import { RawJson } from "@/lib/scim/json-text";
import type { ListRequest } from "@/lib/scim/list-request";
import { planMemberPatch, type MembershipDelta } from "@/lib/scim/member-patch";
import { normalizeResource, resourceFromJson, type Resource } from "@/lib/scim/normalize";
import { applyPatch, type PatchOperation } from "@/lib/scim/patch";
import { GROUP_RESOURCE, GROUP_SCHEMA } from "@/lib/scim/schemas";
import { listResources, type ListOptions, type ListResult } from "./scim-list";
import { requireRow, resourceMeta, rowsForIds, writeExisting, written, type ResourceRow, type Versioned, type Written } from "./scim-rows";
import { sqlDate, stmt, writeTransaction } from "./scim-sql";

/** SCIM Groups on SsoGroup; members live in SsoGroupMember (users of the same directory only). */
interface GroupRow extends ResourceRow {
  name: string;
  nameLower: string;
}

type MemberRef = { groupId: string; id: string; userName: string; displayName: string };

/**
 * How a rendering carries members: "json" — one JSON array SQLite builds per group, spliced into
 * the response as text (a 50,000-member group costs one query and one string, no object per
 * member); "objects" — one object per member, for the in-memory filter evaluator and the general
 * PATCH path; false — not loaded at all (excludedAttributes=members, lists).
 */
export type MembersMode = false | "json" | "objects";

/** Each group's members, in the order they joined. */
const MEMBERS_OF_GROUPS = {
  one: "SELECT m.groupId, u.id, u.userName, u.displayName FROM SsoGroupMember m JOIN SsoUser u ON u.id = m.userId WHERE m.groupId = ? ORDER BY m.createdAt, m.rowid",
  many: "SELECT m.groupId, u.id, u.userName, u.displayName FROM json_each(?) j CROSS JOIN SsoGroupMember m ON m.groupId = j.value JOIN SsoUser u ON u.id = m.userId ORDER BY m.createdAt, m.rowid",
};

function membersOf(groupIds: string[]): Map<string, MemberRef[]> {
  return rowsForIds<MemberRef>(groupIds, MEMBERS_OF_GROUPS, (r) => r.groupId);
}

/** One member as JSON, built by SQLite: the same object (and key order) renderGroup builds. */
const MEMBER_JSON = "json_object('value', u.id, '$ref', ? || u.id, 'display', CASE WHEN u.displayName <> '' THEN u.displayName ELSE u.userName END, 'type', 'User')";
const MEMBERS_JSON = {
  // (groupId, createdAt) index: the members come in join order; the aggregate's ORDER BY keeps it so.
  one: `SELECT m.groupId, json_group_array(${MEMBER_JSON} ORDER BY m.createdAt, m.rowid) AS json FROM SsoGroupMember m JOIN SsoUser u ON u.id = m.userId WHERE m.groupId = ? GROUP BY m.groupId`,
  many: `SELECT m.groupId, json_group_array(${MEMBER_JSON} ORDER BY m.createdAt, m.rowid) AS json FROM json_each(?) j CROSS JOIN SsoGroupMember m ON m.groupId = j.value JOIN SsoUser u ON u.id = m.userId GROUP BY m.groupId`,
};

function membersJsonOf(groupIds: string[], baseUrl: string): Map<string, RawJson> {
  const out = new Map<string, RawJson>();
  if (groupIds.length === 0) return out;
  const prefix = `${baseUrl}/Users/`;
  const rows = (groupIds.length === 1 ? stmt(MEMBERS_JSON.one).all(prefix, groupIds[0]) : stmt(MEMBERS_JSON.many).all(prefix, JSON.stringify(groupIds))) as {
    groupId: string;
    json: string;
  }[];
  for (const r of rows) out.set(r.groupId, new RawJson(r.json));
  return out;
}

function renderGroup(row: GroupRow, members: MemberRef[] | RawJson | undefined, baseUrl: string): Resource {
  const stored = resourceFromJson(row.scimJson);
  return {
    schemas: [GROUP_SCHEMA],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    displayName: row.name,
    ...Object.fromEntries(Object.entries(stored).filter(([k]) => !["displayName", "externalId", "members"].includes(k))),
    ...(members instanceof RawJson
      ? { members }
      : members && members.length > 0
        ? { members: members.map((m) => ({ value: m.id, $ref: `${baseUrl}/Users/${m.id}`, display: m.displayName || m.userName, type: "User" })) }
        : {}),
    meta: resourceMeta("Group", row, baseUrl),
  };
}

function renderRows(rows: GroupRow[], mode: MembersMode, baseUrl: string): Resource[] {
  const ids = rows.map((r) => r.id);
  if (mode === "json") {
    const members = membersJsonOf(ids, baseUrl);
    return rows.map((r) => renderGroup(r, members.get(r.id), baseUrl));
  }
  const members = mode === "objects" ? membersOf(ids) : undefined;
  return rows.map((r) => renderGroup(r, members ? (members.get(r.id) ?? []) : undefined, baseUrl));
}

/** GET /Groups/{id}; members as JSON text unless `members` is false (not asked for). */
export function getScimGroup(directoryId: string, id: string, baseUrl: string, withMembers: boolean | MembersMode = true): Versioned {
  const row = requireRow<GroupRow>("Group", directoryId, id);
  const mode: MembersMode = withMembers === true ? "json" : withMembers;
  return { resource: renderRows([row], mode, baseUrl)[0], version: row.version };
}

/** Lists omit members unless the caller asks (SPEC §2.3); filters on members still work. */
export function listScimGroups(directoryId: string, req: ListRequest, baseUrl: string, withMembers: boolean, opts: ListOptions = {}): ListResult {
  // A filter on members may be evaluated in memory, on member objects.
  const filterNeedsMembers = !!req.filter && /members/i.test(req.filter);
  const mode: MembersMode = filterNeedsMembers ? "objects" : withMembers ? "json" : false;
  const result = listResources<GroupRow>(
    {
      table: "group",
      rt: GROUP_RESOURCE,
      from: "SsoGroup g",
      alias: "g",
      render: (rows) => renderRows(rows, mode, baseUrl),
    },
    directoryId,
    req,
    opts,
  );
  if (!withMembers && filterNeedsMembers) {
    for (const r of result.resources) delete r.members;
  }
  return result;
}

function assertNameFree(directoryId: string, name: string, selfId: string | undefined): GroupRow | undefined {
  const same = stmt("SELECT * FROM SsoGroup WHERE directoryId = ? AND nameLower = ?").get(directoryId, name.toLowerCase()) as GroupRow | undefined;
  if (same && same.id !== selfId && (selfId !== undefined || same.provisioningType !== "Manual")) {
    throw uniqueness(`A group with displayName "${name}" already exists.`);
  }
  return same;
}

/**
 * Applies a membership change touching only the rows that change: probes for the added users
 * (primary key), inserts the new rows, deletes the removed ones, and moves the version of each
 * user whose membership changed. `cleared` (a full replace) deletes every stored row not in
 * `added` in one statement. Users must be users of this directory. True when a row changed.
 */
function applyMembershipDelta(directoryId: string, groupId: string, delta: MembershipDelta, now: string): boolean {
  const toAdd =
    delta.added.length === 0
      ? []
      : (stmt(
          "SELECT j.value FROM json_each(?) j WHERE NOT EXISTS (SELECT 1 FROM SsoGroupMember m WHERE m.groupId = ? AND m.userId = j.value) ORDER BY j.key",
        )
          .pluck()
          .all(JSON.stringify(delta.added), groupId) as string[]);
  if (toAdd.length > 0) {
    const found = new Set(
      // CROSS JOIN fixes the join order: primary-key probes per id, not a scan of the directory.
      stmt("SELECT u.id FROM json_each(?) j CROSS JOIN SsoUser u ON u.id = j.value WHERE u.directoryId = ?").pluck().all(JSON.stringify(toAdd), directoryId) as string[],
    );
    const missing = toAdd.filter((id) => !found.has(id));
    if (missing.length > 0) throw invalidValue(`Member(s) ${missing.map((m) => `"${m}"`).join(", ")} are not users in this directory.`);
    // In the order given, so the rowid keeps the join order among rows of the same createdAt.
    stmt("INSERT INTO SsoGroupMember (groupId, userId, createdAt) SELECT ?, j.value, ? FROM json_each(?) j ORDER BY j.key").run(groupId, now, JSON.stringify(toAdd));
  }
  let removed: string[] = [];
  if (delta.cleared) {
    removed = stmt("DELETE FROM SsoGroupMember WHERE groupId = ? AND userId NOT IN (SELECT value FROM json_each(?)) RETURNING userId")
      .pluck()
      .all(groupId, JSON.stringify(delta.added)) as string[];
  } else if (delta.removed.length > 0) {
    const del = stmt("DELETE FROM SsoGroupMember WHERE groupId = ? AND userId = ? RETURNING userId").pluck();
    for (const id of delta.removed) {
      const gone = del.get(groupId, id) as string | undefined;
      if (gone !== undefined) removed.push(gone);
    }
  }
  const changed = [...toAdd, ...removed];
  // A user's representation lists its groups, so its version (ETag) moves with membership.
  if (changed.length > 0) stmt("UPDATE SsoUser SET version = version + 1 WHERE id IN (SELECT value FROM json_each(?))").run(JSON.stringify(changed));
  return changed.length > 0;
}

/** Makes the group's members exactly `ids` (which must be users of this directory). */
function setMembers(directoryId: string, groupId: string, ids: string[], now: string): boolean {
  return applyMembershipDelta(directoryId, groupId, { cleared: true, added: ids, removed: [] }, now);
}

function stored(res: Resource): string {
  const { members: _m, ...rest } = res;
  void _m;
  return JSON.stringify(rest);
}

/** A SCIM write of the group: the columns, the stored SCIM JSON and scimSyncedAt ("Last synchronized"). */
function writeRow(id: string, res: Resource, now: string) {
  const name = res.displayName as string;
  const externalId = typeof res.externalId === "string" && res.externalId !== "" ? res.externalId : null;
  stmt(
    `UPDATE SsoGroup SET name = ?, nameLower = ?, externalId = ?, provisioningType = 'SCIM', scimJson = ?, version = version + 1, updatedAt = ?,
            scimSyncedAt = ?
      WHERE id = ?`,
  ).run(name, name.toLowerCase(), externalId, stored(res), now, now, id);
}

/** POST /Groups. A Manual group of the same name is taken over, like users are. */
export async function createScimGroupRow(directoryId: string, body: unknown): Promise<Written> {
  const res = parseGroupBody(body);
  const name = res.displayName as string;
  return writeTransaction(() => {
    const claimed = assertNameFree(directoryId, name, undefined);
    const now = sqlDate(new Date());
    let groupId: string;
    if (claimed) {
      groupId = claimed.id;
      writeRow(groupId, res, now);
    } else {
      groupId = newId("g", 20);
      const externalId = typeof res.externalId === "string" && res.externalId !== "" ? res.externalId : null;
      stmt(
        `INSERT INTO SsoGroup (id, directoryId, name, nameLower, description, provisioningType, externalId, scimJson, version, createdAt, updatedAt, scimSyncedAt)
         VALUES (?, ?, ?, ?, '', 'SCIM', ?, ?, 1, ?, ?, ?)`,
      ).run(groupId, directoryId, name, name.toLowerCase(), externalId, stored(res), now, now, now);
    }
    if (!claimed || res.members !== undefined) setMembers(directoryId, groupId, memberIds(res), now);
    return written("Group", groupId);
  });
}

/** PUT /Groups/{id} (Okta's full replace among them): members change by difference, row by row. */
export function replaceScimGroupRow(directoryId: string, id: string, body: unknown, ifMatch: string | null): Promise<Written> {
  const res = parseGroupBody(body);
  return writeExisting<GroupRow, Written>("Group", directoryId, id, ifMatch, () => {
    assertNameFree(directoryId, res.displayName as string, id);
    const now = sqlDate(new Date());
    setMembers(directoryId, id, memberIds(res), now);
    writeRow(id, res, now);
    return written("Group", id);
  });
}

/**
 * PATCH /Groups/{id}. Membership operations IdPs send (planMemberPatch) change only the member
 * rows concerned and never load the member list; anything else runs on the whole representation,
 * as RFC 7644 describes it. Either way one transaction, and the version moves once (or not at all
 * when nothing changed).
 */
export function patchScimGroupRow(directoryId: string, id: string, ops: PatchOperation[], ifMatch: string | null, baseUrl: string): Promise<Written> {
  const plan = planMemberPatch(ops);
  return writeExisting<GroupRow, Written>("Group", directoryId, id, ifMatch, (row) => {
    const now = sqlDate(new Date());
    const current = renderRows([row], plan ? false : "objects", baseUrl)[0];
    const after = parseGroupBody(applyPatch(current, plan ? plan.others : ops, GROUP_RESOURCE));
    const membersChanged = plan
      ? plan.touchesMembers && applyMembershipDelta(directoryId, id, plan.delta, now)
      : setMembers(directoryId, id, memberIds(after), now);
    const before = normalizeResource(current, GROUP_RESOURCE);
    delete before.members;
    const { members: _m, ...afterRest } = after;
    void _m;
    if (!membersChanged && JSON.stringify(afterRest) === JSON.stringify(before)) return written("Group", id);
    assertNameFree(directoryId, after.displayName as string, id);
    writeRow(id, after, now);
    return written("Group", id);
  });
}

export async function createScimGroup(directoryId: string, body: unknown, baseUrl: string): Promise<Versioned> {
  return getScimGroup(directoryId, (await createScimGroupRow(directoryId, body)).id, baseUrl);
}

export async function replaceScimGroup(directoryId: string, id: string, body: unknown, ifMatch: string | null, baseUrl: string): Promise<Versioned> {
  await replaceScimGroupRow(directoryId, id, body, ifMatch);
  return getScimGroup(directoryId, id, baseUrl);
}

export async function patchScimGroup(directoryId: string, id: string, ops: PatchOperation[], ifMatch: string | null, baseUrl: string): Promise<Versioned> {
  await patchScimGroupRow(directoryId, id, ops, ifMatch, baseUrl);
  return getScimGroup(directoryId, id, baseUrl);
}

/** DELETE /Groups/{id}: memberships go too, and the members' versions move on. */
export function deleteScimGroup(directoryId: string, id: string, ifMatch: string | null): Promise<void> {
  return writeExisting<GroupRow>("Group", directoryId, id, ifMatch, () => {
    const userIds = stmt("DELETE FROM SsoGroupMember WHERE groupId = ? RETURNING userId").pluck().all(id);
    stmt("DELETE FROM SsoAccessAssignment WHERE principalType = 'Group' AND principalId = ?").run(id);
    stmt("DELETE FROM SsoGroup WHERE id = ?").run(id);
    stmt("UPDATE SsoUser SET version = version + 1 WHERE id IN (SELECT value FROM json_each(?))").run(JSON.stringify(userIds));
  });
}

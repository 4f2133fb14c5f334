import "server-only";
import { newId } from "@/lib/ids";
import { invalidValue, uniqueness } from "@/lib/scim/errors";
import { memberIds, parseGroupBody } from "@/lib/scim/group-resource";
import type { ListRequest } from "@/lib/scim/list-request";
import { normalizeResource, resourceFromJson, type Resource } from "@/lib/scim/normalize";
import { applyPatch, type PatchOperation } from "@/lib/scim/patch";
import { GROUP_RESOURCE, GROUP_SCHEMA } from "@/lib/scim/schemas";
import { listResources, type ListOptions, type ListResult } from "./scim-list";
import { requireRow, resourceMeta, rowsForIds, writeExisting, type ResourceRow, type Versioned } from "./scim-rows";
import { sqlDate, stmt, writeTransaction } from "./scim-sql";

/** SCIM Groups on SsoGroup; members live in SsoGroupMember (users of the same directory only). */
interface GroupRow extends ResourceRow {
  name: string;
  nameLower: string;
}

type MemberRef = { groupId: string; id: string; userName: string; displayName: string };

/** Each group's members, in the order they joined. */
const MEMBERS_OF_GROUPS = {
  one: "SELECT m.groupId, u.id, u.userName, u.displayName FROM SsoGroupMember m JOIN SsoUser u ON u.id = m.userId WHERE m.groupId = ? ORDER BY m.createdAt, m.rowid",
  many: "SELECT m.groupId, u.id, u.userName, u.displayName FROM json_each(?) j CROSS JOIN SsoGroupMember m ON m.groupId = j.value JOIN SsoUser u ON u.id = m.userId ORDER BY m.createdAt, m.rowid",
};

function membersOf(groupIds: string[]): Map<string, MemberRef[]> {
  return rowsForIds<MemberRef>(groupIds, MEMBERS_OF_GROUPS, (r) => r.groupId);
}

function renderGroup(row: GroupRow, members: MemberRef[] | undefined, baseUrl: string): Resource {
  const stored = resourceFromJson(row.scimJson);
  return {
    schemas: [GROUP_SCHEMA],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    displayName: row.name,
    ...Object.fromEntries(Object.entries(stored).filter(([k]) => !["displayName", "externalId", "members"].includes(k))),
    ...(members && members.length > 0
      ? { members: members.map((m) => ({ value: m.id, $ref: `${baseUrl}/Users/${m.id}`, display: m.displayName || m.userName, type: "User" })) }
      : {}),
    meta: resourceMeta("Group", row, baseUrl),
  };
}

function renderRows(rows: GroupRow[], withMembers: boolean, baseUrl: string): Resource[] {
  const members = withMembers ? membersOf(rows.map((r) => r.id)) : undefined;
  return rows.map((r) => renderGroup(r, members ? (members.get(r.id) ?? []) : undefined, baseUrl));
}

export function getScimGroup(directoryId: string, id: string, baseUrl: string, withMembers = true): Versioned {
  const row = requireRow<GroupRow>("Group", directoryId, id);
  return { resource: renderRows([row], withMembers, baseUrl)[0], version: row.version };
}

/** Lists omit members unless the caller asks (SPEC §2.3); filters on members still work. */
export function listScimGroups(directoryId: string, req: ListRequest, baseUrl: string, withMembers: boolean, opts: ListOptions = {}): ListResult {
  const filterNeedsMembers = !!req.filter && /members/i.test(req.filter);
  const result = listResources<GroupRow>(
    {
      table: "group",
      rt: GROUP_RESOURCE,
      from: "SsoGroup g",
      alias: "g",
      render: (rows) => renderRows(rows, withMembers || filterNeedsMembers, baseUrl),
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

/** Makes the group's members exactly `ids` (which must be users of this directory). */
function setMembers(directoryId: string, groupId: string, ids: string[], now: string): boolean {
  const current = new Set((stmt("SELECT userId FROM SsoGroupMember WHERE groupId = ?").all(groupId) as { userId: string }[]).map((r) => r.userId));
  const wanted = new Set(ids);
  const toAdd = ids.filter((id) => !current.has(id));
  const toRemove = [...current].filter((id) => !wanted.has(id));
  if (toAdd.length > 0) {
    const found = new Set(
      // CROSS JOIN fixes the join order: primary-key probes per id, not a scan of the directory.
      (stmt("SELECT u.id FROM json_each(?) j CROSS JOIN SsoUser u ON u.id = j.value WHERE u.directoryId = ?").all(JSON.stringify(toAdd), directoryId) as {
        id: string;
      }[]).map((r) => r.id),
    );
    const missing = toAdd.filter((id) => !found.has(id));
    if (missing.length > 0) throw invalidValue(`Member(s) ${missing.map((m) => `"${m}"`).join(", ")} are not users in this directory.`);
    for (const id of toAdd) stmt("INSERT INTO SsoGroupMember (groupId, userId, createdAt) VALUES (?, ?, ?)").run(groupId, id, now);
  }
  for (const id of toRemove) stmt("DELETE FROM SsoGroupMember WHERE groupId = ? AND userId = ?").run(groupId, id);
  // A user's representation lists its groups, so its version (ETag) moves with membership.
  for (const id of [...toAdd, ...toRemove]) stmt("UPDATE SsoUser SET version = version + 1 WHERE id = ?").run(id);
  return toAdd.length > 0 || toRemove.length > 0;
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
export async function createScimGroup(directoryId: string, body: unknown, baseUrl: string): Promise<Versioned> {
  const res = parseGroupBody(body);
  const name = res.displayName as string;
  const id = await writeTransaction(() => {
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
    return groupId;
  });
  return getScimGroup(directoryId, id, baseUrl);
}

export async function replaceScimGroup(directoryId: string, id: string, body: unknown, ifMatch: string | null, baseUrl: string): Promise<Versioned> {
  const res = parseGroupBody(body);
  await writeExisting<GroupRow>("Group", directoryId, id, ifMatch, () => {
    assertNameFree(directoryId, res.displayName as string, id);
    const now = sqlDate(new Date());
    setMembers(directoryId, id, memberIds(res), now);
    writeRow(id, res, now);
  });
  return getScimGroup(directoryId, id, baseUrl);
}

export async function patchScimGroup(directoryId: string, id: string, ops: PatchOperation[], ifMatch: string | null, baseUrl: string): Promise<Versioned> {
  await writeExisting<GroupRow>("Group", directoryId, id, ifMatch, (row) => {
    const current = renderRows([row], true, baseUrl)[0];
    const after = parseGroupBody(applyPatch(current, ops, GROUP_RESOURCE));
    const now = sqlDate(new Date());
    const membersChanged = setMembers(directoryId, id, memberIds(after), now);
    const before = normalizeResource(current, GROUP_RESOURCE);
    delete before.members;
    const { members: _m, ...afterRest } = after;
    void _m;
    if (!membersChanged && JSON.stringify(afterRest) === JSON.stringify(before)) return;
    assertNameFree(directoryId, after.displayName as string, id);
    writeRow(id, after, now);
  });
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

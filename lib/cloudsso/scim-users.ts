import "server-only";
import { newId } from "@/lib/ids";
import { uniqueness } from "@/lib/scim/errors";
import { jsonText, RawJson } from "@/lib/scim/json-text";
import type { ListRequest } from "@/lib/scim/list-request";
import { project } from "@/lib/scim/projection";
import { normalizeResource, order, resourceFromJson, type Resource } from "@/lib/scim/normalize";
import { applyPatch, type PatchOperation } from "@/lib/scim/patch";
import { ENTERPRISE_USER_SCHEMA, USER_RESOURCE, USER_SCHEMA } from "@/lib/scim/schemas";
import { overlayUserFields, parseUserBody, userFields, type CloudSsoUserFields } from "@/lib/scim/user-resource";
import { listResources, type ListOptions, type ListResult } from "./scim-list";
import { requireRow, resourceMeta, rowsForIds, writeExisting, written, type ResourceRow, type Versioned, type Written } from "./scim-rows";
import { sqlDate, stmt, writeDerived, writeTransaction } from "./scim-sql";
import { lookupKey, storedUser, userFieldsOf } from "./user-row";

/** SCIM Users on the SsoUser table: the CloudSSO columns and the full SCIM JSON kept in step. */
export interface UserRow extends ResourceRow {
  userName: string;
  userNameLower: string;
  firstName: string;
  lastName: string;
  displayName: string;
  displayNameLower: string;
  email: string;
  emailLower: string;
  status: string;
}

type GroupRef = { userId: string; id: string; name: string };

/** Each user's groups, in the order the user joined them. */
const GROUPS_OF_USERS = {
  one: "SELECT m.userId, g.id, g.name FROM SsoGroupMember m JOIN SsoGroup g ON g.id = m.groupId WHERE m.userId = ? ORDER BY m.createdAt, m.rowid",
  many: "SELECT m.userId, g.id, g.name FROM json_each(?) j CROSS JOIN SsoGroupMember m ON m.userId = j.value JOIN SsoGroup g ON g.id = m.groupId ORDER BY m.createdAt, m.rowid",
};

function groupsOf(userIds: string[]): Map<string, GroupRef[]> {
  return rowsForIds<GroupRef>(userIds, GROUPS_OF_USERS, (r) => r.userId);
}

/** What rendering a user reads of its row (lists select just these). */
type RenderedUserRow = Pick<UserRow, "id" | "userName" | "firstName" | "lastName" | "displayName" | "email" | "status" | "externalId" | "scimJson" | "version" | "createdAt" | "updatedAt">;
const RENDERED_COLUMNS = "u.id, u.userName, u.firstName, u.lastName, u.displayName, u.email, u.status, u.externalId, u.scimJson, u.version, u.createdAt, u.updatedAt";

const SERVER_OWNED = new Set(["id", "meta"]);

/** One entry of a user's `groups`. */
const groupEntry = (g: GroupRef, baseUrl: string) => ({ value: g.id, $ref: `${baseUrl}/Groups/${g.id}`, display: g.name, type: "direct" });

/**
 * The columns a user's representation less its meta is made of: exactly the columns whose write
 * makes the stored text stale (the trigger of migration 20261201120000 names the same; a unit test
 * holds the two together).
 */
export const TEXT_COLUMNS = ["id", "userName", "firstName", "lastName", "displayName", "email", "status", "externalId", "scimJson"] as const;
type BodyRow = Pick<UserRow, (typeof TEXT_COLUMNS)[number]>;

/** The representation less meta; `groups` is the user's groups, or (stored texts) a slot their JSON goes into later. */
function userBody(row: BodyRow, groups: GroupRef[] | RawJson, baseUrl: string): Resource {
  const body = overlayUserFields(resourceFromJson(row.scimJson), userFieldsOf(row));
  if (groups instanceof RawJson) body.groups = groups;
  else if (groups.length > 0) body.groups = groups.map((g) => groupEntry(g, baseUrl));
  // The row's id and meta replace whatever the stored JSON might hold.
  const ordered = order(body, USER_RESOURCE, SERVER_OWNED);
  return {
    schemas: ordered[ENTERPRISE_USER_SCHEMA] ? [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] : [USER_SCHEMA],
    id: row.id,
    ...ordered,
  };
}

export function renderUser(row: RenderedUserRow, groups: GroupRef[], baseUrl: string): Resource {
  return { ...userBody(row, groups, baseUrl), meta: resourceMeta("User", row, baseUrl) };
}

function renderRows(rows: RenderedUserRow[], baseUrl: string): Resource[] {
  const groups = groupsOf(rows.map((r) => r.id));
  return rows.map((r) => renderUser(r, groups.get(r.id) ?? [], baseUrl));
}

/*
 * Stored texts (issue 12: a page of 100 users at 500 req/s in a directory of 100,000). Each user
 * row keeps its default-projection JSON text as list pages send it (scimText) less two parts
 * that change without the user being written: its groups (membership, renamed groups), spliced
 * into a slot the text keeps for them, and its meta (version, lastModified, location), appended.
 * Both are made for every page from what the page reads anyway. The database itself forgets a
 * text: a trigger (migration 20261201120000) clears it and moves scimTextStamp whenever a column
 * the text is made of is written, by SCIM, the console or anything else. SCIM writes store the
 * new text in their transaction; a list page renders the users that have none and stores them
 * afterwards, each only if its stamp has not moved since the page read it.
 *
 * Texts outlive the code that made them. The slot's mark carries TEXT_FORMAT: a text without the
 * current mark (made by a build that rendered users differently) counts as missing and is made
 * again. Change what userBody() renders → bump TEXT_FORMAT (a unit test pins today's text).
 */
export const TEXT_FORMAT = 1;
// JSON.stringify escapes control characters, so the mark is never in a text otherwise.
const GROUPS_SLOT_MARK = `\u0001${TEXT_FORMAT}\u0001`;
const GROUPS_SLOT = new RawJson(GROUPS_SLOT_MARK);
const usable = (text: string | null): text is string => text !== null && text.includes(GROUPS_SLOT_MARK);
const GROUPS_KEY = ',"groups":';

/** What a list page sent from texts reads of each row; users without a text are read whole. */
type ListedUserRow = Pick<UserRow, "id" | "version" | "createdAt" | "updatedAt"> & { scimText: string | null; scimTextStamp: number };
const LISTED_COLUMNS = "u.id, u.version, u.createdAt, u.updatedAt, u.scimText, u.scimTextStamp";
const RENDERED_ROWS = {
  one: `SELECT ${RENDERED_COLUMNS}, u.scimTextStamp FROM SsoUser u WHERE u.id = ?`,
  many: `SELECT ${RENDERED_COLUMNS}, u.scimTextStamp FROM json_each(?) j CROSS JOIN SsoUser u ON u.id = j.value`,
};

/** The user's text with a slot for its groups and without its meta (see above). */
export function slottedText(row: BodyRow): string {
  return jsonText(project(userBody(row, GROUPS_SLOT, ""), USER_RESOURCE, {}));
}

/** The slotted text with the user's groups in place (none: no `groups` attribute) and its meta last. */
function listedText(slotted: string, row: Pick<UserRow, "id" | "version" | "createdAt" | "updatedAt">, groups: GroupRef[] | undefined, baseUrl: string): string {
  const at = slotted.indexOf(GROUPS_SLOT_MARK);
  const head = !groups || groups.length === 0 ? slotted.slice(0, at - GROUPS_KEY.length) : slotted.slice(0, at) + JSON.stringify(groups.map((g) => groupEntry(g, baseUrl)));
  return `${head}${slotted.slice(at + GROUPS_SLOT_MARK.length, -1)},"meta":${JSON.stringify(resourceMeta("User", row, baseUrl))}}`;
}

function renderTexts(rows: ListedUserRow[], baseUrl: string): RawJson[] {
  const groups = groupsOf(rows.map((r) => r.id));
  const missing = rows.filter((r) => !usable(r.scimText)).map((r) => r.id);
  const whole = rowsForIds<RenderedUserRow & { scimTextStamp: number }>(missing, RENDERED_ROWS, (r) => r.id);
  const made: { id: string; stamp: number; text: string }[] = [];
  const texts: RawJson[] = [];
  for (const r of rows) {
    if (usable(r.scimText)) {
      texts.push(new RawJson(listedText(r.scimText, r, groups.get(r.id), baseUrl)));
      continue;
    }
    // Read whole just now: render from that read (a row deleted since the page read it is left out).
    const row = whole.get(r.id)?.[0];
    if (!row) continue;
    const slotted = slottedText(row);
    made.push({ id: row.id, stamp: row.scimTextStamp, text: slotted });
    texts.push(new RawJson(listedText(slotted, row, groups.get(r.id), baseUrl)));
  }
  if (made.length > 0) setImmediate(() => keepTexts(made));
  return texts;
}

/** After the page is answered: store the texts it rendered, each only while its row is as read. */
function keepTexts(made: { id: string; stamp: number; text: string }[]) {
  try {
    writeDerived(() => {
      const keep = stmt("UPDATE SsoUser SET scimText = ? WHERE id = ? AND scimTextStamp = ?");
      for (const m of made) keep.run(m.text, m.id, m.stamp);
    });
  } catch (err) {
    // Derived data, after the answer: a failed store (disk full, read-only file) costs only a
    // render next time, and must not take the server down from a callback nobody awaits.
    console.error("SCIM list texts not stored:", err instanceof Error ? err.message : err);
  }
}

export function getScimUser(directoryId: string, id: string, baseUrl: string): Versioned {
  const row = requireRow<UserRow>("User", directoryId, id);
  return { resource: renderRows([row], baseUrl)[0], version: row.version };
}

export function listScimUsers(directoryId: string, req: ListRequest, baseUrl: string, opts: ListOptions = {}): ListResult {
  return listResources<RenderedUserRow, ListedUserRow>(
    {
      table: "user",
      rt: USER_RESOURCE,
      from: "SsoUser u",
      alias: "u",
      columns: RENDERED_COLUMNS,
      render: (rows) => renderRows(rows, baseUrl),
      textColumns: LISTED_COLUMNS,
      renderText: (rows) => renderTexts(rows, baseUrl),
    },
    directoryId,
    req,
    opts,
  );
}

function assertUnique(directoryId: string, f: CloudSsoUserFields, selfId: string | undefined): UserRow | undefined {
  const sameName = stmt("SELECT * FROM SsoUser WHERE directoryId = ? AND userNameLower = ?").get(directoryId, lookupKey(f.userName)) as
    | UserRow
    | undefined;
  if (sameName && sameName.id !== selfId && (selfId !== undefined || sameName.provisioningType !== "Manual")) {
    throw uniqueness(`A user with userName "${f.userName}" already exists.`);
  }
  if (f.email) {
    const clash = stmt("SELECT id FROM SsoUser WHERE directoryId = ? AND emailLower = ? AND id <> ? LIMIT 1").get(
      directoryId,
      lookupKey(f.email),
      selfId ?? sameName?.id ?? "",
    );
    if (clash) throw uniqueness(`The email address "${f.email}" is already used by another user.`);
  }
  return sameName;
}

/**
 * Writes the user as SCIM sent it: the columns storedUser() derives and the email index rows.
 * Every SCIM write makes the user SCIM-managed and stamps scimSyncedAt (the console's "Last
 * synchronized"; console writes leave it alone); called inside the write transaction.
 */
function writeUser(directoryId: string, id: string, res: Resource, f: CloudSsoUserFields, now: string, isNew: boolean) {
  const { columns, emailKeys } = storedUser(f, res);
  // The list text, stored with the row (after the UPDATE: its trigger clears the old one).
  const scimText = slottedText({ ...columns, id });
  const values = { ...columns, id, directoryId, now, scimText };
  if (isNew) {
    stmt(
      `INSERT INTO SsoUser (id, directoryId, userName, userNameLower, firstName, lastName, displayName, displayNameLower, email, emailLower,
                            description, status, provisioningType, externalId, scimJson, scimText, version, createdAt, updatedAt, scimSyncedAt)
       VALUES (@id, @directoryId, @userName, @userNameLower, @firstName, @lastName, @displayName, @displayNameLower, @email, @emailLower,
               '', @status, 'SCIM', @externalId, @scimJson, @scimText, 1, @now, @now, @now)`,
    ).run(values);
  } else {
    stmt(
      `UPDATE SsoUser SET userName = @userName, userNameLower = @userNameLower, firstName = @firstName, lastName = @lastName,
              displayName = @displayName, displayNameLower = @displayNameLower, email = @email, emailLower = @emailLower, status = @status,
              externalId = @externalId, provisioningType = 'SCIM', scimJson = @scimJson, version = version + 1, updatedAt = @now,
              scimSyncedAt = @now
        WHERE id = @id`,
    ).run(values);
    stmt("UPDATE SsoUser SET scimText = @scimText WHERE id = @id").run(values);
  }
  stmt("DELETE FROM SsoUserEmail WHERE userId = ?").run(id);
  const insert = stmt("INSERT OR IGNORE INTO SsoUserEmail (userId, directoryId, valueLower) VALUES (?, ?, ?)");
  for (const key of emailKeys) insert.run(id, directoryId, key);
}

/** POST /Users. A Manual user with the same userName is claimed (CloudSSO), not a conflict. */
export function createScimUserRow(directoryId: string, body: unknown): Promise<Written> {
  const res = parseUserBody(body);
  const f = userFields(res);
  return writeTransaction(() => {
    const claimed = assertUnique(directoryId, f, undefined);
    const userId = claimed?.id ?? newId("u", 20);
    writeUser(directoryId, userId, res, f, sqlDate(new Date()), !claimed);
    return written("User", userId);
  });
}

/** PUT /Users/{id}: the body replaces every writable attribute. */
export function replaceScimUserRow(directoryId: string, id: string, body: unknown, ifMatch: string | null): Promise<Written> {
  const res = parseUserBody(body);
  const f = userFields(res);
  return writeExisting<UserRow, Written>("User", directoryId, id, ifMatch, () => {
    assertUnique(directoryId, f, id);
    writeUser(directoryId, id, res, f, sqlDate(new Date()), false);
    return written("User", id);
  });
}

/** PATCH /Users/{id}: operations apply to the current representation, all or nothing. */
export function patchScimUserRow(directoryId: string, id: string, ops: PatchOperation[], ifMatch: string | null, baseUrl: string): Promise<Written> {
  return writeExisting<UserRow, Written>("User", directoryId, id, ifMatch, (row) => {
    const current = renderRows([row], baseUrl)[0];
    const before = normalizeResource(current, USER_RESOURCE);
    const after = parseUserBody(applyPatch(current, ops, USER_RESOURCE));
    // An operation that changes nothing keeps the version (and the ETag) as it was.
    if (JSON.stringify(after) === JSON.stringify(before)) return written("User", id);
    const f = userFields(after);
    assertUnique(directoryId, f, id);
    writeUser(directoryId, id, after, f, sqlDate(new Date()), false);
    return written("User", id);
  });
}

export async function createScimUser(directoryId: string, body: unknown, baseUrl: string): Promise<Versioned> {
  return getScimUser(directoryId, (await createScimUserRow(directoryId, body)).id, baseUrl);
}

export async function replaceScimUser(directoryId: string, id: string, body: unknown, ifMatch: string | null, baseUrl: string): Promise<Versioned> {
  await replaceScimUserRow(directoryId, id, body, ifMatch);
  return getScimUser(directoryId, id, baseUrl);
}

export async function patchScimUser(directoryId: string, id: string, ops: PatchOperation[], ifMatch: string | null, baseUrl: string): Promise<Versioned> {
  await patchScimUserRow(directoryId, id, ops, ifMatch, baseUrl);
  return getScimUser(directoryId, id, baseUrl);
}

/** DELETE /Users/{id}: memberships go too, and the groups' versions move on. */
export function deleteScimUser(directoryId: string, id: string, ifMatch: string | null): Promise<void> {
  return writeExisting<UserRow>("User", directoryId, id, ifMatch, () => {
    const groupIds = stmt("DELETE FROM SsoGroupMember WHERE userId = ? RETURNING groupId").pluck().all(id);
    stmt("DELETE FROM SsoAccessAssignment WHERE principalType = 'User' AND principalId = ?").run(id);
    stmt("DELETE FROM SsoUser WHERE id = ?").run(id);
    stmt("UPDATE SsoGroup SET version = version + 1, updatedAt = ? WHERE id IN (SELECT value FROM json_each(?))").run(sqlDate(new Date()), JSON.stringify(groupIds));
  });
}

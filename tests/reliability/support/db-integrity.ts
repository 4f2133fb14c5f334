import type Database from "better-sqlite3";

/**
 * Database integrity after hostile traffic: no membership pointing at a missing user or group or
 * across directories, no case-insensitive duplicate userNames in a directory, and every SCIM
 * object's stored JSON parses and agrees with its CloudSSO columns — a half-applied PATCH would
 * leave the two out of step — and with the lookup index the SCIM filters run on.
 */
export function integrityProblems(db: Database.Database): string[] {
  const problems: string[] = [];

  const orphans = db
    .prepare(
      `SELECT m.groupId, m.userId FROM SsoGroupMember m
         LEFT JOIN SsoUser u ON u.id = m.userId
         LEFT JOIN SsoGroup g ON g.id = m.groupId
        WHERE u.id IS NULL OR g.id IS NULL OR u.directoryId <> g.directoryId`,
    )
    .all() as { groupId: string; userId: string }[];
  for (const o of orphans) problems.push(`orphan or cross-directory membership ${o.groupId} → ${o.userId}`);

  const dupes = db
    .prepare(`SELECT directoryId, lower(userName) AS n, count(*) AS c FROM SsoUser GROUP BY directoryId, lower(userName) HAVING c > 1`)
    .all() as { directoryId: string; n: string; c: number }[];
  for (const d of dupes) problems.push(`userName "${d.n}" appears ${d.c} times in ${d.directoryId}`);

  const lowerMismatch = db.prepare(`SELECT id, userName, userNameLower FROM SsoUser WHERE userNameLower <> lower(userName)`).all() as {
    id: string;
    userName: string;
    userNameLower: string;
  }[];
  for (const u of lowerMismatch) problems.push(`user ${u.id}: userNameLower "${u.userNameLower}" is not lower("${u.userName}")`);

  const users = db.prepare(`SELECT * FROM SsoUser WHERE provisioningType = 'SCIM'`).all() as Record<string, string | number | null>[];
  for (const u of users) {
    const res = parse(u.scimJson as string);
    if (!res) {
      problems.push(`user ${u.id}: scimJson does not parse`);
      continue;
    }
    const name = isObject(res.name) ? res.name : {};
    const expect: [string, unknown, unknown][] = [
      ["userName", res.userName, u.userName],
      ["name.givenName", str(name.givenName), u.firstName],
      ["name.familyName", str(name.familyName), u.lastName],
      ["displayName", str(res.displayName), u.displayName],
      ["active", res.active === false ? "Disabled" : "Enabled", u.status],
      ["externalId", str(res.externalId) || null, u.externalId || null],
    ];
    for (const [attr, json, column] of expect) {
      if (json !== column) problems.push(`user ${u.id}: ${attr} is ${JSON.stringify(json)} in scimJson but ${JSON.stringify(column)} in its column`);
    }
    const emails = Array.isArray(res.emails) ? (res.emails as { value?: unknown }[]) : [];
    const emailColumn = String(u.email ?? "");
    if (emailColumn !== "" && !emails.some((e) => e.value === emailColumn)) {
      problems.push(`user ${u.id}: email column "${emailColumn}" is not among scimJson emails`);
    }
    if (emailColumn === "" && emails.length > 0) problems.push(`user ${u.id}: scimJson has emails but the email column is empty`);
  }

  problems.push(...lookupIndexProblems(db));

  const groups = db.prepare(`SELECT * FROM SsoGroup WHERE provisioningType = 'SCIM'`).all() as Record<string, string | number | null>[];
  for (const g of groups) {
    const res = parse(g.scimJson as string);
    if (!res) {
      problems.push(`group ${g.id}: scimJson does not parse`);
      continue;
    }
    if (res.displayName !== g.name) problems.push(`group ${g.id}: displayName ${JSON.stringify(res.displayName)} but name column ${JSON.stringify(g.name)}`);
    if ((str(res.externalId) || null) !== (g.externalId || null)) {
      problems.push(`group ${g.id}: externalId ${JSON.stringify(res.externalId)} but column ${JSON.stringify(g.externalId)}`);
    }
    if (g.nameLower !== String(g.name).toLowerCase()) problems.push(`group ${g.id}: nameLower is not lower(name)`);
  }
  return problems;
}

/**
 * The lookup columns SCIM filters run on (displayNameLower, one SsoUserEmail row per email shown)
 * must follow the user: a stale row would make `emails.value eq` find the wrong user.
 */
function lookupIndexProblems(db: Database.Database): string[] {
  const problems: string[] = [];
  const hasTable = (name: string) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
  if (!hasTable("SsoUserEmail")) return problems;
  const users = db.prepare("SELECT id, directoryId, displayName, displayNameLower, email, scimJson, provisioningType FROM SsoUser").all() as Record<string, string>[];
  const rows = db.prepare("SELECT userId, directoryId, valueLower FROM SsoUserEmail").all() as { userId: string; directoryId: string; valueLower: string }[];
  const byUser = new Map<string, string[]>();
  for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r.valueLower]);
  for (const u of users) {
    if (u.displayNameLower !== u.displayName.toLowerCase()) problems.push(`user ${u.id}: displayNameLower is not the lower-cased displayName`);
    const res = u.provisioningType === "SCIM" ? parse(u.scimJson) : null;
    const expected = new Set<string>();
    for (const e of Array.isArray(res?.emails) ? (res.emails as { value?: unknown }[]) : []) if (typeof e.value === "string") expected.add(e.value.toLowerCase());
    if (u.email) expected.add(u.email.toLowerCase());
    const actual = new Set(byUser.get(u.id) ?? []);
    const missing = [...expected].filter((x) => !actual.has(x));
    const extra = [...actual].filter((x) => !expected.has(x));
    if (missing.length > 0 || extra.length > 0) problems.push(`user ${u.id}: email index missing ${JSON.stringify(missing)}, stale ${JSON.stringify(extra)}`);
  }
  const ids = new Map(users.map((u) => [u.id, u.directoryId]));
  for (const r of rows) if (ids.get(r.userId) !== r.directoryId) problems.push(`email index row for ${r.userId} names another directory`);
  return problems;
}

function parse(json: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(json);
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

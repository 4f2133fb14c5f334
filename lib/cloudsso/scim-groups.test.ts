import { beforeAll, describe, expect, it } from "vitest";
import { jsonText } from "@/lib/scim/json-text";
import { parsePatchRequest } from "@/lib/scim/patch";
import { PATCH_OP_SCHEMA } from "@/lib/scim/schemas";
import { migratedDatabase } from "../../tests/support/migrated-database";

/**
 * Membership writes on a big group touch only the rows that change: every statement a PATCH runs
 * is read back (SCIM_SQL_TRACE), its query plan may not walk the group's member rows or a table,
 * and the rows it changed are counted (total_changes). Runs the real store on a throwaway database.
 */
const DIR = "d-groups-test";
const BASE = "http://test/scim/v2";
const BIG = 5_000;

let groups: typeof import("./scim-groups");
let sqlMod: typeof import("./scim-sql");
const users: string[] = [];
let big: string;
let small: string;

const op = (...Operations: unknown[]) => parsePatchRequest({ schemas: [PATCH_OP_SCHEMA], Operations });

beforeAll(async () => {
  process.env.SCIM_SQL_TRACE = "1";
  const { setup } = migratedDatabase("scim-groups");
  const now = new Date().toISOString().replace("Z", "+00:00");
  setup.prepare("INSERT INTO SsoDirectory (id, name, scimEnabled, createdAt) VALUES (?, ?, 1, ?)").run(DIR, DIR, now);
  const insert = setup.prepare("INSERT INTO SsoUser (id, directoryId, userName, userNameLower, displayName, provisioningType, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, 'SCIM', ?, ?)");
  setup.transaction(() => {
    for (let i = 0; i < BIG + 50; i++) {
      const id = `u-${String(i).padStart(5, "0")}`;
      insert.run(id, DIR, `user${i}`, `user${i}`, i % 2 ? `User ${i}` : "", now, now);
      users.push(id);
    }
  })();
  setup.close();
  groups = await import("./scim-groups");
  sqlMod = await import("./scim-sql");
  big = (await groups.createScimGroupRow(DIR, { displayName: "All employees", members: users.slice(0, BIG).map((value) => ({ value })) })).id;
  small = (await groups.createScimGroupRow(DIR, { displayName: "Few", members: users.slice(0, 3).map((value) => ({ value })) })).id;
});

const changes = () => sqlMod.sql().prepare("SELECT total_changes() AS n").pluck().get() as number;
const version = (id: string) => sqlMod.sql().prepare("SELECT version FROM SsoGroup WHERE id = ?").pluck().get(id) as number;
const members = (id: string) => sqlMod.sql().prepare("SELECT userId FROM SsoGroupMember WHERE groupId = ? ORDER BY createdAt, rowid").pluck().all(id) as string[];

/** The statements `fn` runs, the rows it changed, and every plan step that reads more than it should. */
async function traced(fn: () => Promise<unknown>) {
  const before = changes();
  const { statements } = await sqlMod.traceStatements(fn);
  const changed = changes() - before;
  const walks: string[] = [];
  for (const s of statements) {
    if (/^\s*(BEGIN|COMMIT|ROLLBACK)/i.test(s)) continue;
    const plan = (sqlMod.sql().prepare(`EXPLAIN QUERY PLAN ${s}`).all() as { detail: string }[]).map((p) => p.detail);
    for (const step of plan) {
      // A scan of a table, or a search of the member table by group alone, reads the whole group.
      if (/^SCAN (SsoGroupMember|SsoUser|SsoGroup|m|u|g)\b/.test(step) || /SEARCH (SsoGroupMember|m) USING (COVERING )?INDEX \S+ \(groupId=\?\)$/.test(step)) {
        walks.push(`${step}  ←  ${s.slice(0, 160)}`);
      }
    }
  }
  return { statements: statements.filter((s) => !/^\s*(BEGIN|COMMIT|ROLLBACK)/i.test(s)), changed, walks };
}

describe("membership PATCH on a 5,000-member group touches only the changed rows", () => {
  it("adds one member: one member row, the user's version and the group's, nothing read in bulk", async () => {
    const v = version(big);
    const add = await traced(() => groups.patchScimGroupRow(DIR, big, op({ op: "add", path: "members", value: [{ value: users[BIG] }] }), null, BASE));
    expect(add.walks).toEqual([]);
    expect(add.changed).toBe(3); // INSERT member, UPDATE user version, UPDATE group
    expect(version(big)).toBe(v + 1);
    expect(members(big).slice(-2)).toEqual([users[BIG - 1], users[BIG]]);
    // The same PATCH on a 3-member group runs the same statements: the cost does not grow with the group.
    const onSmall = await traced(() => groups.patchScimGroupRow(DIR, small, op({ op: "add", path: "members", value: [{ value: users[BIG] }] }), null, BASE));
    expect(onSmall.statements.length).toBe(add.statements.length);
  });

  it("removes one member by filter, and a value list (Entra), the same way", async () => {
    const v = version(big);
    const byFilter = await traced(() => groups.patchScimGroupRow(DIR, big, op({ op: "remove", path: `members[value eq "${users[BIG]}"]` }), null, BASE));
    expect(byFilter.walks).toEqual([]);
    expect(byFilter.changed).toBe(3);
    expect(version(big)).toBe(v + 1);
    expect(members(big)).not.toContain(users[BIG]);

    const entra = await traced(() =>
      groups.patchScimGroupRow(DIR, big, op({ op: "Remove", path: "members", value: [{ $ref: null, value: users[10] }, { value: users[20] }, { value: "u-not-a-member" }] }), null, BASE),
    );
    expect(entra.walks).toEqual([]);
    expect(entra.changed).toBe(2 + 2 + 1);
    expect(version(big)).toBe(v + 2);
    expect(members(big)).toHaveLength(BIG - 2);
  });

  it("changes nothing, and keeps the version, when the member is already there", async () => {
    const v = version(big);
    const noop = await traced(() => groups.patchScimGroupRow(DIR, big, op({ op: "add", path: "members", value: [{ value: users[0] }] }), null, BASE));
    expect(noop.walks).toEqual([]);
    expect(noop.changed).toBe(0);
    expect(version(big)).toBe(v);
  });

  it("Okta's full replace (PUT, and PATCH replace) writes only the difference", async () => {
    const before = new Map(
      (sqlMod.sql().prepare("SELECT userId, rowid AS r, createdAt FROM SsoGroupMember WHERE groupId = ?").all(big) as { userId: string; r: number; createdAt: string }[]).map(
        (m) => [m.userId, m],
      ),
    );
    const current = members(big);
    const dropped = current.slice(100, 110);
    const added = users.slice(BIG + 1, BIG + 11);
    const wanted = [...current.filter((id) => !dropped.includes(id)), ...added];
    const v = version(big);
    const put = await traced(() => groups.replaceScimGroupRow(DIR, big, { displayName: "All employees", members: wanted.map((value) => ({ value })) }, null));
    expect(put.changed).toBe(10 + 10 + 20 + 1); // inserts, deletes, user versions, group
    expect(version(big)).toBe(v + 1);
    expect(new Set(members(big))).toEqual(new Set(wanted));
    expect(members(big).slice(-10)).toEqual(added);
    // Kept members keep their rows (same rowid, same join time): unchanged rows were not rewritten.
    const after = sqlMod.sql().prepare("SELECT userId, rowid AS r, createdAt FROM SsoGroupMember WHERE groupId = ?").all(big) as { userId: string; r: number; createdAt: string }[];
    for (const m of after) if (before.has(m.userId)) expect(m).toEqual(before.get(m.userId));

    // The same replace as a PATCH, back to the original list.
    const patch = await traced(() => groups.patchScimGroupRow(DIR, big, op({ op: "replace", path: "members", value: current.map((value) => ({ value })) }), null, BASE));
    expect(patch.changed).toBe(10 + 10 + 20 + 1);
    expect(new Set(members(big))).toEqual(new Set(current));
  });

  it("refuses a member that is not a user of the directory, changing nothing", async () => {
    const v = version(big);
    const n = members(big).length;
    await expect(groups.patchScimGroupRow(DIR, big, op({ op: "add", path: "members", value: [{ value: users[BIG + 20] }, { value: "u-nobody" }] }), null, BASE)).rejects.toThrow(
      /"u-nobody" are not users/,
    );
    expect(version(big)).toBe(v);
    expect(members(big)).toHaveLength(n);
  });
});

describe("reading a big group", () => {
  it("excludedAttributes=members never reads the members", async () => {
    const { statements } = await sqlMod.traceStatements(() => groups.getScimGroup(DIR, big, BASE, false));
    expect(statements.join("\n")).not.toMatch(/SsoGroupMember/);
  });

  it("renders every member in join order, shaped as before, from one query", async () => {
    const { result, statements } = await sqlMod.traceStatements(() => groups.getScimGroup(DIR, big, BASE));
    expect(statements).toHaveLength(2); // the group row, its members as one JSON array
    const body = JSON.parse(jsonText(result.resource)) as { members: { value: string; $ref: string; display: string; type: string }[] };
    const ids = members(big);
    expect(body.members.map((m) => m.value)).toEqual(ids);
    const n = Number(ids[1].slice(2));
    expect(body.members[1]).toEqual({ value: ids[1], $ref: `${BASE}/Users/${ids[1]}`, display: n % 2 ? `User ${n}` : `user${n}`, type: "User" });
    // A plain JSON.stringify of the same resource (no splicing) gives the same document.
    expect(JSON.parse(JSON.stringify(result.resource))).toEqual(body);
  });

  it("an empty group has no members attribute", async () => {
    const empty = (await groups.createScimGroupRow(DIR, { displayName: "Empty" })).id;
    expect(groups.getScimGroup(DIR, empty, BASE).resource.members).toBeUndefined();
  });
});

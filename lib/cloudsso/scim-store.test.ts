import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { matchesFilter, parseFilter } from "@/lib/scim/filter";
import { USER_RESOURCE, GROUP_RESOURCE } from "@/lib/scim/schemas";
import type { ListRequest } from "@/lib/scim/list-request";

/**
 * The SQL translation must agree with the in-memory evaluator on every filter, and the common
 * lookups must be answered through indexes. Runs the real store on a throwaway database.
 */
const DIR = "d-store-test";
const BASE = "http://test/scim/v2";
const req = (filter?: string, extra: Partial<ListRequest> = {}): ListRequest => ({ filter, startIndex: 1, count: 100, sortOrder: "ascending", ...extra });

let store: typeof import("./scim-users");
let groups: typeof import("./scim-groups");
let filterSql: typeof import("./scim-filter-sql");
let sqlMod: typeof import("./scim-sql");

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scim-store-"));
  const file = path.join(dir, "app.db");
  process.env.DATABASE_URL = `file:${file}`;
  const setup = new Database(file);
  const migrations = path.resolve(__dirname, "../../prisma/migrations");
  for (const m of fs.readdirSync(migrations).filter((d) => fs.statSync(path.join(migrations, d)).isDirectory()).sort()) {
    setup.exec(fs.readFileSync(path.join(migrations, m, "migration.sql"), "utf8"));
  }
  setup.prepare("INSERT INTO SsoDirectory (id, name, scimEnabled, createdAt) VALUES (?, ?, 1, ?)").run(DIR, DIR, new Date().toISOString());
  setup.close();
  store = await import("./scim-users");
  groups = await import("./scim-groups");
  filterSql = await import("./scim-filter-sql");
  sqlMod = await import("./scim-sql");
  const ids: string[] = [];
  for (let i = 0; i < 30; i++) {
    const u = await store.createScimUser(
      DIR,
      {
        userName: `Person${i}@Example.com`,
        ...(i % 4 ? { externalId: `X-${i}` } : {}),
        ...(i % 5 ? { displayName: i % 2 ? `Émile ${i}` : `émile ${i}` } : {}),
        name: { givenName: i % 3 ? `G${i}` : undefined, familyName: "F" },
        active: i % 2 === 0,
        emails: [{ value: `p${i}@example.com`, type: "work", primary: true }, ...(i % 7 === 0 ? [{ value: `alt${i}@home.example`, type: "home" }] : [])],
        ...(i % 6 === 0 ? { title: "Boss" } : {}),
      },
      BASE,
    );
    ids.push(u.resource.id as string);
  }
  await groups.createScimGroup(DIR, { displayName: "Alpha", externalId: "GA", members: ids.slice(0, 5).map((value) => ({ value })) }, BASE);
  await groups.createScimGroup(DIR, { displayName: "beta", members: ids.slice(3, 9).map((value) => ({ value })) }, BASE);
  await groups.createScimGroup(DIR, { displayName: "Gamma" }, BASE);
});

const userFilters = [
  'userName eq "person3@example.com"',
  'userName ne "PERSON3@example.com"',
  'userName sw "person1"',
  'userName ew "0@EXAMPLE.COM"',
  'userName co "son2"',
  'userName gt "person2"',
  'userName le "person15@example.com"',
  "externalId pr",
  'externalId eq "X-5"',
  'externalId ne "X-5"',
  'not (externalId eq "X-5")',
  'externalId co "-1"',
  "displayName pr",
  'displayName eq "ÉMILE 3"',
  'displayName ne "émile 3"',
  'displayName sw "émile 1"',
  'not (displayName co "1")',
  'name.givenName eq "g4"',
  "name.givenName pr",
  'emails.value eq "alt7@home.example"',
  'emails.value eq "P8@example.com"',
  'emails[type eq "home"]',
  'emails[value eq "alt14@home.example"]',
  "active eq true",
  "active ne true",
  'active eq false and title eq "boss"',
  'meta.lastModified gt "2000-01-01T00:00:00Z"',
  'meta.created le "2000-01-01T00:00:00Z"',
  'title pr or externalId eq "X-9"',
  'not (title pr or not (active eq true))',
  'groups.value pr',
  'not (groups pr)',
];

describe("SQL translation agrees with in-memory evaluation", () => {
  it.each(userFilters)("users: %s", (text) => {
    const all = store.listScimUsers(DIR, req(), BASE).resources;
    const expected = all.filter((r) => matchesFilter(parseFilter(text, USER_RESOURCE), r)).map((r) => r.id);
    const got = store.listScimUsers(DIR, req(text), BASE);
    expect(got.resources.map((r) => r.id).sort()).toEqual(expected.sort());
    expect(got.total).toBe(expected.length);
  });

  it.each(['displayName eq "ALPHA"', 'displayName sw "b"', "externalId pr", 'not (displayName eq "gamma")', "members pr", 'members.value eq "nobody"'])(
    "groups: %s",
    (text) => {
      const all = groups.listScimGroups(DIR, req(undefined, { attributes: ["members", "displayName", "externalId"] }), BASE, true).resources;
      const expected = all.filter((r) => matchesFilter(parseFilter(text, GROUP_RESOURCE), r)).map((r) => r.id);
      expect(groups.listScimGroups(DIR, req(text), BASE, false).resources.map((r) => r.id).sort()).toEqual(expected.sort());
    },
  );

  it("paging and SQL sorting agree with in-memory sorting", () => {
    const inSql = store.listScimUsers(DIR, req(undefined, { sortBy: "userName", sortOrder: "descending", startIndex: 3, count: 5 }), BASE);
    const inMemory = store.listScimUsers(DIR, req("emails pr", { sortBy: "userName", sortOrder: "descending", startIndex: 3, count: 5 }), BASE);
    expect(inSql.resources.map((r) => r.id)).toEqual(inMemory.resources.map((r) => r.id));
  });
});

describe("common lookups use indexes", () => {
  it.each([
    ['userName eq "a"', "user", "sqlite_autoindex_SsoUser|SsoUser_directoryId_userNameLower"],
    ['externalId eq "a"', "user", "SsoUser_directoryId_externalId_idx"],
    ['id eq "a"', "user", "sqlite_autoindex_SsoUser_1|PRIMARY KEY|USING INDEX"],
    ['emails.value eq "a"', "user", "SsoUser_directoryId"],
    ['meta.lastModified gt "2024-01-01T00:00:00Z"', "user", "SsoUser_directoryId_updatedAt_idx"],
    ['displayName eq "a"', "group", "SsoGroup_directoryId_nameLower"],
    ['externalId eq "a"', "group", "SsoGroup_directoryId_externalId_idx"],
  ] as const)("%s (%s)", (text, table, index) => {
    const f = parseFilter(text, table === "user" ? USER_RESOURCE : GROUP_RESOURCE);
    const t = filterSql.filterToSql(f, table);
    const from = table === "user" ? "SsoUser u" : "SsoGroup g";
    const alias = table === "user" ? "u" : "g";
    const plan = sqlMod
      .sql()
      .prepare(`EXPLAIN QUERY PLAN SELECT ${alias}.* FROM ${from} WHERE ${alias}.directoryId = ? AND (${t.sql})`)
      .all(DIR, ...t.params) as { detail: string }[];
    const details = plan.map((p) => p.detail).join(" | ");
    expect(details).toMatch(new RegExp(index));
    expect(details).not.toMatch(/^SCAN (u|g)$/m);
  });
});

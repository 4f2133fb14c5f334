import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { matchesFilter, parseFilter } from "@/lib/scim/filter";
import { project } from "@/lib/scim/projection";
import { USER_RESOURCE, GROUP_RESOURCE } from "@/lib/scim/schemas";
import type { ListRequest } from "@/lib/scim/list-request";
import { createUserSchema, updateUserSchema } from "./schemas";
import { migratedDatabase } from "../../tests/support/migrated-database";

/**
 * The SQL translation must agree with the in-memory evaluator on every filter, and the common
 * lookups must be answered through indexes. Runs the real store on a throwaway database.
 */
const DIR = "d-store-test";
const BASE = "http://test/scim/v2";
const req = (filter?: string, extra: Partial<ListRequest> = {}): ListRequest => ({ filter, startIndex: 1, count: 100, sortOrder: "ascending", ...extra });

let store: typeof import("./scim-users");
let groups: typeof import("./scim-groups");
let list: typeof import("./scim-list");
let sqlMod: typeof import("./scim-sql");
let refold: typeof import("./user-lookup-refold");

beforeAll(async () => {
  const { setup } = migratedDatabase("scim-store");
  setup.prepare("INSERT INTO SsoDirectory (id, name, scimEnabled, createdAt) VALUES (?, ?, 1, ?)").run(DIR, DIR, new Date().toISOString());
  setup.close();
  store = await import("./scim-users");
  groups = await import("./scim-groups");
  list = await import("./scim-list");
  sqlMod = await import("./scim-sql");
  refold = await import("./user-lookup-refold");
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
        emails: [
          { value: `p${i}@example.com`, type: "work", primary: true },
          ...(i % 7 === 0 ? [{ value: `alt${i}@home.example`, type: "home" }] : []),
          ...(i % 9 === 0 ? [{ value: `ÜBER${i}@Exämple.com`, type: "other" }] : []),
        ],
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
  'displayName eq "émile 3"',
  'displayName eq "Émile 4"',
  'displayName sw "ÉMILE 2"',
  'displayName ew "1"',
  'displayName co "LE 1"',
  'displayName gt "émile 2"',
  'displayName eq ""',
  'displayName eq "nobody"',
  'name.givenName eq "g4"',
  "name.givenName pr",
  'emails.value eq "alt7@home.example"',
  'emails.value eq "P8@example.com"',
  'emails[type eq "home"]',
  'emails[value eq "alt14@home.example"]',
  'emails.value eq "ALT14@HOME.example"',
  'emails.value eq "über18@exÄmple.com"',
  'emails[type eq "home"].value eq "alt7@home.example"',
  'emails[type eq "work"].value eq "alt7@home.example"',
  'emails[type eq "work" and value eq "alt7@home.example"]',
  'emails[value sw "alt" or value eq "p3@example.com"]',
  'emails[value eq "p3@example.com" and value eq "p4@example.com"]',
  'emails.value sw "ALT"',
  'emails.value co "14@"',
  'emails.value ew "HOME.EXAMPLE"',
  "emails.value pr",
  'not (emails.value eq "p3@example.com")',
  'emails.value eq "alt7@home.example" or displayName eq "émile 3"',
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

describe("pages past the first (the kept directory order)", () => {
  const page = (startIndex: number, count: number) => store.listScimUsers(DIR, req(undefined, { startIndex, count }), BASE);
  const expected = (startIndex: number, count: number) =>
    sqlMod.sql().prepare("SELECT id FROM SsoUser WHERE directoryId = ? ORDER BY createdAt, id LIMIT ? OFFSET ?").pluck().all(DIR, count, startIndex - 1);
  const total = () => sqlMod.sql().prepare("SELECT count(*) FROM SsoUser WHERE directoryId = ?").pluck().get(DIR);

  it("agree with OFFSET paging, and follow every write: the store's own and another connection's", async () => {
    for (const [start, count] of [[2, 5], [7, 100], [30, 10], [31, 10], [500, 10], [3, 0]]) {
      const got = page(start, count);
      expect(got.resources.map((r) => r.id)).toEqual(expected(start, count));
      expect(got.total).toBe(total());
    }
    // Another connection (the console's Prisma, a script) inserts a user that sorts first.
    const other = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""));
    other
      .prepare("INSERT INTO SsoUser (id, directoryId, userName, userNameLower, createdAt, updatedAt) VALUES ('u-early', ?, 'early', 'early', '2000-01-01T00:00:00.000+00:00', '2000-01-01T00:00:00.000+00:00')")
      .run(DIR);
    expect(page(2, 3).resources.map((r) => r.id)).toEqual(expected(2, 3));
    expect(page(2, 3).total).toBe(total());
    other.prepare("DELETE FROM SsoUser WHERE id = 'u-early'").run();
    other.close();
    expect(page(2, 3).resources.map((r) => r.id)).toEqual(expected(2, 3));
    // The store's own write.
    const u = await store.createScimUser(DIR, { userName: "late.comer" }, BASE);
    const last = page(total() as number, 5);
    expect(last.resources.map((r) => r.id)).toEqual([u.resource.id]);
    await store.deleteScimUser(DIR, u.resource.id as string, null);
    expect(page(2, 100).total).toBe(total());
    expect(page(2, 100).resources.map((r) => r.id)).toEqual(expected(2, 100));
  });
});

describe("common lookups use indexes", () => {
  // The plan of the page query the store really runs (listQuery), ORDER BY and LIMIT included:
  // without statistics SQLite likes to walk the directory in sort order instead.
  it.each([
    ['userName eq "a"', "user", "SsoUser_directoryId_userNameLower"],
    ['externalId eq "a"', "user", "SsoUser_directoryId_externalId_idx"],
    ['id eq "a"', "user", "sqlite_autoindex_SsoUser_1"],
    ['displayName eq "a"', "user", "SsoUser_directoryId_displayNameLower_idx"],
    ['displayName sw "a"', "user", "SsoUser_directoryId_displayNameLower_idx"],
    ['displayName eq "a" and active eq true', "user", "SsoUser_directoryId_displayNameLower_idx"],
    ['emails.value eq "a"', "user", "SsoUserEmail_directoryId_valueLower_idx.*sqlite_autoindex_SsoUser_1|sqlite_autoindex_SsoUser_1.*SsoUserEmail_directoryId_valueLower_idx"],
    ['emails[value eq "a"]', "user", "SsoUserEmail_directoryId_valueLower_idx"],
    ['emails[type eq "work"].value eq "a"', "user", "SsoUserEmail_directoryId_valueLower_idx"],
    ['emails.value sw "a"', "user", "SsoUserEmail_directoryId_valueLower_idx"],
    ['emails.value eq "a" and displayName eq "b"', "user", "SsoUserEmail_directoryId_valueLower_idx"],
    ['emails.value eq "a" or emails[value eq "b"]', "user", "MULTI-INDEX OR.*SsoUserEmail_directoryId_valueLower_idx"],
    ['meta.lastModified gt "2024-01-01T00:00:00Z"', "user", "SsoUser_directoryId_updatedAt_idx"],
    ['displayName eq "a"', "group", "SsoGroup_directoryId_nameLower"],
    ['externalId eq "a"', "group", "SsoGroup_directoryId_externalId_idx"],
  ] as const)("%s (%s)", (text, table, index) => {
    for (const sortBy of [undefined, "userName"]) {
      const src = table === "user" ? { table, rt: USER_RESOURCE, alias: "u" as const } : { table, rt: GROUP_RESOURCE, alias: "g" as const };
      const q = list.listQuery(src, DIR, req(text, { sortBy: table === "user" ? sortBy : undefined }));
      const from = table === "user" ? "SsoUser u" : "SsoGroup g";
      const plan = sqlMod
        .sql()
        .prepare(`EXPLAIN QUERY PLAN SELECT ${src.alias}.* FROM ${from} WHERE ${q.where} ORDER BY ${q.order ?? q.defaultOrder} LIMIT 100`)
        .all(...q.params) as { detail: string }[];
      const details = plan.map((p) => p.detail).join(" | ");
      expect(details).toMatch(new RegExp(index));
      // Neither scanned nor walked over the whole directory in sort order.
      expect(details).not.toMatch(/SCAN (u|g)\b|_directoryId_createdAt(_id)?_idx/);
    }
  });

  it("an unfiltered page walks the createdAt index instead of sorting the directory", () => {
    const q = list.listQuery({ table: "user", rt: USER_RESOURCE, alias: "u" }, DIR, req());
    const plan = sqlMod.sql().prepare(`EXPLAIN QUERY PLAN SELECT u.* FROM SsoUser u WHERE ${q.where} ORDER BY ${q.order} LIMIT 100`).all(...q.params) as { detail: string }[];
    // (directoryId, createdAt, id): the whole order from the index, no sort of ties by id.
    expect(plan.map((p) => p.detail).join(" | ")).toMatch(/SsoUser_directoryId_createdAt_id_idx/);
    expect(plan.map((p) => p.detail).join(" | ")).not.toMatch(/TEMP B-TREE/);
  });
});

describe("migrations 20261129080000 and 20261201050000 on existing rows, and console writes", () => {
  it("back-fills displayNameLower and SsoUserEmail (re-folding non-ASCII once, at start) so lookups agree with the evaluator", async () => {
    const original = process.env.DATABASE_URL;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scim-migrate-"));
    const file = path.join(dir, "app.db");
    const D2 = "d-migrated";
    const setup = new Database(file);
    const migrations = path.resolve(__dirname, "../../prisma/migrations");
    const all = fs.readdirSync(migrations).filter((d) => fs.statSync(path.join(migrations, d)).isDirectory()).sort();
    const at = all.indexOf("20261129080000_indexed_scim_lookups");
    const apply = (ms: string[]) => ms.forEach((m) => setup.exec(fs.readFileSync(path.join(migrations, m, "migration.sql"), "utf8")));
    apply(all.slice(0, at));
    setup.prepare("INSERT INTO SsoDirectory (id, name, scimEnabled, createdAt) VALUES (?, ?, 1, ?)").run(D2, D2, new Date().toISOString());
    const now = new Date().toISOString().replace("Z", "+00:00");
    const insert = setup.prepare(
      `INSERT INTO SsoUser (id, directoryId, userName, userNameLower, displayName, email, emailLower, provisioningType, scimJson, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // A SCIM user whose primary email the console changed afterwards (the JSON still holds the old one).
    const scimJson = { userName: "emile", emails: [{ value: "Old@X.com", primary: true }, { value: "ÜBER@Home.Example", type: "home" }] };
    insert.run("u-m1", D2, "emile", "emile", "ÉMILE Zola", "New@X.com", "new@x.com", "SCIM", JSON.stringify(scimJson), now, now);
    insert.run("u-m2", D2, "bob", "bob", "Bob", "bob@x.com", "bob@x.com", "Manual", "{}", now, now);
    insert.run("u-m3", D2, "broken", "broken", "", "", "", "SCIM", "not json", now, now);
    apply(all.slice(at));
    setup.close();

    process.env.DATABASE_URL = `file:${file}`;
    try {
      // SQLite's lower() left "ÉMILE" and "ÜBER" unfolded; the migration asked for the data fix.
      const marker = () => sqlMod.sql().prepare("SELECT value FROM AppSetting WHERE key = ?").pluck().get(refold.REFOLD_MARKER);
      expect(marker()).toBe("20261201050000_refold_user_lookups");
      expect(refold.refoldUserLookupsOnce()).toBe(true);
      expect(marker()).toBeUndefined();
      expect(refold.refoldUserLookupsOnce()).toBe(false);
      const ids = (filter: string) => store.listScimUsers(D2, req(filter), BASE).resources.map((r) => r.id);
      expect(ids('displayName eq "émile zola"')).toEqual(["u-m1"]);
      expect(ids('displayName sw "ÉMILE"')).toEqual(["u-m1"]);
      expect(ids('emails.value eq "über@home.example"')).toEqual(["u-m1"]);
      expect(ids('emails.value eq "NEW@x.com"')).toEqual(["u-m1"]);
      // Still in SsoUserEmail from the stale JSON, but not in the representation: the evaluator decides.
      expect(ids('emails.value eq "old@x.com"')).toEqual([]);
      expect(ids('emails.value eq "Bob@X.com"')).toEqual(["u-m2"]);
      expect(ids("emails pr").sort()).toEqual(["u-m1", "u-m2"]);
      const rows = sqlMod.sql().prepare("SELECT userId, valueLower FROM SsoUserEmail WHERE directoryId = ? ORDER BY userId, valueLower").all(D2);
      expect(rows).toEqual([
        { userId: "u-m1", valueLower: "new@x.com" },
        { userId: "u-m1", valueLower: "old@x.com" },
        { userId: "u-m1", valueLower: "über@home.example" },
        { userId: "u-m2", valueLower: "bob@x.com" },
      ]);

      // Console writes (Prisma) keep both in step; a SCIM write replaces the stale rows.
      const consoleUsers = await import("./users");
      const carol = await consoleUsers.createUser(createUserSchema.parse({ userName: "carol", displayName: "Čarol", email: "Carol@X.com" }), D2);
      await consoleUsers.updateUser("u-m2", updateUserSchema.parse({ displayName: "ROBERT", email: "Robert@X.com" }), D2);
      expect(ids('displayName eq "čAROL"')).toEqual([carol.UserId]);
      expect(ids('displayName eq "robert"')).toEqual(["u-m2"]);
      expect(ids('emails.value eq "carol@x.com"')).toEqual([carol.UserId]);
      expect(ids('emails.value eq "robert@x.com"')).toEqual(["u-m2"]);
      expect(ids('emails.value eq "bob@x.com"')).toEqual([]);
      await store.patchScimUser(D2, "u-m1", [{ op: "remove", path: 'emails[type eq "home"]' }], null, BASE);
      const emailsOf = (id: string) => sqlMod.sql().prepare("SELECT valueLower FROM SsoUserEmail WHERE userId = ? ORDER BY valueLower").pluck().all(id);
      expect(emailsOf("u-m1")).toEqual(["new@x.com"]);
      expect(emailsOf("u-m2")).toEqual(["robert@x.com"]);
    } finally {
      process.env.DATABASE_URL = original;
    }
  });
});

describe("stored list texts (a page of 100 at 100,000 users, issue 12)", () => {
  const text = (id: string) => sqlMod.sql().prepare("SELECT scimText FROM SsoUser WHERE id = ?").pluck().get(id) as string | null;
  const afterPage = () => new Promise((r) => setImmediate(r));
  /** The page sent from texts equals the page rendered and projected, user by user. */
  const pageAgrees = (startIndex = 1) => {
    const fromTexts = store.listScimUsers(DIR, req(undefined, { startIndex }), BASE, { defaultProjection: true });
    const rendered = store.listScimUsers(DIR, req(undefined, { startIndex }), BASE);
    expect(fromTexts.texts!.map((t) => JSON.parse(t.text))).toEqual(rendered.resources.map((r) => project(r, USER_RESOURCE, {})));
    return fromTexts.texts!.map((t) => JSON.parse(t.text) as Record<string, unknown>);
  };

  it("are stored by SCIM writes and agree with rendering, groups and meta included", async () => {
    const u = await store.createScimUser(DIR, { userName: "texts.one", displayName: 'Odd \u0001,"groups":\u0001 name', emails: [{ value: "t1@example.com" }] }, BASE);
    const id = u.resource.id as string;
    expect(text(id)).toContain('"userName":"texts.one"');
    pageAgrees();
    // Membership moves the user's version but leaves the text: groups and meta are made per page.
    const g = await groups.createScimGroup(DIR, { displayName: "Texts", members: [{ value: id }] }, BASE);
    const stored = text(id);
    expect(stored).not.toBeNull();
    const listed = pageAgrees().find((r) => r.id === id)!;
    expect(listed.groups).toEqual([expect.objectContaining({ value: g.resource.id, display: "Texts" })]);
    expect((listed.meta as { version: string }).version).toBe('W/"2"');
    await groups.patchScimGroup(DIR, g.resource.id as string, [{ op: "replace", path: "displayName", value: "Renamed texts" }], null, BASE);
    expect(pageAgrees().find((r) => r.id === id)!.groups).toEqual([expect.objectContaining({ display: "Renamed texts" })]);
    expect(text(id)).toBe(stored);
  });

  it("are forgotten by any write of their columns, and stored again after the next page", async () => {
    const id = (await store.createScimUser(DIR, { userName: "texts.two" }, BASE)).resource.id as string;
    const other = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""));
    try {
      // A write that leaves the version alone (the console, a script) on another connection.
      other.prepare("UPDATE SsoUser SET displayName = 'Behind the version' WHERE id = ?").run(id);
      expect(text(id)).toBeNull();
      expect(pageAgrees().find((r) => r.id === id)!.displayName).toBe("Behind the version");
      await afterPage();
      expect(text(id)).toContain("Behind the version");
      // Every column the text is made of, written alone, makes it stale; the trigger names them all.
      const trigger = sqlMod.sql().prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'SsoUser_scimText_stale'").pluck().get() as string;
      for (const column of store.TEXT_COLUMNS) {
        expect(trigger).toContain(`"${column}"`);
        if (column === "id") continue;
        pageAgrees();
        await afterPage();
        expect(text(id)).not.toBeNull();
        other.prepare(`UPDATE SsoUser SET "${column}" = "${column}" WHERE id = ?`).run(id);
        expect(text(id), column).toBeNull();
      }
      pageAgrees();
      await afterPage();
      // Columns the text is not made of leave it alone.
      other.prepare("UPDATE SsoUser SET description = 'not in SCIM' WHERE id = ?").run(id);
      expect(text(id)).toContain("Behind the version");
    } finally {
      other.close();
    }
  });

  it("rendered by a page are not stored when the row changed after the page read it", async () => {
    const id = (await store.createScimUser(DIR, { userName: "texts.three", displayName: "First" }, BASE)).resource.id as string;
    const other = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""));
    try {
      other.prepare("UPDATE SsoUser SET displayName = 'Second' WHERE id = ?").run(id);
      expect(pageAgrees().find((r) => r.id === id)!.displayName).toBe("Second");
      // The page's texts are stored after it is answered; the row changes before that.
      other.prepare("UPDATE SsoUser SET displayName = 'Third' WHERE id = ?").run(id);
      await afterPage();
      expect(text(id)).toBeNull();
      expect(pageAgrees().find((r) => r.id === id)!.displayName).toBe("Third");
      await afterPage();
      expect(text(id)).toContain('"displayName":"Third"');
    } finally {
      other.close();
    }
  });
});

describe("stored list texts outlive the code that made them", () => {
  const text = (id: string) => sqlMod.sql().prepare("SELECT scimText FROM SsoUser WHERE id = ?").pluck().get(id) as string | null;
  const afterPage = () => new Promise((r) => setImmediate(r));
  const listedUser = (id: string) =>
    store.listScimUsers(DIR, req(undefined, { count: 1000 }), BASE, { defaultProjection: true }).texts!.map((t) => JSON.parse(t.text)).find((u) => u.id === id);

  it("are made in format 1: changing what a user renders means bumping TEXT_FORMAT", () => {
    const row = {
      id: "u-format",
      userName: "format@example.com",
      firstName: "For",
      lastName: "Mat",
      displayName: "For Mat",
      email: "format@example.com",
      status: "Enabled",
      externalId: "ext-format",
      scimJson: JSON.stringify({ title: "Pinned", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "QA" } }),
    };
    // If this fails because rendering changed on purpose, bump TEXT_FORMAT and update the text:
    // texts stored by the old code are then made again instead of being sent as they are.
    expect(store.TEXT_FORMAT).toBe(1);
    expect(store.slottedText(row)).toBe(
      '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"id":"u-format","externalId":"ext-format","userName":"format@example.com","name":{"givenName":"For","familyName":"Mat"},"displayName":"For Mat","title":"Pinned","active":true,"emails":[{"value":"format@example.com","type":"work","primary":true}],"groups":\u00011\u0001,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"QA"}}',
    );
  });

  it("a text in another format is made again, and stored", async () => {
    const id = (await store.createScimUser(DIR, { userName: "texts.format", displayName: "Current" }, BASE)).resource.id as string;
    sqlMod.sql().prepare("UPDATE SsoUser SET scimText = ? WHERE id = ?").run('{"schemas":[],"id":"x","displayName":"Old build","groups":\u0001,"active":true}', id);
    expect(listedUser(id).displayName).toBe("Current");
    await afterPage();
    expect(text(id)).toContain('"displayName":"Current"');
  });

  it("a failure to store a page's texts is logged, not thrown: the page is answered and the texts are made again", async () => {
    const id = (await store.createScimUser(DIR, { userName: "texts.failing", displayName: "Failing" }, BASE)).resource.id as string;
    const db = sqlMod.sql();
    db.prepare("UPDATE SsoUser SET scimText = NULL WHERE id = ?").run(id);
    // Any error other than a busy database (a full disk, a read-only file) while storing.
    db.exec("CREATE TEMP TRIGGER fail_text BEFORE UPDATE OF scimText ON SsoUser WHEN NEW.scimText IS NOT NULL BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(listedUser(id).displayName).toBe("Failing");
      await afterPage();
      expect(text(id)).toBeNull();
      expect(logged).toHaveBeenCalledWith("SCIM list texts not stored:", "disk full");
    } finally {
      logged.mockRestore();
      db.exec("DROP TRIGGER fail_text");
    }
    expect(listedUser(id).displayName).toBe("Failing");
    await afterPage();
    expect(text(id)).toContain('"displayName":"Failing"');
  });

  it("texts a page made are not stored while another connection writes, without waiting for it", async () => {
    const id = (await store.createScimUser(DIR, { userName: "texts.busy", displayName: "Busy" }, BASE)).resource.id as string;
    sqlMod.sql().prepare("UPDATE SsoUser SET scimText = NULL WHERE id = ?").run(id);
    const other = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""));
    try {
      other.exec("BEGIN IMMEDIATE");
      expect(listedUser(id).displayName).toBe("Busy");
      await afterPage();
      other.exec("COMMIT");
      expect(text(id)).toBeNull();
      expect(listedUser(id).displayName).toBe("Busy");
      await afterPage();
      expect(text(id)).toContain('"displayName":"Busy"');
    } finally {
      other.close();
    }
  });
});

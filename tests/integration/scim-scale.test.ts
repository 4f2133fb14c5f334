import { beforeAll, describe, expect, it } from "vitest";
import { until } from "../support/until";
import { client, createDirectory, database, GROUP, newUser, PATCH_OP, type TestDirectory } from "./scim-helpers";

/**
 * Issue 12 over HTTP: a 5,000-member group's membership changes (Entra, Okta) write only the rows
 * that change, its GET lists every member in join order, PATCH honours `Prefer: return=minimal`,
 * and unquoted filter values (Microsoft's and Okta's test suites) are read as strings and logged
 * as tolerated while strict filters behave as before.
 */
let dir: TestDirectory;
let call: ReturnType<typeof client>;
const q = (filter: string) => encodeURIComponent(filter);
const BIG = 5_000;
const userIds: string[] = [];
let groupId: string;

beforeAll(async () => {
  dir = createDirectory();
  call = client(dir);
  // 5,050 users straight into the table (the HTTP path for users is covered elsewhere).
  const now = new Date().toISOString().replace("Z", "+00:00");
  const db = database();
  const insert = db.prepare(
    "INSERT INTO SsoUser (id, directoryId, userName, userNameLower, displayName, provisioningType, scimJson, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, 'SCIM', ?, ?, ?)",
  );
  db.transaction(() => {
    for (let i = 0; i < BIG + 50; i++) {
      const id = `u-scale-${dir.id.slice(-6)}-${String(i).padStart(5, "0")}`;
      insert.run(id, dir.id, `scale${i}@example.com`, `scale${i}@example.com`, `Scale ${i}`, JSON.stringify({ userName: `scale${i}@example.com` }), now, now);
      userIds.push(id);
    }
  })();
  const created = await call("POST", "/Groups", { body: { schemas: [GROUP], displayName: "All employees", members: userIds.slice(0, BIG).map((value) => ({ value })) } });
  expect(created.status).toBe(201);
  groupId = created.body.id;
});

const memberRows = () =>
  database().prepare("SELECT userId, rowid AS r, createdAt FROM SsoGroupMember WHERE groupId = ? ORDER BY createdAt, rowid").all(groupId) as {
    userId: string;
    r: number;
    createdAt: string;
  }[];
const patch = (Operations: unknown[], headers: Record<string, string> = {}, query = "") =>
  call("PATCH", `/Groups/${groupId}${query}`, { body: { schemas: [PATCH_OP], Operations }, headers });

describe("a 5,000-member group", () => {
  it("GET lists every member in join order, with $ref, display and type; excludedAttributes=members and sub-attribute projections work", async () => {
    const got = await call("GET", `/Groups/${groupId}`);
    expect(got.status).toBe(200);
    expect(got.body.members).toHaveLength(BIG);
    expect(got.body.members.map((m: { value: string }) => m.value)).toEqual(memberRows().map((m) => m.userId));
    expect(got.body.members[7]).toEqual({ value: userIds[7], $ref: expect.stringMatching(new RegExp(`/scim/v2/Users/${userIds[7]}$`)), display: "Scale 7", type: "User" });
    expect(got.headers.get("etag")).toBe(got.body.meta.version);

    const without = await call("GET", `/Groups/${groupId}?excludedAttributes=members`);
    expect(without.body.members).toBeUndefined();
    expect(without.body.displayName).toBe("All employees");
    const valuesOnly = await call("GET", `/Groups/${groupId}?attributes=members.value`);
    expect(valuesOnly.body.members[0]).toEqual({ value: userIds[0] });
    const listed = await call("GET", `/Groups?attributes=members,displayName&filter=${q('displayName eq "All employees"')}`);
    expect(listed.body.Resources[0].members).toHaveLength(BIG);
  });

  it("single-member add and remove (Okta's filter, Entra's value list) change one row each; the version moves once per PATCH", async () => {
    const before = memberRows();
    const v0 = (await call("GET", `/Groups/${groupId}?excludedAttributes=members`)).body.meta.version;
    const added = await patch([{ op: "add", path: "members", value: [{ value: userIds[BIG] }] }]);
    expect(added.status).toBe(200);
    expect(added.body.members).toHaveLength(BIG + 1);
    expect(added.headers.get("etag")).not.toBe(v0);
    const afterAdd = memberRows();
    expect(afterAdd.slice(0, BIG)).toEqual(before);
    expect(afterAdd[BIG].userId).toBe(userIds[BIG]);

    const removed = await patch([{ op: "remove", path: `members[value eq "${userIds[BIG]}"]` }], {}, "?excludedAttributes=members");
    expect(removed.status).toBe(200);
    expect(removed.body.members).toBeUndefined();
    expect(memberRows()).toEqual(before);

    const entra = await patch([{ op: "Remove", path: "members", value: [{ $ref: null, value: userIds[3] }, { $ref: null, value: userIds[4] }] }]);
    expect(entra.status).toBe(200);
    expect(memberRows()).toEqual(before.filter((m) => m.userId !== userIds[3] && m.userId !== userIds[4]));
    const version = (etag: string | null) => Number(/"(\d+)"/.exec(etag ?? "")?.[1]);
    expect(version(entra.headers.get("etag"))).toBe(version(v0) + 3);
  });

  it("Okta's full replace (PUT) yields the right difference and leaves the other rows as they were", async () => {
    const before = memberRows();
    const current = before.map((m) => m.userId);
    const dropped = new Set(current.slice(1000, 1025));
    const added = userIds.slice(BIG + 1, BIG + 26);
    const wanted = [...current.filter((id) => !dropped.has(id)), ...added];
    const put = await call("PUT", `/Groups/${groupId}`, { body: { schemas: [GROUP], displayName: "All employees", members: wanted.map((value) => ({ value })) } });
    expect(put.status).toBe(200);
    expect(put.body.members.map((m: { value: string }) => m.value)).toEqual(wanted);
    const after = memberRows();
    expect(after.slice(0, after.length - added.length)).toEqual(before.filter((m) => !dropped.has(m.userId)));
    expect(after.slice(-added.length).map((m) => m.userId)).toEqual(added);

    // The same as a PATCH replace, back to where it was.
    const back = await patch([{ op: "replace", path: "members", value: current.map((value) => ({ value })) }], { Prefer: "return=minimal" });
    expect(back.status).toBe(204);
    expect(new Set(memberRows().map((m) => m.userId))).toEqual(new Set(current));
  });
});

describe("Prefer: return=minimal", () => {
  it("PATCH answers 204 without a body (ETag of the new version); 200 with the resource otherwise", async () => {
    const user = (await call("POST", "/Users", { body: newUser("minimal.user") })).body;
    const minimal = await call("PATCH", `/Users/${user.id}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "displayName", value: "Minimal" }] },
      headers: { Prefer: "return=minimal" },
    });
    expect(minimal.status).toBe(204);
    expect(minimal.text).toBe("");
    expect(minimal.headers.get("preference-applied")).toBe("return=minimal");
    const got = await call("GET", `/Users/${user.id}`);
    expect(got.body.displayName).toBe("Minimal");
    expect(minimal.headers.get("etag")).toBe(got.headers.get("etag"));

    const full = await call("PATCH", `/Users/${user.id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "displayName", value: "Full" }] } });
    expect(full.status).toBe(200);
    expect(full.body.displayName).toBe("Full");
    const other = await call("PATCH", `/Users/${user.id}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "displayName", value: "Rep" }] },
      headers: { Prefer: "return=representation" },
    });
    expect(other.status).toBe(200);
    expect(other.body.displayName).toBe("Rep");
    // A refused PATCH is still an error, Prefer or not.
    const refused = await call("PATCH", `/Users/${user.id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "nope", value: 1 }] }, headers: { Prefer: "return=minimal" } });
    expect(refused.status).toBe(400);
  });
});

describe("unquoted filter values", () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    ids = {};
    for (const name of ["john@example.com", "Olga", "oscar", "bob"]) ids[name] = (await call("POST", "/Users", { body: newUser(name) })).body.id;
  });

  /** The log row of GET /Users?filter=… (the server logs the query as it parsed it: spaces as "+"). */
  const logged = (filter: string) =>
    until<{ status: number; detail: string | null; scimType: string | null }>(`the log row of ${filter}`, async () =>
      database()
        .prepare("SELECT status, detail, scimType FROM SsoScimRequestLog WHERE directoryId = ? AND path = ? ORDER BY id DESC")
        .get(dir.id, `/scim/v2/Users?${new URLSearchParams({ filter })}`) as { status: number; detail: string | null; scimType: string | null } | null,
    );
  const names = (r: { body: { Resources: { userName: string }[] } }) => r.body.Resources.map((u) => u.userName).sort();

  it("are read as strings (dates as dates), answer as their quoted forms do, and are logged as tolerated", async () => {
    const cases: [string, string, string[]][] = [
      ["userName eq john@example.com", 'userName eq "john@example.com"', ["john@example.com"]],
      ["userName sw O", 'userName sw "O"', ["Olga", "oscar"]],
      ["userName eq bob and userName pr", 'userName eq "bob" and userName pr', ["bob"]],
    ];
    for (const [loose, strict, expected] of cases) {
      const a = await call("GET", `/Users?filter=${q(loose)}`);
      const b = await call("GET", `/Users?filter=${q(strict)}`);
      expect(a.status, loose).toBe(200);
      expect(names(a), loose).toEqual(expected);
      expect(names(b), strict).toEqual(expected);
      const looseLog = await logged(loose);
      expect(looseLog.status).toBe(200);
      expect(looseLog.detail).toMatch(/^Tolerated: unquoted filter value /);
      expect(looseLog.scimType).toBeNull();
      expect((await logged(strict)).detail).toBeNull();
    }
    const created = await call("GET", `/Users?filter=${q("meta.created gt 2015-10-10T14:38:21Z and userName sw o")}`);
    expect(names(created)).toEqual(["Olga", "oscar"]);
    expect((await call("GET", `/Users?filter=${q("meta.created gt 2999-01-01T00:00:00Z")}`)).body.totalResults).toBe(0);
    expect((await logged("meta.created gt 2015-10-10T14:38:21Z and userName sw o")).detail).toMatch(
      /unquoted filter value 2015-10-10T14:38:21Z.*unquoted filter value o/,
    );
    // In a SearchRequest body and in a PATCH path, too.
    const searched = await call("POST", "/Users/.search", { body: { filter: "userName eq oscar" } });
    expect(names(searched)).toEqual(["oscar"]);
    const g = (await call("POST", "/Groups", { body: { displayName: "Unquoted", members: [{ value: ids.bob }] } })).body;
    const removed = await call("PATCH", `/Groups/${g.id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "remove", path: `members[value eq ${ids.bob}]` }] } });
    expect(removed.status).toBe(200);
    expect(removed.body.members).toBeUndefined();
  });

  it("leave strict requests and real errors as they were", async () => {
    const kw = await call("GET", `/Users?filter=${q("userName eq and")}`);
    expect(kw.status).toBe(400);
    expect(kw.body.scimType).toBe("invalidFilter");
    const badDate = await call("GET", `/Users?filter=${q("meta.created gt yesterday")}`);
    expect(badDate.status).toBe(400);
    expect((await logged("meta.created gt yesterday")).scimType).toBe("invalidFilter");
    const bool = await call("GET", `/Users?filter=${q("active eq true and userName eq bob")}`);
    expect(names(bool)).toEqual(["bob"]);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { client, createDirectory, database, expectScimError, GROUP, newUser, PATCH_OP, type TestDirectory } from "./scim-helpers";

let dir: TestDirectory;
let call: ReturnType<typeof client>;
const ids: string[] = [];
const q = (filter: string) => encodeURIComponent(filter);

beforeAll(async () => {
  dir = createDirectory();
  call = client(dir);
  for (const n of ["ann", "bob", "cid", "dee"]) {
    const r = await call("POST", "/Users", { body: newUser(n, { displayName: n.toUpperCase() }) });
    ids.push(r.body.id);
  }
});

const memberValues = (g: { members?: { value: string }[] }) => (g.members ?? []).map((m) => m.value).sort();

describe("Groups", () => {
  it("POST with members, GET by id includes members with display and $ref", async () => {
    const r = await call("POST", "/Groups", { body: { schemas: [GROUP], displayName: "Engineering", externalId: "eng-1", members: [{ value: ids[0] }, { value: ids[1] }] } });
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toMatch(/\/scim\/v2\/Groups\/g-/);
    expect(r.headers.get("etag")).toBe(r.body.meta.version);
    const got = await call("GET", `/Groups/${r.body.id}`);
    expect(got.body).toMatchObject({ schemas: [GROUP], displayName: "Engineering", externalId: "eng-1", meta: { resourceType: "Group" } });
    expect(got.body.members).toEqual([
      { value: ids[0], $ref: expect.stringMatching(new RegExp(`/scim/v2/Users/${ids[0]}$`)), display: "ANN", type: "User" },
      { value: ids[1], $ref: expect.stringMatching(new RegExp(`/scim/v2/Users/${ids[1]}$`)), display: "BOB", type: "User" },
    ]);
    const row = database().prepare("SELECT provisioningType, name FROM SsoGroup WHERE id = ?").get(r.body.id);
    expect(row).toEqual({ provisioningType: "SCIM", name: "Engineering" });
    // The user shows its group.
    const user = await call("GET", `/Users/${ids[0]}`);
    expect(user.body.groups).toEqual([{ value: r.body.id, $ref: expect.any(String), display: "Engineering", type: "direct" }]);
  });

  it("list omits members unless asked; excludedAttributes=members on GET by id", async () => {
    const list = await call("GET", `/Groups?filter=${q('displayName eq "engineering"')}`);
    expect(list.body.totalResults).toBe(1);
    expect(list.body.Resources[0].members).toBeUndefined();
    const withMembers = await call("GET", `/Groups?filter=${q('displayName eq "Engineering"')}&attributes=members,displayName`);
    expect(memberValues(withMembers.body.Resources[0])).toEqual([ids[0], ids[1]].sort());
    const one = await call("GET", `/Groups/${list.body.Resources[0].id}?excludedAttributes=members`);
    expect(one.body.members).toBeUndefined();
    expect(one.body.displayName).toBe("Engineering");
    const byMember = await call("GET", `/Groups?filter=${q(`members[value eq "${ids[1]}"]`)}`);
    expect(byMember.body.totalResults).toBe(1);
    expect(byMember.body.Resources[0].members).toBeUndefined();
    const byMemberValue = await call("GET", `/Groups?filter=${q(`members.value eq "${ids[3]}"`)}`);
    expect(byMemberValue.body.totalResults).toBe(0);
  });

  it("PATCH adds, removes, replaces members atomically", async () => {
    const g = (await call("POST", "/Groups", { body: { displayName: "Patchers" } })).body;
    const patch = (Operations: unknown[]) => call("PATCH", `/Groups/${g.id}`, { body: { schemas: [PATCH_OP], Operations } });
    let r = await patch([{ op: "add", path: "members", value: [{ value: ids[0] }, { value: ids[1] }, { value: ids[2] }] }]);
    expect(r.status).toBe(200);
    expect(memberValues(r.body)).toEqual([ids[0], ids[1], ids[2]].sort());
    r = await patch([{ op: "remove", path: `members[value eq "${ids[1]}"]` }]);
    expect(memberValues(r.body)).toEqual([ids[0], ids[2]].sort());
    r = await patch([{ op: "replace", path: "members", value: [{ value: ids[3] }] }]);
    expect(memberValues(r.body)).toEqual([ids[3]]);
    // One bad member id fails the whole request; nothing changes.
    const bad = await patch([
      { op: "add", path: "members", value: [{ value: ids[0] }] },
      { op: "add", path: "members", value: [{ value: "u-does-not-exist" }] },
    ]);
    expectScimError(bad, 400, "invalidValue");
    expect(memberValues((await call("GET", `/Groups/${g.id}`)).body)).toEqual([ids[3]]);
    r = await patch([{ op: "replace", path: "members", value: [] }]);
    expect(r.body.members).toBeUndefined();
    const count = database().prepare("SELECT count(*) AS n FROM SsoGroupMember WHERE groupId = ?").get(g.id) as { n: number };
    expect(count.n).toBe(0);
  });

  it("PUT replaces name and members; rename conflicts → 409", async () => {
    const g = (await call("POST", "/Groups", { body: { displayName: "Putters", members: [{ value: ids[0] }] } })).body;
    const put = await call("PUT", `/Groups/${g.id}`, { body: { schemas: [GROUP], displayName: "Putters 2", members: [{ value: ids[1] }, { value: ids[2] }] } });
    expect(put.status).toBe(200);
    expect(put.body.displayName).toBe("Putters 2");
    expect(memberValues(put.body)).toEqual([ids[1], ids[2]].sort());
    expectScimError(await call("PUT", `/Groups/${g.id}`, { body: { displayName: "ENGINEERING" } }), 409, "uniqueness");
    expectScimError(await call("POST", "/Groups", { body: { displayName: "putters 2" } }), 409, "uniqueness");
  });

  it("DELETE of a user removes it from groups; DELETE of a group removes memberships", async () => {
    const u = (await call("POST", "/Users", { body: newUser("leaver") })).body;
    const g = (await call("POST", "/Groups", { body: { displayName: "Leavers", members: [{ value: u.id }, { value: ids[0] }] } })).body;
    const before = (await call("GET", `/Groups/${g.id}`)).headers.get("etag");
    expect((await call("DELETE", `/Users/${u.id}`)).status).toBe(204);
    const after = await call("GET", `/Groups/${g.id}`);
    expect(memberValues(after.body)).toEqual([ids[0]]);
    expect(after.headers.get("etag")).not.toBe(before);
    // The remaining member lists its groups, so its ETag moves when the group goes.
    const memberBefore = (await call("GET", `/Users/${ids[0]}`)).headers.get("etag");
    expect((await call("DELETE", `/Groups/${g.id}`)).status).toBe(204);
    expectScimError(await call("GET", `/Groups/${g.id}`), 404);
    const rows = database().prepare("SELECT count(*) AS n FROM SsoGroupMember WHERE groupId = ?").get(g.id) as { n: number };
    expect(rows.n).toBe(0);
    const member = await call("GET", `/Users/${ids[0]}`);
    expect(member.status).toBe(200);
    expect(member.headers.get("etag")).not.toBe(memberBefore);
  });

  it("a Manual group with the same name is taken over", async () => {
    const now = new Date().toISOString().replace("Z", "+00:00");
    database()
      .prepare("INSERT INTO SsoGroup (id, directoryId, name, nameLower, description, provisioningType, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'd', 'Manual', ?, ?)")
      .run("g-manual-claim", dir.id, "Manual-Group", "manual-group", now, now);
    const r = await call("POST", "/Groups", { body: { displayName: "manual-group", members: [{ value: ids[2] }] } });
    expect(r.status).toBe(201);
    expect(r.body.id).toBe("g-manual-claim");
    expect(memberValues(r.body)).toEqual([ids[2]]);
  });

  it("group list paging and sorting", async () => {
    const sorted = await call("GET", "/Groups?sortBy=displayName&sortOrder=descending&count=2");
    expect(sorted.body.itemsPerPage).toBe(2);
    const names = sorted.body.Resources.map((g: { displayName: string }) => g.displayName);
    expect([...names].sort().reverse()).toEqual(names);
    const zero = await call("GET", "/Groups?count=0");
    expect(zero.body.Resources).toEqual([]);
    expect(zero.body.totalResults).toBeGreaterThanOrEqual(4);
    const s = await call("POST", "/Groups/.search", { body: { filter: 'displayName sw "put"', excludedAttributes: ["members"] } });
    expect(s.body.totalResults).toBe(1);
  });
});

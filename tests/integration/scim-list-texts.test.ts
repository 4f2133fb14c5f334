import { beforeAll, describe, expect, it } from "vitest";
import { client, createDirectory, database, GROUP, newUser, PATCH_OP } from "./scim-helpers";

/**
 * List pages with the default projection are sent from kept JSON texts (issue 12: a page of 100
 * users at 500 req/s). What a client sees must never differ from the resource itself: every
 * listed user equals its GET /Users/{id}, and a change by any path — a SCIM write, a column
 * written behind the version's back, a group renamed — shows in the next page.
 */
const dir = createDirectory();
const call = client(dir);
const ids: string[] = [];

async function listed(): Promise<Record<string, unknown>[]> {
  const r = await call("GET", `/Users?count=100&filter=${encodeURIComponent(`userName sw "texts."`)}`);
  expect(r.status).toBe(200);
  return r.body.Resources;
}

async function expectListEqualsGets() {
  const page = await listed();
  expect(page.map((u) => u.id)).toEqual(ids);
  for (const u of page) {
    const one = await call("GET", `/Users/${u.id}`);
    expect(u).toEqual(one.body);
  }
  // Unfiltered paging (the whole directory by row id) gives the same texts.
  const all = await call("GET", "/Users?startIndex=1&count=100");
  for (const u of all.body.Resources) expect(u).toEqual(page.find((p) => p.id === u.id));
  return page;
}

beforeAll(async () => {
  for (const n of [1, 2, 3]) {
    const r = await call("POST", "/Users", {
      body: newUser(`texts.${n}@example.com`, { displayName: `Texts ${n}`, name: { givenName: "T", familyName: `${n}` }, emails: [{ value: `texts.${n}@example.com`, primary: true }] }),
    });
    expect(r.status).toBe(201);
    ids.push(r.body.id);
  }
});

describe("list pages from kept texts", () => {
  it("list a user exactly as GET /Users/{id} does, read twice", async () => {
    await expectListEqualsGets();
    await expectListEqualsGets();
  });

  it("show a SCIM write, and a column written without moving the version", async () => {
    await expectListEqualsGets();
    const patched = await call("PATCH", `/Users/${ids[0]}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "displayName", value: "Patched" }] } });
    expect(patched.status).toBe(200);
    expect((await expectListEqualsGets())[0].displayName).toBe("Patched");
    database().prepare("UPDATE SsoUser SET displayName = ?, status = 'Disabled' WHERE id = ?").run("Behind the version", ids[1]);
    const page = await expectListEqualsGets();
    expect(page[1]).toMatchObject({ displayName: "Behind the version", active: false });
  });

  it("show group membership and a renamed group's new name", async () => {
    const g = await call("POST", "/Groups", { body: { schemas: [GROUP], displayName: "Texts Group", members: [{ value: ids[2] }] } });
    expect(g.status).toBe(201);
    expect((await expectListEqualsGets())[2].groups).toEqual([expect.objectContaining({ value: g.body.id, display: "Texts Group" })]);
    const renamed = await call("PATCH", `/Groups/${g.body.id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "displayName", value: "Renamed Group" }] } });
    expect(renamed.status).toBe(200);
    expect((await expectListEqualsGets())[2].groups).toEqual([expect.objectContaining({ value: g.body.id, display: "Renamed Group" })]);
  });

  it("still projects when the client asks for attributes", async () => {
    const r = await call("GET", `/Users?attributes=userName&filter=${encodeURIComponent(`userName eq "texts.1@example.com"`)}`);
    expect(r.body.Resources).toEqual([{ schemas: expect.any(Array), id: ids[0], userName: "texts.1@example.com" }]);
    const ex = await call("GET", `/Users?excludedAttributes=emails,groups&filter=${encodeURIComponent(`userName eq "texts.1@example.com"`)}`);
    expect(ex.body.Resources[0].emails).toBeUndefined();
    expect(ex.body.Resources[0].displayName).toBe("Patched");
  });
});

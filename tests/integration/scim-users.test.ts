import { beforeAll, describe, expect, it } from "vitest";
import { client, createDirectory, database, ENTERPRISE, expectScimError, LIST, newUser, PATCH_OP, SCIM_JSON, USER, type TestDirectory } from "./scim-helpers";

let dir: TestDirectory;
let call: ReturnType<typeof client>;
const q = (filter: string) => encodeURIComponent(filter);

beforeAll(() => {
  dir = createDirectory();
  call = client(dir);
});

describe("Users CRUD", () => {
  it("POST creates a SCIM-synchronized user with Location, ETag and meta", async () => {
    const r = await call("POST", "/Users", {
      body: {
        schemas: [USER, ENTERPRISE],
        userName: "Barbara.Jensen@example.com",
        externalId: "ext-bjensen",
        name: { givenName: "Barbara", familyName: "Jensen", formatted: "Ms. Barbara J Jensen" },
        displayName: "Babs Jensen",
        nickName: "Babs",
        title: "Tour Guide",
        userType: "Employee",
        preferredLanguage: "en-US",
        locale: "en-US",
        timezone: "America/Los_Angeles",
        active: true,
        emails: [{ value: "bjensen@example.com", type: "work", primary: true }, { value: "babs@jensen.org", type: "home" }],
        phoneNumbers: [{ value: "555-555-8377", type: "work" }],
        addresses: [{ type: "work", streetAddress: "100 Universal City Plaza", locality: "Hollywood", region: "CA", postalCode: "91608", country: "USA", primary: true }],
        [ENTERPRISE]: { employeeNumber: "701984", department: "Tour Operations", manager: { value: "boss-id" } },
        favouriteColour: "teal",
      },
    });
    expect(r.status).toBe(201);
    expect(r.headers.get("content-type")).toContain(SCIM_JSON);
    expect(r.headers.get("etag")).toBe('W/"1"');
    expect(r.headers.get("location")).toBe(r.body.meta.location);
    expect(r.body.meta.location).toMatch(new RegExp(`/scim/v2/Users/${r.body.id}$`));
    expect(r.body).toMatchObject({
      schemas: [USER, ENTERPRISE],
      userName: "Barbara.Jensen@example.com",
      title: "Tour Guide",
      timezone: "America/Los_Angeles",
      [ENTERPRISE]: { employeeNumber: "701984", manager: { value: "boss-id" } },
      meta: { resourceType: "User", version: 'W/"1"' },
    });
    expect(r.body.favouriteColour).toBeUndefined();
    const row = database().prepare("SELECT * FROM SsoUser WHERE id = ?").get(r.body.id) as Record<string, unknown>;
    expect(row).toMatchObject({
      directoryId: dir.id,
      firstName: "Barbara",
      lastName: "Jensen",
      displayName: "Babs Jensen",
      email: "bjensen@example.com",
      status: "Enabled",
      provisioningType: "SCIM",
      externalId: "ext-bjensen",
    });
  });

  it("GET by id, PUT replaces, PATCH returns 200 with the resource, DELETE 204", async () => {
    const created = await call("POST", "/Users", { body: newUser("crud.user", { name: { givenName: "C", familyName: "U" }, title: "T" }) });
    const id = created.body.id;
    const got = await call("GET", `/Users/${id}`);
    expect(got.status).toBe(200);
    expect(got.body.userName).toBe("crud.user");

    const put = await call("PUT", `/Users/${id}`, { body: newUser("crud.user", { displayName: "Crud", active: false }) });
    expect(put.status).toBe(200);
    expect(put.body.title).toBeUndefined(); // PUT replaces: attributes not sent are cleared
    expect(put.body.name).toBeUndefined();
    expect(put.body.active).toBe(false);
    expect(put.headers.get("etag")).toBe('W/"2"');
    const row = database().prepare("SELECT firstName, status FROM SsoUser WHERE id = ?").get(id);
    expect(row).toEqual({ firstName: "", status: "Disabled" });

    const patched = await call("PATCH", `/Users/${id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "active", value: true }] } });
    expect(patched.status).toBe(200);
    expect(patched.body.active).toBe(true);
    expect(patched.body.meta.version).toBe('W/"3"');

    const del = await call("DELETE", `/Users/${id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe("");
    expectScimError(await call("GET", `/Users/${id}`), 404);
    expectScimError(await call("DELETE", `/Users/${id}`), 404);
  });

  it("userName is unique case-insensitively → 409 uniqueness; email too", async () => {
    await call("POST", "/Users", { body: newUser("unique.user", { emails: [{ value: "unique@example.com", primary: true }] }) });
    expectScimError(await call("POST", "/Users", { body: newUser("UNIQUE.USER") }), 409, "uniqueness");
    expectScimError(await call("POST", "/Users", { body: newUser("other.user", { emails: [{ value: "UNIQUE@example.com" }] }) }), 409, "uniqueness");
    const other = await call("POST", "/Users", { body: newUser("second.user") });
    expectScimError(await call("PATCH", `/Users/${other.body.id}`, { body: { Operations: [{ op: "replace", path: "userName", value: "Unique.User" }] } }), 409, "uniqueness");
  });

  it("POST with a Manual user's userName claims it", async () => {
    const now = new Date().toISOString().replace("Z", "+00:00");
    database()
      .prepare(
        "INSERT INTO SsoUser (id, directoryId, userName, userNameLower, displayName, description, provisioningType, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, 'Manual', ?, ?)",
      )
      .run("u-manual-claim", dir.id, "Manual.User", "manual.user", "Old Name", "kept", now, now);
    const r = await call("POST", "/Users", { body: newUser("manual.user", { displayName: "New Name", externalId: "idp-1" }) });
    expect(r.status).toBe(201);
    expect(r.body.id).toBe("u-manual-claim");
    expect(r.body.displayName).toBe("New Name");
    const row = database().prepare("SELECT provisioningType, displayName, description, externalId FROM SsoUser WHERE id = ?").get("u-manual-claim");
    expect(row).toEqual({ provisioningType: "SCIM", displayName: "New Name", description: "kept", externalId: "idp-1" });
    // Once SCIM-managed, a second POST is a conflict.
    expectScimError(await call("POST", "/Users", { body: newUser("manual.user") }), 409, "uniqueness");
  });

  it("console edits of CloudSSO fields show through the SCIM representation", async () => {
    const r = await call("POST", "/Users", { body: newUser("console.edit", { emails: [{ value: "a@example.com", type: "work", primary: true }] }) });
    database().prepare("UPDATE SsoUser SET email = ?, emailLower = ?, status = 'Disabled', displayName = 'Edited' WHERE id = ?").run("b@example.com", "b@example.com", r.body.id);
    const got = await call("GET", `/Users/${r.body.id}`);
    expect(got.body).toMatchObject({ active: false, displayName: "Edited", emails: [{ value: "b@example.com", type: "work", primary: true }] });
  });
});

describe("ETags", () => {
  it("If-None-Match → 304, If-Match mismatch → 412, match → 200", async () => {
    const created = await call("POST", "/Users", { body: newUser("etag.user") });
    const id = created.body.id;
    const tag = created.headers.get("etag")!;
    const notModified = await call("GET", `/Users/${id}`, { headers: { "If-None-Match": tag } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("etag")).toBe(tag);
    expect((await call("GET", `/Users/${id}`, { headers: { "If-None-Match": 'W/"999"' } })).status).toBe(200);

    const ok = await call("PATCH", `/Users/${id}`, { headers: { "If-Match": tag }, body: { Operations: [{ op: "add", path: "title", value: "A" }] } });
    expect(ok.status).toBe(200);
    const newTag = ok.headers.get("etag");
    expect(newTag).not.toBe(tag);
    const stale = await call("PATCH", `/Users/${id}`, { headers: { "If-Match": tag }, body: { Operations: [{ op: "add", path: "title", value: "B" }] } });
    expectScimError(stale, 412);
    expectScimError(await call("PUT", `/Users/${id}`, { headers: { "If-Match": tag }, body: newUser("etag.user") }), 412);
    expectScimError(await call("DELETE", `/Users/${id}`, { headers: { "If-Match": tag } }), 412);
    expect((await call("GET", `/Users/${id}`)).body.title).toBe("A");
    expect((await call("PATCH", `/Users/${id}`, { headers: { "If-Match": "*" }, body: { Operations: [{ op: "add", path: "title", value: "C" }] } })).status).toBe(200);
    // A PATCH that changes nothing keeps the version.
    const same = await call("PATCH", `/Users/${id}`, { body: { Operations: [{ op: "replace", path: "title", value: "C" }] } });
    expect(same.headers.get("etag")).toBe((await call("GET", `/Users/${id}`)).headers.get("etag"));
    expect((await call("DELETE", `/Users/${id}`, { headers: { "If-Match": same.headers.get("etag")! } })).status).toBe(204);
  });
});

describe("Users list, filters, paging, sorting, projection", () => {
  let listDir: TestDirectory;
  let list: ReturnType<typeof client>;
  beforeAll(async () => {
    listDir = createDirectory();
    list = client(listDir);
    for (let i = 1; i <= 12; i++) {
      const n = String(i).padStart(2, "0");
      const r = await list("POST", "/Users", {
        body: newUser(`user${n}@corp.example`, {
          externalId: `ext-${n}`,
          displayName: `User ${n}`,
          name: { givenName: `Given${n}`, familyName: i % 2 ? "Odd" : "Even" },
          active: i % 3 !== 0,
          emails: [{ value: `user${n}@corp.example`, type: "work", primary: true }, ...(i === 5 ? [{ value: "five@home.example", type: "home" }] : [])],
          title: i <= 3 ? "Lead" : undefined,
        }),
      });
      expect(r.status).toBe(201);
    }
  });

  const total = async (filter: string) => {
    const r = await list("GET", `/Users?filter=${q(filter)}`);
    expect(r.status).toBe(200);
    return r.body.totalResults as number;
  };

  it.each([
    ['userName eq "USER01@corp.example"', 1],
    ['id pr', 12],
    ['externalId eq "ext-02"', 1],
    ['externalId eq "EXT-02"', 0],
    ['displayName eq "user 03"', 1],
    ['emails.value eq "five@home.example"', 1],
    ['emails[type eq "home"]', 1],
    ['emails[type eq "work" and value ew "corp.example"]', 12],
    ['meta.lastModified gt "2000-01-01T00:00:00Z"', 12],
    ['meta.created lt "2000-01-01T00:00:00Z"', 0],
    ['userName sw "user1"', 3],
    ['userName co "er0"', 9],
    ['active eq false', 4],
    ['active eq true and name.familyName eq "odd"', 4],
    ['title pr', 3],
    ['not (title pr)', 9],
    ['title eq "Lead" or externalId eq "ext-12"', 4],
    ['name.givenName ge "Given10"', 3],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName ew "12@corp.example"', 1],
  ])("filter %s → %i", async (filter, expected) => {
    expect(await total(filter)).toBe(expected);
  });

  it("ListResponse shape, default page", async () => {
    const r = await list("GET", "/Users");
    expect(r.body).toMatchObject({ schemas: [LIST], totalResults: 12, startIndex: 1, itemsPerPage: 12 });
    expect(r.body.Resources).toHaveLength(12);
  });

  it("pagination edges: count=0, startIndex beyond total, count > 100, startIndex < 1", async () => {
    const zero = await list("GET", "/Users?count=0");
    expect(zero.body).toMatchObject({ totalResults: 12, itemsPerPage: 0, Resources: [] });
    const beyond = await list("GET", "/Users?startIndex=50&count=5");
    expect(beyond.body).toMatchObject({ totalResults: 12, itemsPerPage: 0, startIndex: 50, Resources: [] });
    const big = await list("GET", "/Users?count=5000");
    expect(big.status).toBe(200);
    expect(big.body.itemsPerPage).toBe(12);
    const low = await list("GET", "/Users?startIndex=-3&count=2");
    expect(low.body).toMatchObject({ startIndex: 1, itemsPerPage: 2 });
    const page2 = await list("GET", "/Users?startIndex=11&count=5&sortBy=userName");
    expect(page2.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(["user11@corp.example", "user12@corp.example"]);
    const pageFiltered = await list("GET", `/Users?filter=${q('emails co "example"')}&startIndex=2&count=3&sortBy=userName`);
    expect(pageFiltered.body.totalResults).toBe(12);
    expect(pageFiltered.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(["user02@corp.example", "user03@corp.example", "user04@corp.example"]);
  });

  it("sortBy/sortOrder in SQL and in memory", async () => {
    const desc = await list("GET", "/Users?sortBy=userName&sortOrder=descending&count=3");
    expect(desc.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(["user12@corp.example", "user11@corp.example", "user10@corp.example"]);
    const byTitle = await list("GET", "/Users?sortBy=title&count=4");
    expect(byTitle.body.Resources.map((u: { title?: string }) => u.title ?? null)).toEqual(["Lead", "Lead", "Lead", null]);
    const byEmail = await list("GET", "/Users?sortBy=emails.value&sortOrder=descending&count=1");
    expect(byEmail.body.Resources[0].userName).toBe("user12@corp.example");
    expectScimError(await list("GET", "/Users?sortBy=nonsense"), 400, "invalidValue");
  });

  it("attributes / excludedAttributes", async () => {
    const r = await list("GET", `/Users?filter=${q('userName eq "user01@corp.example"')}&attributes=userName,name.givenName`);
    expect(r.body.Resources[0]).toEqual({ schemas: [USER], id: expect.any(String), userName: "user01@corp.example", name: { givenName: "Given01" } });
    const ex = await list("GET", `/Users?filter=${q('userName eq "user01@corp.example"')}&excludedAttributes=emails,meta,name`);
    expect(ex.body.Resources[0].emails).toBeUndefined();
    expect(ex.body.Resources[0].meta).toBeUndefined();
    expect(ex.body.Resources[0].userName).toBe("user01@corp.example");
    const one = await list("GET", `/Users/${r.body.Resources[0].id}?attributes=displayName`);
    expect(Object.keys(one.body).sort()).toEqual(["displayName", "id", "schemas"]);
  });

  it("POST /Users/.search and POST /.search", async () => {
    const s = await list("POST", "/Users/.search", {
      body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], filter: 'title eq "lead"', attributes: ["userName"], sortBy: "userName", startIndex: 1, count: 2 },
    });
    expect(s.status).toBe(200);
    expect(s.body.totalResults).toBe(3);
    expect(s.body.Resources).toEqual([
      { schemas: [USER], id: expect.any(String), userName: "user01@corp.example" },
      { schemas: [USER], id: expect.any(String), userName: "user02@corp.example" },
    ]);
    await list("POST", "/Groups", { body: { displayName: "Searchable" } });
    const root = await list("POST", "/.search", { body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], filter: 'displayName sw "Search" or userName eq "user07@corp.example"' } });
    expect(root.status).toBe(200);
    expect(root.body.totalResults).toBe(2);
    expect(root.body.Resources.map((x: { meta: { resourceType: string } }) => x.meta.resourceType).sort()).toEqual(["Group", "User"]);
    expectScimError(await list("GET", "/Users/.search"), 405);
  });
});

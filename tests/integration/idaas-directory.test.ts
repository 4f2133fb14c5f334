import { beforeAll, describe, expect, inject, it } from "vitest";
import { signIn, type ConsoleSession } from "../support/console-session";

/** The IDaaS directory console API over real HTTP against the started app. */

const baseUrl = inject("baseUrl");
const I = "idaas-default";
const ROOT = "ou-root";
const api = `/api/idaas/instances/${I}`;

let s: ConsoleSession;
let seq = 0;
const uniq = (p: string) => `${p}${Date.now().toString(36)}${seq++}`;

interface ErrBody {
  error: string;
  fieldErrors?: Record<string, string>;
}
interface Unit {
  id: string;
  parentId: string | null;
  name: string;
  accountCount: number;
  childCount: number;
}
interface Account {
  id: string;
  username: string;
  email: string;
  externalId: string;
  status: string;
  primaryUnitId: string;
  extraUnits: { id: string; name: string }[];
  version: number;
}
interface Group {
  id: string;
  name: string;
  memberCount: number;
}
interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

async function unit(name: string, parentId = ROOT) {
  const r = await s.call<Unit>("POST", `${api}/units`, { name, parentId });
  expect(r.status).toBe(201);
  return r.body;
}

async function account(body: Record<string, unknown>) {
  const r = await s.call<Account>("POST", `${api}/accounts`, { primaryUnitId: ROOT, ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function accountCount() {
  return (await s.call<PageOf<Account>>("GET", `${api}/accounts?pageSize=1`)).body.total;
}

beforeAll(async () => {
  s = await signIn(baseUrl);
});

describe("session required", () => {
  it("answers 401 JSON without a session", async () => {
    for (const [method, path] of [
      ["GET", `${api}/units`],
      ["GET", `${api}/accounts`],
      ["POST", `${api}/accounts`],
      ["GET", `${api}/groups`],
      ["DELETE", `${api}/units/${ROOT}`],
    ]) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { "content-type": "application/json" },
        body: method === "POST" ? JSON.stringify({ username: "x", primaryUnitId: ROOT }) : undefined,
      });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(((await res.json()) as ErrBody).error).toMatch(/sign in/i);
    }
  });
});

describe("organizational units", () => {
  it("lists the seeded root and creates, renames children", async () => {
    const list = await s.call<{ items: Unit[] }>("GET", `${api}/units`);
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ id: ROOT, parentId: null });

    const u = await unit(uniq("Engineering"));
    const renamed = await s.call<Unit>("PATCH", `${api}/units/${u.id}`, { name: `${u.name}-R` });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe(`${u.name}-R`);
  });

  it("validates names and refuses a duplicate sibling name", async () => {
    const empty = await s.call<ErrBody>("POST", `${api}/units`, { name: "  ", parentId: ROOT });
    expect(empty.status).toBe(422);
    expect(empty.body.fieldErrors?.name).toBe("Name is required.");
    const long = await s.call<ErrBody>("POST", `${api}/units`, { name: "x".repeat(129), parentId: ROOT });
    expect(long.body.fieldErrors?.name).toBe("Name must be at most 128 characters.");
    const noParent = await s.call<ErrBody>("POST", `${api}/units`, { name: "Orphan", parentId: "ou-nope" });
    expect(noParent.status).toBe(422);
    expect(noParent.body.fieldErrors?.parentId).toMatch(/does not exist/);

    const u = await unit(uniq("Dup"));
    const dup = await s.call<ErrBody>("POST", `${api}/units`, { name: u.name.toUpperCase(), parentId: ROOT });
    expect(dup.status).toBe(409);
    expect(dup.body.fieldErrors?.name).toMatch(/already exists/);
  });

  it("refuses to delete the root, a unit with sub-units, or a unit holding accounts", async () => {
    const rootDel = await s.call<ErrBody>("DELETE", `${api}/units/${ROOT}`);
    expect(rootDel.status).toBe(400);
    expect(rootDel.body.error).toBe("The root organization cannot be deleted.");

    const parent = await unit(uniq("Parent"));
    const child = await unit(uniq("Child"), parent.id);
    const withChild = await s.call<ErrBody>("DELETE", `${api}/units/${parent.id}`);
    expect(withChild.status).toBe(409);
    expect(withChild.body.error).toMatch(/contains 1 sub-unit\. Delete or move them first\./);

    const a = await account({ username: uniq("holder"), primaryUnitId: child.id });
    const withAccount = await s.call<ErrBody>("DELETE", `${api}/units/${child.id}`);
    expect(withAccount.status).toBe(409);
    expect(withAccount.body.error).toMatch(/contains 1 account\. Move or delete them first\./);

    // An extra-unit membership also counts as holding the account.
    const extraHolder = await unit(uniq("ExtraHolder"));
    const b = await account({ username: uniq("extra"), extraUnitIds: [extraHolder.id] });
    expect((await s.call<ErrBody>("DELETE", `${api}/units/${extraHolder.id}`)).status).toBe(409);

    expect((await s.call("DELETE", `${api}/accounts/${a.id}`)).status).toBe(200);
    expect((await s.call("DELETE", `${api}/accounts/${b.id}`)).status).toBe(200);
    expect((await s.call("DELETE", `${api}/units/${extraHolder.id}`)).status).toBe(200);
    expect((await s.call("DELETE", `${api}/units/${child.id}`)).status).toBe(200);
    expect((await s.call("DELETE", `${api}/units/${parent.id}`)).status).toBe(200);
    const left = (await s.call<{ items: Unit[] }>("GET", `${api}/units`)).body.items.map((u) => u.id);
    expect(left).not.toContain(parent.id);
    expect((await s.call<ErrBody>("DELETE", `${api}/units/${parent.id}`)).status).toBe(404);
  });

  it("moves a unit, but never the root and never under itself or a descendant", async () => {
    const a = await unit(uniq("A"));
    const b = await unit(uniq("B"), a.id);
    const c = await unit(uniq("C"));

    const rootMove = await s.call<ErrBody>("POST", `${api}/units/${ROOT}/move`, { parentId: c.id });
    expect(rootMove.status).toBe(400);
    expect(rootMove.body.error).toBe("The root organization cannot be moved.");

    const self = await s.call<ErrBody>("POST", `${api}/units/${a.id}/move`, { parentId: a.id });
    expect(self.status).toBe(422);
    expect(self.body.fieldErrors?.parentId).toBe("A unit cannot be moved under itself or one of its own sub-units.");
    const desc = await s.call<ErrBody>("POST", `${api}/units/${a.id}/move`, { parentId: b.id });
    expect(desc.status).toBe(422);
    expect(desc.body.fieldErrors?.parentId).toMatch(/own sub-units/);
    const missing = await s.call<ErrBody>("POST", `${api}/units/${a.id}/move`, { parentId: "" });
    expect(missing.status).toBe(422);
    expect(missing.body.fieldErrors?.parentId).toBe("Select the new parent unit.");

    const ok = await s.call<Unit>("POST", `${api}/units/${a.id}/move`, { parentId: c.id });
    expect(ok.status).toBe(200);
    expect(ok.body.parentId).toBe(c.id);
    const units = (await s.call<{ items: Unit[] }>("GET", `${api}/units`)).body.items;
    expect(units.find((u) => u.id === b.id)?.parentId).toBe(a.id);

    // The moved subtree's accounts now show under the new ancestor with "include sub-units".
    const acc = await account({ username: uniq("deep"), primaryUnitId: b.id });
    const under = await s.call<PageOf<Account>>("GET", `${api}/accounts?unitId=${c.id}&includeSubUnits=true`);
    expect(under.body.items.map((x) => x.id)).toContain(acc.id);
    const byDefault = await s.call<PageOf<Account>>("GET", `${api}/accounts?unitId=${c.id}`);
    expect(byDefault.body.items.map((x) => x.id)).toContain(acc.id);
    const direct = await s.call<PageOf<Account>>("GET", `${api}/accounts?unitId=${c.id}&includeSubUnits=false`);
    expect(direct.body.items.map((x) => x.id)).not.toContain(acc.id);
  });

  it("renders names as given (no markup interpretation) and returns them verbatim", async () => {
    const name = `<img src=x onerror=alert(1)>${uniq("")}`;
    const u = await unit(name);
    expect(u.name).toBe(name);
  });
});

describe("accounts", () => {
  it("creates an account with defaults: Enabled, External ID = account id", async () => {
    const a = await account({ username: uniq("john.doe_1@x-y"), displayName: "John Doe" });
    expect(a.status).toBe("Enabled");
    expect(a.externalId).toBe(a.id);
    const got = await s.call<Account>("GET", `${api}/accounts/${a.id}`);
    expect(got.body).toMatchObject({ username: a.username, displayName: "John Doe", primaryUnitId: ROOT });
  });

  it("gives one message per invalid field and writes nothing", async () => {
    const before = await accountCount();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ username: "" }, "username", "Username is required."],
      [{ username: "a".repeat(65) }, "username", "Username must be at most 64 characters."],
      [{ username: "bad name!" }, "username", "Username may contain only letters, digits, underscores (_), periods (.), at signs (@) and hyphens (-)."],
      [{ username: "ok", displayName: "d".repeat(257) }, "displayName", "Display Name must be at most 256 characters."],
      [{ username: "ok", givenName: "g".repeat(65) }, "givenName", "Given Name must be at most 64 characters."],
      [{ username: "ok", familyName: "f".repeat(65) }, "familyName", "Family Name must be at most 64 characters."],
      [{ username: "ok", email: "not-an-email" }, "email", "Enter a valid email address."],
      [{ username: "ok", email: `${"e".repeat(120)}@example.com` }, "email", "Email must be at most 128 characters."],
      [{ username: "ok", phone: "call me" }, "phone", "Phone may contain only digits, spaces and + - ( )."],
      [{ username: "ok", status: "Active" }, "status", "Status must be Enabled or Disabled."],
      [{ username: "ok", description: "x".repeat(1025) }, "description", "Description must be at most 1024 characters."],
      [{ username: "ok", primaryUnitId: "" }, "primaryUnitId", "Select a primary organizational unit."],
      [{ username: "ok", primaryUnitId: "ou-missing" }, "primaryUnitId", "The selected organizational unit does not exist."],
      [{ username: "ok", extraUnitIds: ["ou-missing"] }, "extraUnitIds", "One of the selected extra units does not exist."],
      [{ username: 42 }, "username", "Username is required."],
    ];
    for (const [body, field, message] of cases) {
      const r = await s.call<ErrBody>("POST", `${api}/accounts`, { primaryUnitId: ROOT, ...body });
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.body.fieldErrors?.[field], JSON.stringify(body)).toBe(message);
    }
    expect(await accountCount()).toBe(before);
  });

  it("reports several invalid fields at once", async () => {
    const r = await s.call<ErrBody>("POST", `${api}/accounts`, { username: "", email: "nope", primaryUnitId: ROOT });
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.fieldErrors ?? {}).sort()).toEqual(["email", "username"]);
  });

  it("answers 400 JSON (not a 500 page) for a malformed body", async () => {
    const res = await s.request(`${api}/accounts`, {
      method: "POST",
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrBody).error).toMatch(/not valid JSON/);
  });

  it("refuses duplicate username and email case-insensitively with 409 and a field message", async () => {
    const name = uniq("Casey");
    const email = `${uniq("casey")}@Example.COM`;
    const a = await account({ username: name, email });
    const before = await accountCount();

    const dupName = await s.call<ErrBody>("POST", `${api}/accounts`, { username: name.toLowerCase(), primaryUnitId: ROOT });
    expect(dupName.status).toBe(409);
    expect(dupName.body.fieldErrors?.username).toBe("This username is already in use.");

    const dupEmail = await s.call<ErrBody>("POST", `${api}/accounts`, {
      username: uniq("other"),
      email: email.toLowerCase(),
      primaryUnitId: ROOT,
    });
    expect(dupEmail.status).toBe(409);
    expect(dupEmail.body.fieldErrors?.email).toBe("This email is already in use by another account.");
    expect(await accountCount()).toBe(before);

    // Blank emails never clash.
    await account({ username: uniq("blank1") });
    await account({ username: uniq("blank2"), email: "" });

    // Editing another account onto a taken username is refused the same way; editing itself is fine.
    const b = await account({ username: uniq("bee") });
    const clash = await s.call<ErrBody>("PATCH", `${api}/accounts/${b.id}`, {
      username: name.toUpperCase(),
      primaryUnitId: ROOT,
    });
    expect(clash.status).toBe(409);
    expect(clash.body.fieldErrors?.username).toBe("This username is already in use.");
    const self = await s.call<Account>("PATCH", `${api}/accounts/${a.id}`, {
      username: name,
      email: email.toUpperCase(),
      primaryUnitId: ROOT,
    });
    expect(self.status).toBe(200);
    expect(self.body.email).toBe(email.toUpperCase());
  });

  it("edits, enables/disables, moves and deletes; updates bump the version", async () => {
    const u1 = await unit(uniq("U1"));
    const u2 = await unit(uniq("U2"));
    const a = await account({ username: uniq("life"), primaryUnitId: u1.id, extraUnitIds: [u2.id] });
    expect(a.extraUnits.map((x) => x.id)).toEqual([u2.id]);

    const edited = await s.call<Account>("PATCH", `${api}/accounts/${a.id}`, {
      username: a.username,
      displayName: "Edited",
      externalId: "ext-1",
      primaryUnitId: u1.id,
      extraUnitIds: [],
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ externalId: "ext-1", extraUnits: [], version: a.version + 1 });

    const disabled = await s.call<Account>("POST", `${api}/accounts/${a.id}/status`, { status: "Disabled" });
    expect(disabled.body).toMatchObject({ status: "Disabled", version: a.version + 2 });
    const badStatus = await s.call<ErrBody>("POST", `${api}/accounts/${a.id}/status`, { status: "Off" });
    expect(badStatus.status).toBe(422);
    expect(badStatus.body.fieldErrors?.status).toBe("Status must be Enabled or Disabled.");
    const enabled = await s.call<Account>("POST", `${api}/accounts/${a.id}/status`, { status: "Enabled" });
    expect(enabled.body.status).toBe("Enabled");

    const moved = await s.call<Account>("POST", `${api}/accounts/${a.id}/move`, { primaryUnitId: u2.id });
    expect(moved.status).toBe(200);
    expect(moved.body.primaryUnitId).toBe(u2.id);
    const badMove = await s.call<ErrBody>("POST", `${api}/accounts/${a.id}/move`, { primaryUnitId: "ou-missing" });
    expect(badMove.status).toBe(422);
    expect(badMove.body.fieldErrors?.primaryUnitId).toBe("The target organizational unit does not exist.");

    const inU1 = await s.call<PageOf<Account>>("GET", `${api}/accounts?unitId=${u1.id}`);
    expect(inU1.body.total).toBe(0);
    const inU2 = await s.call<PageOf<Account>>("GET", `${api}/accounts?unitId=${u2.id}`);
    expect(inU2.body.items.map((x) => x.id)).toEqual([a.id]);

    expect((await s.call("DELETE", `${api}/accounts/${a.id}`)).status).toBe(200);
    expect((await s.call<ErrBody>("GET", `${api}/accounts/${a.id}`)).status).toBe(404);
    expect((await s.call<ErrBody>("DELETE", `${api}/accounts/${a.id}`)).status).toBe(404);
    expect((await s.call<ErrBody>("PATCH", `${api}/accounts/${a.id}`, { username: "x", primaryUnitId: ROOT })).status).toBe(404);
  });

  it("lists with server-side paging and search", async () => {
    const u = await unit(uniq("Paging"));
    const tag = uniq("pg");
    for (let i = 0; i < 5; i++) await account({ username: `${tag}-${i}`, primaryUnitId: u.id, email: `${tag}${i}@mail.test` });
    const p1 = await s.call<PageOf<Account>>("GET", `${api}/accounts?unitId=${u.id}&page=1&pageSize=2`);
    expect(p1.body).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(p1.body.items).toHaveLength(2);
    const p3 = await s.call<PageOf<Account>>("GET", `${api}/accounts?unitId=${u.id}&page=3&pageSize=2`);
    expect(p3.body.items).toHaveLength(1);
    const all = new Set(
      [...p1.body.items, ...(await s.call<PageOf<Account>>("GET", `${api}/accounts?unitId=${u.id}&page=2&pageSize=2`)).body.items, ...p3.body.items].map(
        (a) => a.id,
      ),
    );
    expect(all.size).toBe(5);

    const found = await s.call<PageOf<Account>>("GET", `${api}/accounts?search=${encodeURIComponent(`${tag}-3`.toUpperCase())}`);
    expect(found.body.items.map((a) => a.username)).toEqual([`${tag}-3`]);
    const byEmail = await s.call<PageOf<Account>>("GET", `${api}/accounts?search=${tag}4@mail`);
    expect(byEmail.body.items.map((a) => a.username)).toEqual([`${tag}-4`]);
    const none = await s.call<PageOf<Account>>("GET", `${api}/accounts?search=zz-nothing-${tag}`);
    expect(none.body).toMatchObject({ items: [], total: 0 });
  });

  it("answers 404 for an unknown instance", async () => {
    const r = await s.call<ErrBody>("GET", `/api/idaas/instances/nope/accounts`);
    expect(r.status).toBe(404);
    expect(r.body.error).toMatch(/does not exist/);
  });
});

describe("groups", () => {
  it("creates, edits and deletes with validation and unique names", async () => {
    const name = uniq("Developers");
    const g = await s.call<Group>("POST", `${api}/groups`, { name, description: "Dev team" });
    expect(g.status).toBe(201);
    expect(g.body).toMatchObject({ name, memberCount: 0 });

    const empty = await s.call<ErrBody>("POST", `${api}/groups`, { name: "" });
    expect(empty.status).toBe(422);
    expect(empty.body.fieldErrors?.name).toBe("Group Name is required.");
    const long = await s.call<ErrBody>("POST", `${api}/groups`, { name: "g".repeat(129) });
    expect(long.body.fieldErrors?.name).toBe("Group Name must be at most 128 characters.");
    const desc = await s.call<ErrBody>("POST", `${api}/groups`, { name: uniq("d"), description: "x".repeat(1025) });
    expect(desc.body.fieldErrors?.description).toBe("Description must be at most 1024 characters.");
    const dup = await s.call<ErrBody>("POST", `${api}/groups`, { name: name.toUpperCase() });
    expect(dup.status).toBe(409);
    expect(dup.body.fieldErrors?.name).toBe("A group with this name already exists.");

    const edited = await s.call<Group>("PATCH", `${api}/groups/${g.body.id}`, { name: `${name}-2`, description: "" });
    expect(edited.status).toBe(200);
    expect(edited.body.name).toBe(`${name}-2`);

    const listed = await s.call<PageOf<Group>>("GET", `${api}/groups?search=${encodeURIComponent(name.toLowerCase())}`);
    expect(listed.body.items.map((x) => x.id)).toEqual([g.body.id]);

    expect((await s.call("DELETE", `${api}/groups/${g.body.id}`)).status).toBe(200);
    expect((await s.call("GET", `${api}/groups/${g.body.id}`)).status).toBe(404);
  });

  it("adds and removes members", async () => {
    const g = (await s.call<Group>("POST", `${api}/groups`, { name: uniq("Members") })).body;
    const a = await account({ username: uniq("m1") });
    const b = await account({ username: uniq("m2") });

    const add = await s.call<{ added: number }>("POST", `${api}/groups/${g.id}/members`, { accountIds: [a.id, b.id, a.id] });
    expect(add.status).toBe(200);
    expect(add.body.added).toBe(2);
    const again = await s.call<{ added: number }>("POST", `${api}/groups/${g.id}/members`, { accountIds: [a.id] });
    expect(again.body.added).toBe(0);

    const none = await s.call<ErrBody>("POST", `${api}/groups/${g.id}/members`, { accountIds: [] });
    expect(none.status).toBe(422);
    expect(none.body.fieldErrors?.accountIds).toBe("Select at least one account.");
    const unknown = await s.call<ErrBody>("POST", `${api}/groups/${g.id}/members`, { accountIds: [a.id, "user-missing"] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.fieldErrors?.accountIds).toBe("One or more selected accounts do not exist.");

    const members = await s.call<PageOf<{ accountId: string; username: string }>>("GET", `${api}/groups/${g.id}/members`);
    expect(members.body.total).toBe(2);
    expect((await s.call<Group>("GET", `${api}/groups/${g.id}`)).body.memberCount).toBe(2);
    const searched = await s.call<PageOf<{ accountId: string }>>("GET", `${api}/groups/${g.id}/members?search=${b.username}`);
    expect(searched.body.items.map((m) => m.accountId)).toEqual([b.id]);

    expect((await s.call("DELETE", `${api}/groups/${g.id}/members/${a.id}`)).status).toBe(200);
    expect((await s.call<ErrBody>("DELETE", `${api}/groups/${g.id}/members/${a.id}`)).status).toBe(404);
    // Deleting an account drops its memberships.
    expect((await s.call("DELETE", `${api}/accounts/${b.id}`)).status).toBe(200);
    expect((await s.call<Group>("GET", `${api}/groups/${g.id}`)).body.memberCount).toBe(0);
  });
});

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { accountInputSchema, groupInputSchema, type AccountFormValues, type GroupFormValues } from "@/lib/idaas/schemas";
import { ALL_OPERATION_KEYS } from "@/lib/idaas/provisioning/config/operations";

/**
 * Domain-level checks that every directory mutation writes its provisioning event in the same
 * transaction as the change, and that a rejected change writes neither. Runs the domain
 * functions directly against a throwaway, migrated database of its own.
 */

const root = path.resolve(__dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "idaas-outbox-"));
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL = `file:${path.join(dataDir, "app.db")}`;

type Modules = {
  db: typeof import("@/lib/db").db;
  instance: typeof import("@/lib/idaas/instance");
  units: typeof import("@/lib/idaas/org-units");
  accounts: typeof import("@/lib/idaas/accounts");
  groups: typeof import("@/lib/idaas/groups");
  errors: typeof import("@/lib/errors");
};
let m: Modules;
let I: string;
let ROOT: string;
const APP = "app-outbox-test";

/** What a route hands the domain: the form's values parsed once with the shared schema. */
const accountInput = (values: AccountFormValues) => accountInputSchema.parse(values);
const groupInput = (values: GroupFormValues) => groupInputSchema.parse(values);

async function events() {
  const rows = await m.db.provisioningEvent.findMany({ orderBy: { id: "asc" } });
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payloadJson) as Record<string, unknown> }));
}

// A saved connection: events of an enabled application go out at once (pending), not deferred.
const connection = { scimServerUrl: "https://scim.example.test/scim/v2", tokenEncrypted: "ciphertext" };

// Events are queued only for objects that concern the application: scope the whole directory.
const wholeDirectory = () => ({ scopeUnitIdsJson: JSON.stringify([ROOT]), scopeGroupIdsJson: "[]" });

async function subscribe(operations: string[], enabled = true) {
  await m.db.provisioningConfig.upsert({
    where: { applicationId: APP },
    update: { enabled, operationsJson: JSON.stringify(operations), ...connection, ...wholeDirectory() },
    create: { applicationId: APP, enabled, operationsJson: JSON.stringify(operations), ...connection, ...wholeDirectory() },
  });
}

const ALL = ALL_OPERATION_KEYS;

let seq = 0;
const uniq = (p: string) => `${p}${Date.now().toString(36)}${seq++}`;

beforeAll(async () => {
  execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env },
    stdio: "pipe",
  });
  const dbm = await import("@/lib/db");
  m = {
    db: dbm.db,
    instance: await import("@/lib/idaas/instance"),
    units: await import("@/lib/idaas/org-units"),
    accounts: await import("@/lib/idaas/accounts"),
    groups: await import("@/lib/idaas/groups"),
    errors: await import("@/lib/errors"),
  };
  await dbm.ensurePragmas();
  await m.instance.ensureDefaultInstance();
  I = m.instance.DEFAULT_INSTANCE_ID;
  ROOT = m.instance.ROOT_UNIT_ID;
  await m.db.idaasApplication.create({ data: { id: APP, instanceId: I, templateId: "scim2", name: "Outbox test" } });
});

beforeEach(async () => {
  await subscribe(ALL);
  await m.db.provisioningEvent.deleteMany();
});

describe("outbox events from directory mutations", () => {
  it("account create, update, enable/disable, move and delete: waiting syncs fold into one event, each change logged", async () => {
    const a = await m.accounts.createAccount(I, accountInput({ username: uniq("alice"), primaryUnitId: ROOT }));
    const unit = await m.units.createUnit(I, { name: uniq("Sales"), parentId: ROOT });
    await m.accounts.updateAccount(I, a.id, accountInput({ username: a.username, displayName: "Alice", primaryUnitId: ROOT }));
    await m.accounts.setAccountStatus(I, a.id, "Disabled");
    await m.accounts.setAccountStatus(I, a.id, "Enabled");
    await m.accounts.moveAccount(I, a.id, { primaryUnitId: unit.id });
    await m.accounts.deleteAccount(I, a.id);

    // Nothing was attempted yet, so the five syncs are one delivery; the delete keeps its place.
    const ev = await events();
    expect(ev.map((e) => [e.objectType, e.action, e.payload.operation, e.objectId])).toEqual([
      ["user", "sync", "account.create", a.id],
      ["user", "delete", "account.delete", a.id],
    ]);
    expect(ev.every((e) => e.applicationId === APP && e.status === "pending")).toBe(true);
    expect(ev.at(-1)!.payload.snapshot).toEqual({ username: a.username });
    const log = await m.db.provisioningLog.findMany({ where: { eventId: { in: ev.map((e) => e.id) } }, orderBy: { id: "asc" } });
    expect(log.map((l) => [l.objectName, l.action, l.result])).toEqual([
      [a.username, "Create", "Pending"],
      [a.username, "Delete", "Pending"],
    ]);
    expect(log[0].detail).toMatch(/^5 changes queued together\./);
  });

  it("a sync already attempted is not folded into: the next change queues its own event", async () => {
    const a = await m.accounts.createAccount(I, accountInput({ username: uniq("retry"), primaryUnitId: ROOT }));
    await m.db.provisioningEvent.updateMany({ where: { objectId: a.id }, data: { attempts: 1 } });
    await m.accounts.setAccountStatus(I, a.id, "Disabled");
    const ev = await events();
    expect(ev.filter((e) => e.objectId === a.id).map((e) => e.payload.operation)).toEqual(["account.create", "account.update"]);
    const log = await m.db.provisioningLog.findMany({ where: { objectId: a.id }, orderBy: { id: "asc" } });
    expect(log.map((l) => l.action)).toEqual(["Create", "Disable"]);
  });

  it("account updates bump version and updatedAt", async () => {
    const a = await m.accounts.createAccount(I, accountInput({ username: uniq("ver"), primaryUnitId: ROOT }));
    await new Promise((r) => setTimeout(r, 5));
    const b = await m.accounts.updateAccount(I, a.id, accountInput({ username: a.username, givenName: "V", primaryUnitId: ROOT }));
    expect(b.version).toBe(a.version + 1);
    expect(new Date(b.updatedAt).getTime()).toBeGreaterThan(new Date(a.updatedAt).getTime());
    const c = await m.accounts.setAccountStatus(I, a.id, "Disabled");
    expect(c.version).toBe(b.version + 1);
  });

  it("group create, update, members add/remove and delete write group and membership events", async () => {
    const a = await m.accounts.createAccount(I, accountInput({ username: uniq("member"), primaryUnitId: ROOT }));
    const g = await m.groups.createGroup(I, groupInput({ name: uniq("Ops") }));
    // A new group cannot be in a scope yet: its create concerns no application.
    expect((await events()).filter((e) => e.objectType === "group")).toEqual([]);
    await m.db.provisioningConfig.update({ where: { applicationId: APP }, data: { scopeGroupIdsJson: JSON.stringify([g.id]) } });
    await m.groups.updateGroup(I, g.id, groupInput({ name: `${g.name}-2`, description: "d" }));
    await m.db.provisioningEvent.deleteMany({ where: { objectType: "user" } });
    await m.groups.addGroupMembers(I, g.id, { accountIds: [a.id, a.id] });
    await m.groups.addGroupMembers(I, g.id, { accountIds: [a.id] }); // already a member: no event
    await m.groups.removeGroupMember(I, g.id, a.id);
    await m.groups.deleteGroup(I, g.id);

    // Member changes also reconcile the member (it may enter or leave a scope through the group).
    const ev = await events();
    expect(ev.map((e) => [e.objectType, e.action, e.payload.operation, e.objectId, e.payload.accountId])).toEqual([
      ["group", "sync", "group.update", g.id, undefined],
      ["membership", "addMember", "group.member.add", g.id, a.id],
      ["user", "sync", "account.update", a.id, undefined],
      ["membership", "removeMember", "group.member.remove", g.id, a.id],
      ["group", "delete", "group.delete", g.id, undefined],
    ]);
    expect(ev.at(-1)!.payload.snapshot).toEqual({ name: `${g.name}-2` });
  });

  it("deleting an account with memberships emits only the user delete", async () => {
    const a = await m.accounts.createAccount(I, accountInput({ username: uniq("gone"), primaryUnitId: ROOT }));
    const g = await m.groups.createGroup(I, groupInput({ name: uniq("G") }));
    await m.groups.addGroupMembers(I, g.id, { accountIds: [a.id] });
    await m.db.provisioningEvent.deleteMany();
    await m.accounts.deleteAccount(I, a.id);
    const ev = await events();
    expect(ev.map((e) => e.payload.operation)).toEqual(["account.delete"]);
    expect(await m.db.idaasGroupMember.count({ where: { groupId: g.id } })).toBe(0);
  });

  it("moving a unit emits account.update for every account in the moved subtree", async () => {
    const parent = await m.units.createUnit(I, { name: uniq("P"), parentId: ROOT });
    const child = await m.units.createUnit(I, { name: uniq("C"), parentId: parent.id });
    const target = await m.units.createUnit(I, { name: uniq("T"), parentId: ROOT });
    const inChild = await m.accounts.createAccount(I, accountInput({ username: uniq("c"), primaryUnitId: child.id }));
    const extraInParent = await m.accounts.createAccount(I, accountInput({
      username: uniq("x"),
      primaryUnitId: ROOT,
      extraUnitIds: [parent.id],
    }));
    const outside = await m.accounts.createAccount(I, accountInput({ username: uniq("o"), primaryUnitId: target.id }));
    await m.db.provisioningEvent.deleteMany();
    await m.units.moveUnit(I, parent.id, { parentId: target.id });
    const ids = (await events()).map((e) => e.objectId).sort();
    expect(ids).toEqual([inChild.id, extraInParent.id].sort());
    expect(ids).not.toContain(outside.id);
  });

  it("only subscribed operations of enabled provisioning are written", async () => {
    await subscribe(["account.delete"]);
    const a = await m.accounts.createAccount(I, accountInput({ username: uniq("sub"), primaryUnitId: ROOT }));
    await m.accounts.setAccountStatus(I, a.id, "Disabled");
    expect(await events()).toEqual([]);
    await m.accounts.deleteAccount(I, a.id);
    expect((await events()).map((e) => e.payload.operation)).toEqual(["account.delete"]);

    // Switched off after setup: the change is kept (Deferred) for when it is switched on again.
    await subscribe(ALL, false);
    await m.db.provisioningEvent.deleteMany();
    const off = await m.accounts.createAccount(I, accountInput({ username: uniq("off"), primaryUnitId: ROOT }));
    expect((await events()).map((e) => [e.objectId, e.status])).toEqual([[off.id, "deferred"]]);
    const entry = await m.db.provisioningLog.findFirstOrThrow({ where: { objectId: off.id } });
    expect([entry.objectName, entry.result, entry.detail]).toEqual([off.username, "Deferred", expect.stringMatching(/^Deferred — Provision IDaaS Accounts to Application is turned off/)]);

    // Never configured (switch off, no connection saved): nothing is queued.
    await m.db.provisioningConfig.update({ where: { applicationId: APP }, data: { scimServerUrl: "", tokenEncrypted: "" } });
    await m.db.provisioningEvent.deleteMany();
    await m.accounts.createAccount(I, accountInput({ username: uniq("never"), primaryUnitId: ROOT }));
    expect(await events()).toEqual([]);
  });

  it("objects outside the application's scope and never provisioned to it queue nothing; linked ones do", async () => {
    const outside = await m.units.createUnit(I, { name: uniq("Outside"), parentId: ROOT });
    const inside = await m.units.createUnit(I, { name: uniq("Inside"), parentId: ROOT });
    await m.db.provisioningConfig.update({ where: { applicationId: APP }, data: { scopeUnitIdsJson: JSON.stringify([inside.id]) } });
    const stranger = await m.accounts.createAccount(I, accountInput({ username: uniq("stranger"), primaryUnitId: outside.id }));
    const member = await m.accounts.createAccount(I, accountInput({ username: uniq("member"), primaryUnitId: inside.id }));
    expect((await events()).map((e) => e.objectId)).toEqual([member.id]);

    // Provisioned earlier, then moved out: its change concerns the application (it is disabled there).
    await m.db.provisioningLink.create({ data: { applicationId: APP, objectType: "user", localId: stranger.id, remoteId: "r-1" } });
    await m.accounts.setAccountStatus(I, stranger.id, "Disabled");
    expect((await events()).map((e) => e.objectId)).toEqual([member.id, stranger.id]);
    await m.db.provisioningLink.deleteMany({ where: { applicationId: APP } });
  });

  it("a rejected change writes neither the row nor an event", async () => {
    const a = await m.accounts.createAccount(I, accountInput({
      username: uniq("Dup"),
      email: `${uniq("dup")}@Example.com`,
      primaryUnitId: ROOT,
    }));
    await m.db.provisioningEvent.deleteMany();
    const before = await m.db.idaasAccount.count();
    await expect(
      m.accounts.createAccount(I, accountInput({ username: a.username.toUpperCase(), primaryUnitId: ROOT })),
    ).rejects.toMatchObject({ status: 409, fieldErrors: { username: "This username is already in use." } });
    await expect(
      m.accounts.createAccount(I, accountInput({ username: uniq("other"), email: a.email.toLowerCase(), primaryUnitId: ROOT })),
    ).rejects.toMatchObject({ status: 409, fieldErrors: { email: expect.stringMatching(/already in use/) } });
    await expect(
      m.accounts.createAccount(I, accountInput({ username: uniq("nounit"), primaryUnitId: "ou-missing" })),
    ).rejects.toBeInstanceOf(m.errors.ValidationError);
    await expect(
      m.accounts.updateAccount(I, a.id, accountInput({ username: a.username, primaryUnitId: ROOT, extraUnitIds: ["ou-missing"] })),
    ).rejects.toMatchObject({ status: 422, fieldErrors: { extraUnitIds: expect.any(String) } });
    expect(await m.db.idaasAccount.count()).toBe(before);
    expect((await m.accounts.getAccount(I, a.id)).version).toBe(a.version);
    expect(await events()).toEqual([]);
  });

  it("recognises the database's unique violations by field (the race fallback relies on it)", async () => {
    const { isUniqueViolation } = await import("@/lib/db-errors");
    const a = await m.accounts.createAccount(I, accountInput({ username: uniq("uv"), primaryUnitId: ROOT }));
    const err = await m.db.idaasAccount
      .create({
        data: { id: uniq("user-"), instanceId: I, username: a.username, usernameLower: a.username.toLowerCase(), primaryUnitId: ROOT },
      })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(err, "usernameLower")).toBe(true);
    expect(isUniqueViolation(err, "emailLower")).toBe(false);
  });

  it("a unique-constraint race surfaces as a field conflict, not a crash", async () => {
    const name = uniq("race");
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => m.accounts.createAccount(I, accountInput({ username: name, primaryUnitId: ROOT }))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((x) => x.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 409, fieldErrors: { username: expect.any(String) } });
    }
    expect(await m.db.provisioningEvent.count({ where: { action: "sync" } })).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import { client, createDirectory, database, ENTERPRISE, GROUP, PATCH_OP, USER } from "./scim-helpers";

/**
 * Replays the provisioning sequences Microsoft Entra ID and Okta document for SCIM 2.0 apps
 * (request bodies follow their published examples: Entra's "Develop and plan provisioning for a
 * SCIM endpoint" user/group operations, Okta's "SCIM 2.0 protocol reference"), then checks what
 * CloudSSO ends up with.
 */
const q = (filter: string) => encodeURIComponent(filter);

describe("Microsoft Entra ID provisioning sequence", () => {
  it("create, look up, update, disable, groups and members, delete", async () => {
    const dir = createDirectory();
    const entra = client(dir);
    const userName = "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1";

    // Entra first checks whether the user exists (matching on userName).
    const lookup0 = await entra("GET", `/Users?filter=${q(`userName eq "${userName}"`)}`);
    expect(lookup0.body.totalResults).toBe(0);
    expect(lookup0.body.Resources).toEqual([]);

    const created = await entra("POST", "/Users", {
      body: {
        schemas: [USER, ENTERPRISE],
        externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
        userName,
        active: true,
        emails: [{ primary: true, type: "work", value: "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com" }],
        meta: { resourceType: "User" },
        name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
        roles: [],
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const byName = await entra("GET", `/Users?filter=${q(`userName eq "${userName}"`)}`);
    expect(byName.body.Resources.map((u: { id: string }) => u.id)).toEqual([id]);
    const byExternal = await entra("GET", `/Users?filter=${q('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"')}`);
    expect(byExternal.body.totalResults).toBe(1);
    expect((await entra("GET", `/Users?filter=${q('userName eq "non-existent user"')}`)).body.totalResults).toBe(0);
    expect((await entra("GET", `/Users/${id}`)).body.userName).toBe(userName);

    // Update User [Multi-valued properties]
    const multi = await entra("PATCH", `/Users/${id}`, {
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: "Replace", path: 'emails[type eq "work"].value', value: "updatedEmail@microsoft.com" },
          { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
        ],
      },
    });
    expect(multi.status).toBe(200);
    expect(multi.body.emails[0].value).toBe("updatedEmail@microsoft.com");

    // Update User [Single-valued properties]
    const renamed = "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com";
    const single = await entra("PATCH", `/Users/${id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "userName", value: renamed }] } });
    expect(single.body.userName).toBe(renamed);

    // Enterprise attributes, including the manager as a bare id.
    const ent = await entra("PATCH", `/Users/${id}`, {
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: "Add", path: `${ENTERPRISE}:department`, value: "Sales" },
          { op: "Add", path: `${ENTERPRISE}:manager`, value: "manager-object-id" },
        ],
      },
    });
    expect(ent.body[ENTERPRISE]).toEqual({ department: "Sales", manager: { value: "manager-object-id" } });

    // Disable User — Entra has sent the boolean both as false and, before the 2020 fix, as "False".
    const disabled = await entra("PATCH", `/Users/${id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "active", value: "False" }] } });
    expect(disabled.body.active).toBe(false);
    const viaFilter = await entra("GET", `/Users?filter=${q(`userName eq "${renamed}"`)}`);
    expect(viaFilter.body.Resources[0].active).toBe(false);

    // Groups: Entra adds a legacy Microsoft schema URN next to the core one.
    const group = await entra("POST", "/Groups", {
      body: {
        schemas: [GROUP, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
        externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
        displayName: "displayName",
        meta: { resourceType: "Group" },
      },
    });
    expect(group.status).toBe(201);
    const gid = group.body.id;
    expect((await entra("GET", `/Groups/${gid}?excludedAttributes=members`)).body.members).toBeUndefined();
    const gl = await entra("GET", `/Groups?excludedAttributes=members&filter=${q('displayName eq "displayName"')}`);
    expect(gl.body.Resources.map((g: { id: string }) => g.id)).toEqual([gid]);

    // Update Group [Non-member attributes]
    await entra("PATCH", `/Groups/${gid}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "displayName", value: "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName" }] },
    });
    // Update Group [Add Members] / [Remove Members] with Entra's "$ref": null.
    const second = (await entra("POST", "/Users", { body: { schemas: [USER], userName: "second.entra.user", active: true } })).body.id;
    const add = await entra("PATCH", `/Groups/${gid}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: "Add", path: "members", value: [{ $ref: null, value: id }, { $ref: null, value: second }] }] },
    });
    expect(add.status).toBe(200);
    const remove = await entra("PATCH", `/Groups/${gid}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: "Remove", path: "members", value: [{ $ref: null, value: second }] }] },
    });
    expect(remove.body.members.map((m: { value: string }) => m.value)).toEqual([id]);

    expect((await entra("DELETE", `/Users/${second}`)).status).toBe(204);

    // Final state in CloudSSO.
    const db = database();
    expect(db.prepare("SELECT userName, lastName, email, status, provisioningType FROM SsoUser WHERE id = ?").get(id)).toEqual({
      userName: renamed,
      lastName: "updatedFamilyName",
      email: "updatedEmail@microsoft.com",
      status: "Disabled",
      provisioningType: "SCIM",
    });
    expect(db.prepare("SELECT name, provisioningType FROM SsoGroup WHERE id = ?").get(gid)).toEqual({
      name: "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName",
      provisioningType: "SCIM",
    });
    expect(db.prepare("SELECT userId FROM SsoGroupMember WHERE groupId = ?").all(gid)).toEqual([{ userId: id }]);

    expect((await entra("DELETE", `/Groups/${gid}`)).status).toBe(204);
    expect((await entra("DELETE", `/Users/${id}`)).status).toBe(204);
    expect(db.prepare("SELECT count(*) AS n FROM SsoUser WHERE directoryId = ?").get(dir.id)).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM SsoGroup WHERE directoryId = ?").get(dir.id)).toEqual({ n: 0 });
  });
});

describe("Okta provisioning sequence", () => {
  it("look up, create, update, deactivate, push groups, member add/remove, delete", async () => {
    const dir = createDirectory();
    const okta = client(dir);

    const none = await okta("GET", `/Users?filter=${q('userName eq "test.user@okta.local"')}&startIndex=1&count=100`);
    expect(none.body).toMatchObject({ totalResults: 0, startIndex: 1 });

    const created = await okta("POST", "/Users", {
      body: {
        schemas: [USER],
        userName: "test.user@okta.local",
        name: { givenName: "Test", familyName: "User" },
        emails: [{ primary: true, value: "test.user@okta.local", type: "work" }],
        displayName: "Test User",
        locale: "en-US",
        externalId: "00ujl29u0le5T6Aj10h7",
        groups: [],
        password: "1mz050nq",
        active: true,
      },
    });
    expect(created.status).toBe(201);
    const user = created.body;
    expect(user.password).toBeUndefined();
    expect((await okta("GET", `/Users/${user.id}`)).body.displayName).toBe("Test User");

    // Okta updates a profile with PUT, sending back the whole user with the change.
    const put = await okta("PUT", `/Users/${user.id}`, {
      body: { ...user, name: { givenName: "Another", familyName: "User" }, password: "ignored" },
    });
    expect(put.status).toBe(200);
    expect(put.body.name.givenName).toBe("Another");

    // Deactivation: pathless replace.
    const deactivated = await okta("PATCH", `/Users/${user.id}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { active: false } }] },
    });
    expect(deactivated.body.active).toBe(false);

    // Group push.
    expect((await okta("GET", `/Groups?filter=${q('displayName eq "Test SCIMv2"')}&startIndex=1&count=100`)).body.totalResults).toBe(0);
    const group = await okta("POST", "/Groups", { body: { schemas: [GROUP], displayName: "Test SCIMv2", members: [] } });
    expect(group.status).toBe(201);
    const gid = group.body.id;
    expect((await okta("GET", `/Groups/${gid}`)).body.displayName).toBe("Test SCIMv2");

    const renamed = await okta("PATCH", `/Groups/${gid}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { id: gid, displayName: "Test SCIMv2 renamed" } }] },
    });
    expect(renamed.body.displayName).toBe("Test SCIMv2 renamed");

    const other = (await okta("POST", "/Users", { body: { schemas: [USER], userName: "other.user@okta.local", active: true } })).body.id;
    const added = await okta("PATCH", `/Groups/${gid}`, {
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: "add", path: "members", value: [{ value: user.id, display: "test.user@okta.local" }, { value: other, display: "other.user@okta.local" }] }],
      },
    });
    expect(added.body.members).toHaveLength(2);
    const removed = await okta("PATCH", `/Groups/${gid}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: "remove", path: `members[value eq "${other}"]` }] },
    });
    expect(removed.body.members.map((m: { value: string }) => m.value)).toEqual([user.id]);
    const cleared = await okta("PATCH", `/Groups/${gid}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "members", value: [] }] } });
    expect(cleared.body.members).toBeUndefined();
    await okta("PATCH", `/Groups/${gid}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: [{ value: other }] }] } });

    const db = database();
    expect(db.prepare("SELECT firstName, lastName, displayName, email, status, externalId FROM SsoUser WHERE id = ?").get(user.id)).toEqual({
      firstName: "Another",
      lastName: "User",
      displayName: "Test User",
      email: "test.user@okta.local",
      status: "Disabled",
      externalId: "00ujl29u0le5T6Aj10h7",
    });
    expect(db.prepare("SELECT userId FROM SsoGroupMember WHERE groupId = ?").all(gid)).toEqual([{ userId: other }]);
    expect(JSON.stringify(db.prepare("SELECT scimJson FROM SsoUser WHERE id = ?").get(user.id))).not.toContain("1mz050nq");

    expect((await okta("DELETE", `/Groups/${gid}`)).status).toBe(204);
    expect(db.prepare("SELECT count(*) AS n FROM SsoGroupMember WHERE groupId = ?").get(gid)).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM SsoUser WHERE directoryId = ?").get(dir.id)).toEqual({ n: 2 });
  });
});

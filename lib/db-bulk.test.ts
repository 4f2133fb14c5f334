import { beforeAll, describe, expect, it } from "vitest";
import { migratedDatabase } from "../tests/support/migrated-database";

/**
 * The raw bulk insert writes rows Prisma reads back exactly as if Prisma had written them (dates,
 * booleans, nulls), splits at SQLite's parameter limit, and returns ids in the order of the rows.
 */
let bulk: typeof import("./db-bulk");
let db: typeof import("./db").db;

beforeAll(async () => {
  migratedDatabase("db-bulk").setup.close();
  bulk = await import("./db-bulk");
  db = (await import("./db")).db;
});

describe("insertRows", () => {
  it("writes what Prisma reads back as its own: dates, booleans and nulls", async () => {
    const at = new Date("2026-12-01T10:11:12.345Z");
    await bulk.insertRows(
      db,
      "ProvisioningLink",
      ["applicationId", "objectType", "localId", "remoteId", "pushedHash", "disabled", "remoteActive", "updatedAt"],
      [
        { applicationId: "app-b", objectType: "user", localId: "a1", remoteId: "r1", pushedHash: "h", disabled: true, remoteActive: false, updatedAt: at },
        { applicationId: "app-b", objectType: "user", localId: "a2", remoteId: "r2", pushedHash: "h", disabled: false, remoteActive: true, updatedAt: at },
      ],
    );
    const rows = await db.provisioningLink.findMany({ where: { applicationId: "app-b" }, orderBy: { localId: "asc" } });
    expect(rows.map((r) => [r.localId, r.disabled, r.remoteActive, r.updatedAt.toISOString()])).toEqual([
      ["a1", true, false, at.toISOString()],
      ["a2", false, true, at.toISOString()],
    ]);
    // Compared with a Prisma-bound date the way Prisma compares its own rows.
    expect(await db.provisioningLink.count({ where: { applicationId: "app-b", updatedAt: { gte: at } } })).toBe(2);
    expect(await db.provisioningLink.count({ where: { applicationId: "app-b", updatedAt: { gt: at } } })).toBe(0);
  });

  it("applies ON CONFLICT, and splits thousands of rows into statements SQLite accepts", async () => {
    const cols = ["applicationId", "objectType", "localId", "remoteId", "pushedHash", "disabled", "remoteActive", "updatedAt"] as const;
    const rows = Array.from({ length: 9_000 }, (_, i) => ({
      applicationId: "app-c",
      objectType: "user",
      localId: `a${i}`,
      remoteId: `r${i}`,
      pushedHash: "old",
      disabled: false,
      remoteActive: true,
      updatedAt: new Date(),
    }));
    const upsert = `ON CONFLICT ("applicationId", "objectType", "localId") DO UPDATE SET "pushedHash" = excluded."pushedHash"`;
    await bulk.insertRows(db, "ProvisioningLink", [...cols], rows, upsert);
    await bulk.insertRows(db, "ProvisioningLink", [...cols], rows.slice(0, 10).map((r) => ({ ...r, pushedHash: "new" })), upsert);
    expect(await db.provisioningLink.count({ where: { applicationId: "app-c" } })).toBe(9_000);
    expect(await db.provisioningLink.count({ where: { applicationId: "app-c", pushedHash: "new" } })).toBe(10);
  });

  it("returns the new ids in the order of the rows", async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => ({
      applicationId: "app-d",
      objectType: "user",
      objectId: `acc-${i}`,
      action: "sync",
      status: "pending",
      payloadJson: JSON.stringify({ n: i }),
      attempts: 0,
      nextAttemptAt: new Date(),
      createdAt: new Date(),
    }));
    const ids = await bulk.insertRowsReturningIds(db, "ProvisioningEvent", Object.keys(rows[0]) as (keyof (typeof rows)[0])[], rows);
    expect(ids).toHaveLength(5_000);
    const back = await db.provisioningEvent.findMany({ where: { id: { in: ids.slice(0, 500) } }, select: { id: true, objectId: true } });
    const byId = new Map(back.map((r) => [r.id, r.objectId]));
    ids.slice(0, 500).forEach((id, i) => expect(byId.get(id)).toBe(`acc-${i}`));
    expect(new Set(ids).size).toBe(5_000);
  });
});

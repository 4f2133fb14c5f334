import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { isUniqueViolation } from "./db-errors";

function sqliteError(run: (db: Database.Database) => void): unknown {
  const db = new Database(":memory:");
  db.exec("CREATE TABLE T (id TEXT PRIMARY KEY, nameLower TEXT NOT NULL UNIQUE, other TEXT NOT NULL)");
  db.prepare("INSERT INTO T VALUES ('a', 'x', 'o')").run();
  try {
    run(db);
  } catch (err) {
    return err;
  } finally {
    db.close();
  }
  throw new Error("expected the statement to fail");
}

const p2002 = (meta: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError("Unique constraint failed", { code: "P2002", clientVersion: "test", meta });

describe("isUniqueViolation", () => {
  it("recognises Prisma's P2002, optionally on a given column", () => {
    const err = p2002({ modelName: "SsoUser", driverAdapterError: { cause: { constraint: { fields: ["directoryId", "userNameLower"] } } } });
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(err, "userNameLower")).toBe(true);
    expect(isUniqueViolation(err, "emailLower")).toBe(false);
  });

  it("recognises better-sqlite3's unique and primary-key violations, named by column", () => {
    const unique = sqliteError((db) => db.prepare("INSERT INTO T VALUES ('b', 'x', 'o')").run());
    const primary = sqliteError((db) => db.prepare("INSERT INTO T VALUES ('a', 'y', 'o')").run());
    expect(isUniqueViolation(unique)).toBe(true);
    expect(isUniqueViolation(unique, "nameLower")).toBe(true);
    expect(isUniqueViolation(unique, "other")).toBe(false);
    expect(isUniqueViolation(primary)).toBe(true);
  });

  it("rejects other failures", () => {
    const notNull = sqliteError((db) => db.prepare("INSERT INTO T (id, nameLower) VALUES ('c', 'z')").run());
    const notFound = new Prisma.PrismaClientKnownRequestError("Record not found", { code: "P2025", clientVersion: "test" });
    for (const err of [notNull, notFound, new Error("UNIQUE constraint failed"), null, undefined, "P2002"]) {
      expect(isUniqueViolation(err)).toBe(false);
    }
  });
});

-- Issue 12: each CloudSSO user keeps the default-projection SCIM JSON text that list pages send,
-- less its groups and meta (made per page), so a page of 100 in a directory of 100,000 reads
-- texts instead of rendering 100 users. lib/cloudsso/scim-users.ts writes and reads them.
ALTER TABLE "SsoUser" ADD COLUMN "scimText" TEXT;
ALTER TABLE "SsoUser" ADD COLUMN "scimTextStamp" INTEGER NOT NULL DEFAULT 0;

-- The database forgets a text whenever a column it is made of is written, whoever writes it (SCIM,
-- the console through Prisma, a script), and moves the stamp so that a text rendered from the
-- row as it was before cannot be stored afterwards.
CREATE TRIGGER "SsoUser_scimText_stale"
AFTER UPDATE OF "id", "userName", "firstName", "lastName", "displayName", "email", "status", "externalId", "scimJson" ON "SsoUser"
BEGIN
  UPDATE "SsoUser" SET "scimText" = NULL, "scimTextStamp" = "scimTextStamp" + 1 WHERE "id" = NEW."id";
END;

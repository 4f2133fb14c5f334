-- CreateTable
CREATE TABLE "SsoUserEmail" (
    "userId" TEXT NOT NULL,
    "directoryId" TEXT NOT NULL,
    "valueLower" TEXT NOT NULL,

    PRIMARY KEY ("userId", "valueLower"),
    CONSTRAINT "SsoUserEmail_userId_fkey" FOREIGN KEY ("userId") REFERENCES "SsoUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SsoUser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "directoryId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "userNameLower" TEXT NOT NULL,
    "firstName" TEXT NOT NULL DEFAULT '',
    "lastName" TEXT NOT NULL DEFAULT '',
    "displayName" TEXT NOT NULL DEFAULT '',
    "displayNameLower" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "emailLower" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'Enabled',
    "provisioningType" TEXT NOT NULL DEFAULT 'Manual',
    "externalId" TEXT,
    "scimJson" TEXT NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SsoUser_directoryId_fkey" FOREIGN KEY ("directoryId") REFERENCES "SsoDirectory" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_SsoUser" ("createdAt", "description", "directoryId", "displayName", "email", "emailLower", "externalId", "firstName", "id", "lastName", "provisioningType", "scimJson", "status", "updatedAt", "userName", "userNameLower", "version") SELECT "createdAt", "description", "directoryId", "displayName", "email", "emailLower", "externalId", "firstName", "id", "lastName", "provisioningType", "scimJson", "status", "updatedAt", "userName", "userNameLower", "version" FROM "SsoUser";
DROP TABLE "SsoUser";
ALTER TABLE "new_SsoUser" RENAME TO "SsoUser";
CREATE INDEX "SsoUser_directoryId_emailLower_idx" ON "SsoUser"("directoryId", "emailLower");
CREATE INDEX "SsoUser_directoryId_externalId_idx" ON "SsoUser"("directoryId", "externalId");
CREATE INDEX "SsoUser_directoryId_displayName_idx" ON "SsoUser"("directoryId", "displayName");
CREATE INDEX "SsoUser_directoryId_displayNameLower_idx" ON "SsoUser"("directoryId", "displayNameLower");
CREATE INDEX "SsoUser_directoryId_updatedAt_idx" ON "SsoUser"("directoryId", "updatedAt");
CREATE INDEX "SsoUser_directoryId_createdAt_idx" ON "SsoUser"("directoryId", "createdAt");
CREATE UNIQUE INDEX "SsoUser_directoryId_userNameLower_key" ON "SsoUser"("directoryId", "userNameLower");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SsoUserEmail_directoryId_valueLower_idx" ON "SsoUserEmail"("directoryId", "valueLower");


-- Backfill. SQLite's lower() folds ASCII only; the SCIM store re-folds the few non-ASCII values
-- with JavaScript's toLowerCase when it opens the database (lib/cloudsso/scim-sql.ts).
UPDATE "SsoUser" SET "displayNameLower" = lower("displayName");

-- Every email a user's SCIM representation can show: the CloudSSO column and the stored SCIM emails.
INSERT OR IGNORE INTO "SsoUserEmail" ("userId", "directoryId", "valueLower")
SELECT "id", "directoryId", "emailLower" FROM "SsoUser" WHERE "emailLower" <> '';

INSERT OR IGNORE INTO "SsoUserEmail" ("userId", "directoryId", "valueLower")
SELECT u."id", u."directoryId", lower(json_extract(e."value", '$.value'))
  FROM "SsoUser" u, json_each(CASE WHEN json_valid(u."scimJson") AND json_type(u."scimJson", '$.emails') = 'array' THEN u."scimJson" ELSE '{}' END, '$.emails') e
 WHERE json_type(e."value", '$.value') = 'text' AND json_extract(e."value", '$.value') <> '';

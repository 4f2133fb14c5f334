-- AlterTable
ALTER TABLE "ProvisioningEvent" ADD COLUMN "firstFailedAt" DATETIME;
ALTER TABLE "ProvisioningEvent" ADD COLUMN "lastHttpStatus" INTEGER;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProvisioningLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "applicationId" TEXT NOT NULL,
    "taskId" TEXT,
    "eventId" INTEGER,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "objectName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "scimType" TEXT,
    "detail" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_ProvisioningLog" ("action", "applicationId", "createdAt", "detail", "durationMs", "httpStatus", "id", "objectId", "objectName", "objectType", "result", "scimType", "taskId") SELECT "action", "applicationId", "createdAt", "detail", "durationMs", "httpStatus", "id", "objectId", "objectName", "objectType", "result", "scimType", "taskId" FROM "ProvisioningLog";
DROP TABLE "ProvisioningLog";
ALTER TABLE "new_ProvisioningLog" RENAME TO "ProvisioningLog";
CREATE INDEX "ProvisioningLog_taskId_idx" ON "ProvisioningLog"("taskId");
CREATE INDEX "ProvisioningLog_eventId_idx" ON "ProvisioningLog"("eventId");
CREATE INDEX "ProvisioningLog_applicationId_createdAt_idx" ON "ProvisioningLog"("applicationId", "createdAt");
CREATE INDEX "ProvisioningLog_objectName_idx" ON "ProvisioningLog"("objectName");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ProvisioningEvent_applicationId_status_idx" ON "ProvisioningEvent"("applicationId", "status");


-- AlterTable
ALTER TABLE "ProvisioningLink" ADD COLUMN "remoteActive" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "SsoScimCredential" ADD COLUMN "lastUsedAt" DATETIME;

-- AlterTable
ALTER TABLE "SsoUser" ADD COLUMN "scimSyncedAt" DATETIME;

-- AlterTable
ALTER TABLE "SsoGroup" ADD COLUMN "scimSyncedAt" DATETIME;

-- AlterTable
ALTER TABLE "SsoScimRequestLog" ADD COLUMN "requestHeaders" TEXT;
ALTER TABLE "SsoScimRequestLog" ADD COLUMN "responseBody" TEXT;
ALTER TABLE "SsoScimRequestLog" ADD COLUMN "responseHeaders" TEXT;

-- CreateIndex
CREATE INDEX "SsoScimRequestLog_credentialId_idx" ON "SsoScimRequestLog"("credentialId");


-- CreateTable
CREATE TABLE "SsoRdFolder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "directoryId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SsoRdAccount" (
    "accountId" TEXT NOT NULL PRIMARY KEY,
    "directoryId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "displayNameLower" TEXT NOT NULL,
    "folderId" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'ResourceAccount',
    "joinMethod" TEXT NOT NULL DEFAULT 'created',
    "status" TEXT NOT NULL DEFAULT 'CreateSuccess',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "samlProviderCreatedAt" DATETIME,
    "serviceLinkedRoleCreatedAt" DATETIME
);

-- CreateTable
CREATE TABLE "SsoAccessConfiguration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "directoryId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameLower" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "sessionDuration" INTEGER NOT NULL DEFAULT 3600,
    "relayState" TEXT NOT NULL DEFAULT '',
    "inlinePolicyName" TEXT,
    "inlinePolicyDocument" TEXT,
    "inlinePolicyAddedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SsoAccessConfigurationPolicy" (
    "accessConfigurationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accessConfigurationId", "name"),
    CONSTRAINT "SsoAccessConfigurationPolicy_accessConfigurationId_fkey" FOREIGN KEY ("accessConfigurationId") REFERENCES "SsoAccessConfiguration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SsoAccessProvisioning" (
    "accessConfigurationId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "ramRoleName" TEXT NOT NULL,
    "policiesJson" TEXT NOT NULL DEFAULT '[]',
    "inlinePolicyDocument" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("accessConfigurationId", "accountId"),
    CONSTRAINT "SsoAccessProvisioning_accessConfigurationId_fkey" FOREIGN KEY ("accessConfigurationId") REFERENCES "SsoAccessConfiguration" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SsoAccessProvisioning_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "SsoRdAccount" ("accountId") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SsoAccessAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "directoryId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "principalType" TEXT NOT NULL,
    "principalId" TEXT NOT NULL,
    "accessConfigurationId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SsoAccessAssignment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "SsoRdAccount" ("accountId") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SsoAccessAssignment_accessConfigurationId_fkey" FOREIGN KEY ("accessConfigurationId") REFERENCES "SsoAccessConfiguration" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SsoAccessTask" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL,
    "directoryId" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "taskType" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'InProgress',
    "failureReason" TEXT,
    "accountId" TEXT NOT NULL,
    "accountName" TEXT NOT NULL,
    "accessConfigurationId" TEXT NOT NULL,
    "accessConfigurationName" TEXT NOT NULL,
    "principalType" TEXT,
    "principalId" TEXT,
    "principalName" TEXT,
    "deprovisionStrategy" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT,
    "claimedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startTime" DATETIME,
    "endTime" DATETIME
);

-- CreateIndex
CREATE INDEX "SsoRdFolder_directoryId_idx" ON "SsoRdFolder"("directoryId");

-- CreateIndex
CREATE INDEX "SsoRdAccount_folderId_idx" ON "SsoRdAccount"("folderId");

-- CreateIndex
CREATE UNIQUE INDEX "SsoRdAccount_directoryId_displayNameLower_key" ON "SsoRdAccount"("directoryId", "displayNameLower");

-- CreateIndex
CREATE UNIQUE INDEX "SsoAccessConfiguration_directoryId_nameLower_key" ON "SsoAccessConfiguration"("directoryId", "nameLower");

-- CreateIndex
CREATE INDEX "SsoAccessProvisioning_accountId_idx" ON "SsoAccessProvisioning"("accountId");

-- CreateIndex
CREATE INDEX "SsoAccessAssignment_principalType_principalId_idx" ON "SsoAccessAssignment"("principalType", "principalId");

-- CreateIndex
CREATE INDEX "SsoAccessAssignment_accessConfigurationId_accountId_idx" ON "SsoAccessAssignment"("accessConfigurationId", "accountId");

-- CreateIndex
CREATE UNIQUE INDEX "SsoAccessAssignment_accountId_principalType_principalId_accessConfigurationId_key" ON "SsoAccessAssignment"("accountId", "principalType", "principalId", "accessConfigurationId");

-- CreateIndex
CREATE UNIQUE INDEX "SsoAccessTask_id_key" ON "SsoAccessTask"("id");

-- CreateIndex
CREATE INDEX "SsoAccessTask_status_nextAttemptAt_idx" ON "SsoAccessTask"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "SsoAccessTask_batchId_idx" ON "SsoAccessTask"("batchId");

-- CreateIndex
CREATE INDEX "SsoAccessTask_directoryId_createdAt_idx" ON "SsoAccessTask"("directoryId", "createdAt");


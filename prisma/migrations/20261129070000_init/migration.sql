-- CreateTable
CREATE TABLE "AdminUser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SsoDirectory" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "scimEnabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SsoScimCredential" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "directoryId" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Enabled',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "SsoScimCredential_directoryId_fkey" FOREIGN KEY ("directoryId") REFERENCES "SsoDirectory" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SsoUser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "directoryId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "userNameLower" TEXT NOT NULL,
    "firstName" TEXT NOT NULL DEFAULT '',
    "lastName" TEXT NOT NULL DEFAULT '',
    "displayName" TEXT NOT NULL DEFAULT '',
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

-- CreateTable
CREATE TABLE "SsoGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "directoryId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameLower" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "provisioningType" TEXT NOT NULL DEFAULT 'Manual',
    "externalId" TEXT,
    "scimJson" TEXT NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SsoGroup_directoryId_fkey" FOREIGN KEY ("directoryId") REFERENCES "SsoDirectory" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SsoGroupMember" (
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("groupId", "userId"),
    CONSTRAINT "SsoGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "SsoGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SsoGroupMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "SsoUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SsoScimRequestLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "directoryId" TEXT,
    "credentialId" TEXT,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "scimType" TEXT,
    "detail" TEXT,
    "requestBody" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "IdaasInstance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "IdaasOrgUnit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT NOT NULL,
    "parentId" TEXT,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IdaasOrgUnit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "IdaasOrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdaasAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "usernameLower" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "givenName" TEXT NOT NULL DEFAULT '',
    "familyName" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "emailLower" TEXT,
    "phone" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'Enabled',
    "externalId" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "primaryUnitId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IdaasAccount_primaryUnitId_fkey" FOREIGN KEY ("primaryUnitId") REFERENCES "IdaasOrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdaasAccountUnit" (
    "accountId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,

    PRIMARY KEY ("accountId", "unitId"),
    CONSTRAINT "IdaasAccountUnit_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "IdaasAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IdaasAccountUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "IdaasOrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdaasGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameLower" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "IdaasGroupMember" (
    "groupId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("groupId", "accountId"),
    CONSTRAINT "IdaasGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "IdaasGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IdaasGroupMember_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "IdaasAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdaasApplication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Enabled',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ProvisioningConfig" (
    "applicationId" TEXT NOT NULL PRIMARY KEY,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "scimServerUrl" TEXT NOT NULL DEFAULT '',
    "tokenEncrypted" TEXT NOT NULL DEFAULT '',
    "tokenHint" TEXT NOT NULL DEFAULT '',
    "operationsJson" TEXT NOT NULL DEFAULT '[]',
    "fullScopeAccounts" BOOLEAN NOT NULL DEFAULT false,
    "fullScopeGroups" BOOLEAN NOT NULL DEFAULT false,
    "fieldMappingJson" TEXT NOT NULL DEFAULT '[]',
    "groupMappingJson" TEXT NOT NULL DEFAULT '[]',
    "matchAttribute" TEXT NOT NULL DEFAULT 'userName',
    "scopeUnitIdsJson" TEXT NOT NULL DEFAULT '[]',
    "scopeGroupIdsJson" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProvisioningConfig_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "IdaasApplication" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProvisioningEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "applicationId" TEXT NOT NULL,
    "taskId" TEXT,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "payloadJson" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ProvisioningLink" (
    "applicationId" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "localId" TEXT NOT NULL,
    "remoteId" TEXT NOT NULL,
    "pushedHash" TEXT NOT NULL DEFAULT '',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("applicationId", "objectType", "localId")
);

-- CreateTable
CREATE TABLE "ProvisioningTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "applicationName" TEXT NOT NULL,
    "triggerMethod" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Initialization',
    "statusDescription" TEXT NOT NULL DEFAULT '',
    "countersJson" TEXT NOT NULL DEFAULT '{}',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "startTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endTime" DATETIME
);

-- CreateTable
CREATE TABLE "ProvisioningLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "applicationId" TEXT NOT NULL,
    "taskId" TEXT,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "objectName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "scimType" TEXT,
    "detail" TEXT,
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "AdminUser_username_key" ON "AdminUser"("username");

-- CreateIndex
CREATE UNIQUE INDEX "SsoScimCredential_secretHash_key" ON "SsoScimCredential"("secretHash");

-- CreateIndex
CREATE INDEX "SsoScimCredential_directoryId_idx" ON "SsoScimCredential"("directoryId");

-- CreateIndex
CREATE INDEX "SsoUser_directoryId_emailLower_idx" ON "SsoUser"("directoryId", "emailLower");

-- CreateIndex
CREATE INDEX "SsoUser_directoryId_externalId_idx" ON "SsoUser"("directoryId", "externalId");

-- CreateIndex
CREATE INDEX "SsoUser_directoryId_displayName_idx" ON "SsoUser"("directoryId", "displayName");

-- CreateIndex
CREATE INDEX "SsoUser_directoryId_updatedAt_idx" ON "SsoUser"("directoryId", "updatedAt");

-- CreateIndex
CREATE INDEX "SsoUser_directoryId_createdAt_idx" ON "SsoUser"("directoryId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SsoUser_directoryId_userNameLower_key" ON "SsoUser"("directoryId", "userNameLower");

-- CreateIndex
CREATE INDEX "SsoGroup_directoryId_externalId_idx" ON "SsoGroup"("directoryId", "externalId");

-- CreateIndex
CREATE INDEX "SsoGroup_directoryId_updatedAt_idx" ON "SsoGroup"("directoryId", "updatedAt");

-- CreateIndex
CREATE INDEX "SsoGroup_directoryId_createdAt_idx" ON "SsoGroup"("directoryId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SsoGroup_directoryId_nameLower_key" ON "SsoGroup"("directoryId", "nameLower");

-- CreateIndex
CREATE INDEX "SsoGroupMember_userId_idx" ON "SsoGroupMember"("userId");

-- CreateIndex
CREATE INDEX "SsoScimRequestLog_directoryId_createdAt_idx" ON "SsoScimRequestLog"("directoryId", "createdAt");

-- CreateIndex
CREATE INDEX "SsoScimRequestLog_status_idx" ON "SsoScimRequestLog"("status");

-- CreateIndex
CREATE INDEX "IdaasOrgUnit_instanceId_parentId_idx" ON "IdaasOrgUnit"("instanceId", "parentId");

-- CreateIndex
CREATE INDEX "IdaasAccount_primaryUnitId_idx" ON "IdaasAccount"("primaryUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "IdaasAccount_instanceId_usernameLower_key" ON "IdaasAccount"("instanceId", "usernameLower");

-- CreateIndex
CREATE UNIQUE INDEX "IdaasAccount_instanceId_emailLower_key" ON "IdaasAccount"("instanceId", "emailLower");

-- CreateIndex
CREATE INDEX "IdaasAccountUnit_unitId_idx" ON "IdaasAccountUnit"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "IdaasGroup_instanceId_nameLower_key" ON "IdaasGroup"("instanceId", "nameLower");

-- CreateIndex
CREATE INDEX "IdaasGroupMember_accountId_idx" ON "IdaasGroupMember"("accountId");

-- CreateIndex
CREATE INDEX "ProvisioningEvent_status_nextAttemptAt_idx" ON "ProvisioningEvent"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ProvisioningEvent_applicationId_objectType_objectId_idx" ON "ProvisioningEvent"("applicationId", "objectType", "objectId");

-- CreateIndex
CREATE INDEX "ProvisioningEvent_taskId_idx" ON "ProvisioningEvent"("taskId");

-- CreateIndex
CREATE INDEX "ProvisioningTask_applicationId_startTime_idx" ON "ProvisioningTask"("applicationId", "startTime");

-- CreateIndex
CREATE INDEX "ProvisioningTask_status_idx" ON "ProvisioningTask"("status");

-- CreateIndex
CREATE INDEX "ProvisioningLog_taskId_idx" ON "ProvisioningLog"("taskId");

-- CreateIndex
CREATE INDEX "ProvisioningLog_applicationId_createdAt_idx" ON "ProvisioningLog"("applicationId", "createdAt");

-- CreateIndex
CREATE INDEX "ProvisioningLog_objectName_idx" ON "ProvisioningLog"("objectName");


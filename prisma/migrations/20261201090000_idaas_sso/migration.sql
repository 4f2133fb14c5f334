-- CreateTable
CREATE TABLE "IdaasAccountPassword" (
    "accountId" TEXT NOT NULL PRIMARY KEY,
    "passwordHash" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IdaasAccountPassword_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "IdaasAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdaasPortalSession" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "IdaasPortalSession_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "IdaasAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdaasSsoConfig" (
    "applicationId" TEXT NOT NULL PRIMARY KEY,
    "authorizeMode" TEXT NOT NULL DEFAULT 'All',
    "acsUrl" TEXT NOT NULL DEFAULT '',
    "spEntityId" TEXT NOT NULL DEFAULT '',
    "usernameSource" TEXT NOT NULL DEFAULT 'username',
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IdaasSsoConfig_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "IdaasApplication" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdaasSsoGrant" (
    "applicationId" TEXT NOT NULL,
    "principalType" TEXT NOT NULL,
    "principalId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("applicationId", "principalType", "principalId"),
    CONSTRAINT "IdaasSsoGrant_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "IdaasSsoConfig" ("applicationId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdaasSignInLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "instanceId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "accountId" TEXT,
    "event" TEXT NOT NULL,
    "applicationId" TEXT,
    "applicationName" TEXT,
    "result" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "IdaasPortalSession_accountId_idx" ON "IdaasPortalSession"("accountId");

-- CreateIndex
CREATE INDEX "IdaasPortalSession_expiresAt_idx" ON "IdaasPortalSession"("expiresAt");

-- CreateIndex
CREATE INDEX "IdaasSsoGrant_principalType_principalId_idx" ON "IdaasSsoGrant"("principalType", "principalId");

-- CreateIndex
CREATE INDEX "IdaasSignInLog_instanceId_createdAt_idx" ON "IdaasSignInLog"("instanceId", "createdAt");


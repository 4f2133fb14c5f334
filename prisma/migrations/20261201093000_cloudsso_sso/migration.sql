
-- CreateTable
CREATE TABLE "SsoLogonSettings" (
    "directoryId" TEXT NOT NULL PRIMARY KEY,
    "directoryName" TEXT NOT NULL,
    "acsId" TEXT NOT NULL,
    "ssoEnabled" BOOLEAN NOT NULL DEFAULT false,
    "idpEntityId" TEXT,
    "idpLogonUrl" TEXT,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SsoIdpCertificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "directoryId" TEXT NOT NULL,
    "pem" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "notBefore" DATETIME NOT NULL,
    "notAfter" DATETIME NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SsoIdpCertificate_directoryId_fkey" FOREIGN KEY ("directoryId") REFERENCES "SsoLogonSettings" ("directoryId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SsoUserPassword" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "passwordHash" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SsoUserPassword_userId_fkey" FOREIGN KEY ("userId") REFERENCES "SsoUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SsoPortalSession" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "directoryId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "SsoPortalSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "SsoUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SsoSamlRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "directoryId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SsoSamlAssertionUse" (
    "directoryId" TEXT NOT NULL,
    "assertionId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,

    PRIMARY KEY ("directoryId", "assertionId")
);

-- CreateTable
CREATE TABLE "SsoSignInLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "directoryId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "userId" TEXT,
    "method" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "reason" TEXT,
    "detail" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "SsoLogonSettings_directoryName_key" ON "SsoLogonSettings"("directoryName");

-- CreateIndex
CREATE UNIQUE INDEX "SsoLogonSettings_acsId_key" ON "SsoLogonSettings"("acsId");

-- CreateIndex
CREATE UNIQUE INDEX "SsoIdpCertificate_directoryId_fingerprint_key" ON "SsoIdpCertificate"("directoryId", "fingerprint");

-- CreateIndex
CREATE INDEX "SsoPortalSession_userId_idx" ON "SsoPortalSession"("userId");

-- CreateIndex
CREATE INDEX "SsoPortalSession_expiresAt_idx" ON "SsoPortalSession"("expiresAt");

-- CreateIndex
CREATE INDEX "SsoSamlRequest_expiresAt_idx" ON "SsoSamlRequest"("expiresAt");

-- CreateIndex
CREATE INDEX "SsoSamlAssertionUse_expiresAt_idx" ON "SsoSamlAssertionUse"("expiresAt");

-- CreateIndex
CREATE INDEX "SsoSignInLog_directoryId_createdAt_idx" ON "SsoSignInLog"("directoryId", "createdAt");


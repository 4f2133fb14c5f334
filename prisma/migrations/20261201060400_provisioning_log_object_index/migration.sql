-- CreateIndex
CREATE INDEX "ProvisioningLog_applicationId_objectType_objectId_idx" ON "ProvisioningLog"("applicationId", "objectType", "objectId");


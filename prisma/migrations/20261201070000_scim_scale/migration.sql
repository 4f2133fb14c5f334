-- CreateIndex
CREATE INDEX "SsoGroupMember_groupId_createdAt_idx" ON "SsoGroupMember"("groupId", "createdAt");

-- CreateIndex
CREATE INDEX "SsoUser_directoryId_createdAt_id_idx" ON "SsoUser"("directoryId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "IdaasAccount_instanceId_createdAt_id_idx" ON "IdaasAccount"("instanceId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "IdaasGroupMember_groupId_createdAt_accountId_idx" ON "IdaasGroupMember"("groupId", "createdAt" DESC, "accountId");

-- CreateIndex
CREATE INDEX "ProvisioningLog_taskId_result_idx" ON "ProvisioningLog"("taskId", "result");

-- CreateIndex
CREATE INDEX "ProvisioningTask_startTime_id_idx" ON "ProvisioningTask"("startTime", "id");


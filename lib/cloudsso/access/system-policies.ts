/**
 * The built-in catalogue of Alibaba Cloud system policies an access configuration can use (real
 * policy names, with their console descriptions). Client-safe data.
 */
export interface SystemPolicy {
  name: string;
  description: string;
}

export const SYSTEM_POLICIES: readonly SystemPolicy[] = [
  { name: "AdministratorAccess", description: "Provides full access to Alibaba Cloud services and resources." },
  { name: "ReadOnlyAccess", description: "Provides read-only access to Alibaba Cloud services and resources." },
  { name: "AliyunECSFullAccess", description: "Provides full access to Elastic Compute Service (ECS)." },
  { name: "AliyunECSReadOnlyAccess", description: "Provides read-only access to Elastic Compute Service (ECS)." },
  { name: "AliyunOSSFullAccess", description: "Provides full access to Object Storage Service (OSS)." },
  { name: "AliyunOSSReadOnlyAccess", description: "Provides read-only access to Object Storage Service (OSS)." },
  { name: "AliyunRAMFullAccess", description: "Provides full access to Resource Access Management (RAM)." },
  { name: "AliyunRAMReadOnlyAccess", description: "Provides read-only access to Resource Access Management (RAM)." },
  { name: "AliyunVPCFullAccess", description: "Provides full access to Virtual Private Cloud (VPC)." },
  { name: "AliyunVPCReadOnlyAccess", description: "Provides read-only access to Virtual Private Cloud (VPC)." },
  { name: "AliyunRDSFullAccess", description: "Provides full access to ApsaraDB RDS." },
  { name: "AliyunRDSReadOnlyAccess", description: "Provides read-only access to ApsaraDB RDS." },
  { name: "AliyunLogFullAccess", description: "Provides full access to Simple Log Service (SLS)." },
  { name: "AliyunLogReadOnlyAccess", description: "Provides read-only access to Simple Log Service (SLS)." },
  { name: "AliyunBSSFullAccess", description: "Provides full access to Billing Management." },
  { name: "AliyunBSSReadOnlyAccess", description: "Provides read-only access to Billing Management." },
  { name: "AliyunSLBFullAccess", description: "Provides full access to Server Load Balancer (SLB)." },
  { name: "AliyunSLBReadOnlyAccess", description: "Provides read-only access to Server Load Balancer (SLB)." },
  { name: "AliyunCSFullAccess", description: "Provides full access to Container Service for Kubernetes (ACK)." },
  { name: "AliyunKMSFullAccess", description: "Provides full access to Key Management Service (KMS)." },
  { name: "AliyunActionTrailFullAccess", description: "Provides full access to ActionTrail." },
  { name: "AliyunCloudMonitorFullAccess", description: "Provides full access to CloudMonitor." },
  { name: "AliyunCloudMonitorReadOnlyAccess", description: "Provides read-only access to CloudMonitor." },
  { name: "AliyunResourceDirectoryFullAccess", description: "Provides full access to Resource Directory." },
  { name: "AliyunCloudSSOFullAccess", description: "Provides full access to CloudSSO." },
  { name: "AliyunCloudSSOReadOnlyAccess", description: "Provides read-only access to CloudSSO." },
  { name: "AliyunSTSAssumeRoleAccess", description: "Provides access to call the AssumeRole operation of Security Token Service (STS)." },
];

export const SYSTEM_POLICY_NAMES: ReadonlySet<string> = new Set(SYSTEM_POLICIES.map((p) => p.name));

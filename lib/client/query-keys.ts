/**
 * The one TanStack Query key tree of the console, rooted at the console and (for IDaaS) the
 * instance, so that a mutation can invalidate a whole family by prefix:
 *
 *   ["cloudsso", …]
 *   ["cloudsso", "access", …]   (multi-account permissions)
 *   ["idaas", instanceId, "directory", "units" | "accounts" | "groups", …]
 *   ["idaas", instanceId, "applications", "list" | "health" | "detail", appId, …]
 *   ["idaas", instanceId, "provisioning-log", …]
 *
 * Everything an application shows about the directory (scope options and coverage, the
 * provisioning view, the mapping preview, health) sits under "applications", which a directory
 * change invalidates as a whole (see idaas-directory.ts).
 */

export interface PageParams {
  page: number;
  pageSize: number;
  search?: string;
}

export interface AccountListParams extends PageParams {
  unitId?: string;
  includeSubUnits?: boolean;
  status?: string;
}

export interface TaskFilters {
  page: number;
  pageSize: number;
  status?: string;
  from?: string;
  to?: string;
}

export interface LogFilters {
  page: number;
  pageSize: number;
  search?: string;
  result?: string;
}

const cloudssoRoot = ["cloudsso"] as const;

/** The SCIM request log's filters as the page keeps them ("" = any). */
export interface ScimRequestFilter {
  status?: string;
  method?: string;
  path?: string;
  credentialId?: string;
}

export const cloudssoKeys = {
  all: cloudssoRoot,
  settings: () => [...cloudssoRoot, "settings"] as const,
  credentials: () => [...cloudssoRoot, "credentials"] as const,
  users: (p: PageParams) => [...cloudssoRoot, "users", p] as const,
  user: (id: string) => [...cloudssoRoot, "user", id] as const,
  userGroups: (id: string) => [...cloudssoRoot, "user", id, "groups"] as const,
  groups: (p: PageParams) => [...cloudssoRoot, "groups", p] as const,
  group: (id: string) => [...cloudssoRoot, "group", id] as const,
  members: (id: string, p: PageParams) => [...cloudssoRoot, "group", id, "members", p] as const,
  scimRequests: (p: PageParams & ScimRequestFilter) => [...cloudssoRoot, "scim-requests", p] as const,
  scimRequest: (id: number) => [...cloudssoRoot, "scim-request", id] as const,
  // SSO Logon and the user portal (issue 14).
  ssoLogon: () => [...cloudssoRoot, "sso-logon"] as const,
  signInLogs: (p: PageParams & { result?: string }) => [...cloudssoRoot, "sign-in-logs", p] as const,
  userPassword: (id: string) => [...cloudssoRoot, "user", id, "password"] as const,
};

/** CloudSSO multi-account permissions (issue 13), under the CloudSSO root: an access change invalidates ["cloudsso", "access"]. */
const accessRoot = [...cloudssoRoot, "access"] as const;

export interface AssignmentFilter {
  accountId?: string;
  principalType?: string;
  principalId?: string;
  accessConfigurationId?: string;
}

export interface AccessTaskFilter {
  page: number;
  pageSize: number;
  batchId?: string;
  status?: string;
  accountId?: string;
  accessConfigurationId?: string;
}

export const accessKeys = {
  all: accessRoot,
  resourceDirectory: () => [...accessRoot, "resource-directory"] as const,
  account: (accountId: string) => [...accessRoot, "account", accountId] as const,
  systemPolicies: () => [...accessRoot, "system-policies"] as const,
  configurations: (p: PageParams) => [...accessRoot, "configurations", p] as const,
  configuration: (id: string) => [...accessRoot, "configuration", id] as const,
  policies: (id: string) => [...accessRoot, "configuration", id, "policies"] as const,
  provisionings: (id: string, p: PageParams) => [...accessRoot, "configuration", id, "provisionings", p] as const,
  assignments: (f: AssignmentFilter & PageParams) => [...accessRoot, "assignments", f] as const,
  tasks: (f: AccessTaskFilter) => [...accessRoot, "tasks", f] as const,
  taskBatch: (batchId: string, page: number) => [...accessRoot, "tasks", "batch", batchId, page] as const,
  userPermissions: (userId: string) => [...accessRoot, "user-permissions", userId] as const,
  groupAssignments: (groupId: string) => [...accessRoot, "group-assignments", groupId] as const,
  summary: () => [...accessRoot, "summary"] as const,
};

const instance = (instanceId: string) => ["idaas", instanceId] as const;
const directory = (instanceId: string) => [...instance(instanceId), "directory"] as const;
const applications = (instanceId: string) => [...instance(instanceId), "applications"] as const;
const application = (instanceId: string, appId: string) => [...applications(instanceId), "detail", appId] as const;
const provisioningLog = (instanceId: string) => [...instance(instanceId), "provisioning-log"] as const;
const groups = (instanceId: string) => [...directory(instanceId), "groups"] as const;
const group = (instanceId: string, groupId: string) => [...groups(instanceId), "detail", groupId] as const;
const task = (instanceId: string, taskId: string) => [...provisioningLog(instanceId), "task", taskId] as const;

export const idaasKeys = {
  instance,

  directory,
  units: (instanceId: string) => [...directory(instanceId), "units"] as const,
  accounts: (instanceId: string) => [...directory(instanceId), "accounts"] as const,
  accountList: (instanceId: string, p: AccountListParams) => [...directory(instanceId), "accounts", "list", p] as const,
  account: (instanceId: string, accountId: string) => [...directory(instanceId), "accounts", "detail", accountId] as const,
  accountProvisioning: (instanceId: string, accountId: string) =>
    [...directory(instanceId), "accounts", "detail", accountId, "provisioning"] as const,
  groups,
  groupList: (instanceId: string, p: PageParams) => [...groups(instanceId), "list", p] as const,
  group,
  groupMembers: (instanceId: string, groupId: string, p: PageParams) => [...group(instanceId, groupId), "members", p] as const,
  groupProvisioning: (instanceId: string, groupId: string) => [...group(instanceId, groupId), "provisioning"] as const,

  applications,
  applicationList: (instanceId: string, q: { page: number; pageSize: number; search: string }) =>
    [...applications(instanceId), "list", q] as const,
  instanceHealth: (instanceId: string) => [...applications(instanceId), "health"] as const,
  application,
  provisioning: (instanceId: string, appId: string) => [...application(instanceId, appId), "provisioning"] as const,
  scopeOptions: (instanceId: string, appId: string) => [...application(instanceId, appId), "scope-options"] as const,
  scopePreview: (instanceId: string, appId: string, selectionJson: string) =>
    [...application(instanceId, appId), "scope-preview", selectionJson] as const,
  mappingPreview: (instanceId: string, appId: string, rulesJson: string) =>
    [...application(instanceId, appId), "preview", rulesJson] as const,
  health: (instanceId: string, appId: string) => [...application(instanceId, appId), "health"] as const,
  pushNow: (instanceId: string, appId: string) => [...application(instanceId, appId), "push-now"] as const,

  provisioningLog,
  tasks: (instanceId: string, f: TaskFilters) => [...provisioningLog(instanceId), "tasks", f] as const,
  task,
  taskLogs: (instanceId: string, taskId: string, f: LogFilters) => [...task(instanceId, taskId), "logs", f] as const,
  realtimeLogs: (instanceId: string, f: LogFilters) => [...provisioningLog(instanceId), "realtime", f] as const,

  // SSO (issue 14): the SSO tab sits under its application, the password under its account.
  ssoSettings: (instanceId: string, appId: string) => [...application(instanceId, appId), "sso"] as const,
  accountPassword: (instanceId: string, accountId: string) => [...directory(instanceId), "accounts", "detail", accountId, "password"] as const,
  signInLog: (instanceId: string, f: LogFilters) => [...instance(instanceId), "sign-in-log", f] as const,
};

/** Console API paths, mirroring the key tree. */
export const idaasApi = (instanceId: string) => `/api/idaas/instances/${encodeURIComponent(instanceId)}`;
export const applicationsApi = (instanceId: string) => `${idaasApi(instanceId)}/applications`;
export const applicationApi = (instanceId: string, appId: string) => `${applicationsApi(instanceId)}/${encodeURIComponent(appId)}`;
export const provisioningLogApi = (instanceId: string) => `${idaasApi(instanceId)}/provisioning`;

/** The trainer's sample data (lib/client/demo.ts): the reset preview. A reset invalidates everything. */
export const demoKeys = {
  all: ["demo"] as const,
  resetPreview: () => ["demo", "reset-preview"] as const,
};

/** TanStack Query keys for the IDaaS directory; prefixes let a mutation invalidate a whole family. */
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

export const idaasKeys = {
  all: ["idaas"] as const,
  instance: (instanceId: string) => [...idaasKeys.all, "instance", instanceId] as const,
  units: (instanceId: string) => [...idaasKeys.instance(instanceId), "units"] as const,
  accounts: (instanceId: string) => [...idaasKeys.instance(instanceId), "accounts"] as const,
  accountList: (instanceId: string, params: AccountListParams) =>
    [...idaasKeys.accounts(instanceId), "list", params] as const,
  account: (instanceId: string, accountId: string) =>
    [...idaasKeys.accounts(instanceId), "detail", accountId] as const,
  groups: (instanceId: string) => [...idaasKeys.instance(instanceId), "groups"] as const,
  groupList: (instanceId: string, params: PageParams) => [...idaasKeys.groups(instanceId), "list", params] as const,
  group: (instanceId: string, groupId: string) => [...idaasKeys.groups(instanceId), "detail", groupId] as const,
  groupMembers: (instanceId: string, groupId: string, params: PageParams) =>
    [...idaasKeys.group(instanceId, groupId), "members", params] as const,
};

export const idaasApi = (instanceId: string) => `/api/idaas/instances/${encodeURIComponent(instanceId)}`;

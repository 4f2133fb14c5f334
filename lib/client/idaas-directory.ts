"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { api, qs } from "@/lib/api-client";
import type { Page } from "@/lib/api-handler";
import type { AccountView } from "@/lib/idaas/accounts";
import type { GroupMemberView, GroupView } from "@/lib/idaas/groups";
import type { OrgUnitNode } from "@/lib/idaas/org-units";
import type { ObjectProvisioningState } from "@/lib/idaas/provisioning/engine/object-state";
import type { AccountFormValues, AccountStatus, GroupFormValues } from "@/lib/idaas/schemas";
import { idaasApi, idaasKeys, type AccountListParams, type PageParams } from "./query-keys";

export type { AccountView, GroupMemberView, GroupView, ObjectProvisioningState, OrgUnitNode };

/** How often an object's provisioning state is re-read while its details are open. */
const OBJECT_STATE_REFRESH_MS = 3_000;

const startsWith = (key: QueryKey, prefix: QueryKey) => prefix.every((part, i) => key[i] === part);

/**
 * A change to accounts, units, groups or members can alter every directory list (unit counts,
 * unit names on account rows, member lists) and everything applications derive from the
 * directory: scope options and coverage, the provisioning view, the mapping preview and health.
 * `except` leaves one subtree alone (a deleted object's own detail would only answer 404).
 */
function useDirectoryChanged(instanceId: string) {
  const qc = useQueryClient();
  return (except?: QueryKey) => {
    const predicate = except ? (q: { queryKey: QueryKey }) => !startsWith(q.queryKey, except) : undefined;
    return Promise.all([
      qc.invalidateQueries({ queryKey: idaasKeys.directory(instanceId), predicate }),
      qc.invalidateQueries({ queryKey: idaasKeys.applications(instanceId) }),
    ]);
  };
}

/** Mutation of the directory that refreshes what depends on it when it succeeds. */
function useDirectoryMutation<V, R = unknown>(instanceId: string, mutationFn: (v: V) => Promise<R>, except?: (v: V) => QueryKey) {
  const changed = useDirectoryChanged(instanceId);
  return useMutation({ mutationFn, onSuccess: (_data, v) => changed(except?.(v)) });
}

// Organization units

const unitUrl = (instanceId: string, unitId: string) => `${idaasApi(instanceId)}/units/${encodeURIComponent(unitId)}`;

export function useUnits(instanceId: string) {
  return useQuery({
    queryKey: idaasKeys.units(instanceId),
    queryFn: () => api<{ items: OrgUnitNode[] }>(`${idaasApi(instanceId)}/units`).then((r) => r.items),
  });
}

export function useCreateUnit(instanceId: string) {
  return useDirectoryMutation(instanceId, (body: { name: string; parentId: string }) =>
    api<OrgUnitNode>(`${idaasApi(instanceId)}/units`, { method: "POST", body }),
  );
}

export function useRenameUnit(instanceId: string) {
  return useDirectoryMutation(instanceId, ({ unitId, name }: { unitId: string; name: string }) =>
    api(unitUrl(instanceId, unitId), { method: "PATCH", body: { name } }),
  );
}

export function useMoveUnit(instanceId: string) {
  return useDirectoryMutation(instanceId, ({ unitId, parentId }: { unitId: string; parentId: string }) =>
    api(`${unitUrl(instanceId, unitId)}/move`, { method: "POST", body: { parentId } }),
  );
}

export function useDeleteUnit(instanceId: string) {
  return useDirectoryMutation(instanceId, (unitId: string) => api(unitUrl(instanceId, unitId), { method: "DELETE" }));
}

// Accounts

const accountUrl = (instanceId: string, accountId: string) => `${idaasApi(instanceId)}/accounts/${encodeURIComponent(accountId)}`;

export function useAccounts(instanceId: string, params: AccountListParams, enabled = true) {
  return useQuery({
    queryKey: idaasKeys.accountList(instanceId, params),
    queryFn: () =>
      api<Page<AccountView>>(
        `${idaasApi(instanceId)}/accounts${qs({
          page: params.page,
          pageSize: params.pageSize,
          search: params.search,
          unitId: params.unitId,
          includeSubUnits: params.includeSubUnits === false ? "false" : undefined,
          status: params.status,
        })}`,
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAccount(instanceId: string, accountId: string) {
  return useQuery({
    queryKey: idaasKeys.account(instanceId, accountId),
    queryFn: () => api<AccountView>(accountUrl(instanceId, accountId)),
  });
}

/** The account's provisioning state per application, re-read every 3 s (delivery is asynchronous). */
export function useAccountProvisioning(instanceId: string, accountId: string) {
  return useQuery({
    queryKey: idaasKeys.accountProvisioning(instanceId, accountId),
    queryFn: () => api<{ items: ObjectProvisioningState[] }>(`${accountUrl(instanceId, accountId)}/provisioning`).then((r) => r.items),
    refetchInterval: OBJECT_STATE_REFRESH_MS,
  });
}

export function useCreateAccount(instanceId: string) {
  return useDirectoryMutation(instanceId, (body: AccountFormValues) =>
    api<AccountView>(`${idaasApi(instanceId)}/accounts`, { method: "POST", body }),
  );
}

export function useUpdateAccount(instanceId: string) {
  return useDirectoryMutation(instanceId, ({ accountId, values }: { accountId: string; values: AccountFormValues }) =>
    api<AccountView>(accountUrl(instanceId, accountId), { method: "PATCH", body: values }),
  );
}

export function useSetAccountStatus(instanceId: string) {
  return useDirectoryMutation(instanceId, ({ accountId, status }: { accountId: string; status: AccountStatus }) =>
    api<AccountView>(`${accountUrl(instanceId, accountId)}/status`, { method: "POST", body: { status } }),
  );
}

export function useMoveAccount(instanceId: string) {
  return useDirectoryMutation(instanceId, ({ accountId, primaryUnitId }: { accountId: string; primaryUnitId: string }) =>
    api<AccountView>(`${accountUrl(instanceId, accountId)}/move`, { method: "POST", body: { primaryUnitId } }),
  );
}

export function useDeleteAccount(instanceId: string) {
  return useDirectoryMutation(
    instanceId,
    (accountId: string) => api(accountUrl(instanceId, accountId), { method: "DELETE" }),
    // The deleted account's details are leaving: refetching them would only answer 404.
    (accountId) => idaasKeys.account(instanceId, accountId),
  );
}

// Groups and members

const groupUrl = (instanceId: string, groupId: string) => `${idaasApi(instanceId)}/groups/${encodeURIComponent(groupId)}`;

export function useGroups(instanceId: string, params: PageParams) {
  return useQuery({
    queryKey: idaasKeys.groupList(instanceId, params),
    queryFn: () => api<Page<GroupView>>(`${idaasApi(instanceId)}/groups${qs({ ...params })}`),
    placeholderData: keepPreviousData,
  });
}

export function useGroup(instanceId: string, groupId: string) {
  return useQuery({
    queryKey: idaasKeys.group(instanceId, groupId),
    queryFn: () => api<GroupView>(groupUrl(instanceId, groupId)),
  });
}

/** The group's provisioning state per application, re-read every 3 s. */
export function useGroupProvisioning(instanceId: string, groupId: string) {
  return useQuery({
    queryKey: idaasKeys.groupProvisioning(instanceId, groupId),
    queryFn: () => api<{ items: ObjectProvisioningState[] }>(`${groupUrl(instanceId, groupId)}/provisioning`).then((r) => r.items),
    refetchInterval: OBJECT_STATE_REFRESH_MS,
  });
}

export function useGroupMembers(instanceId: string, groupId: string, params: PageParams) {
  return useQuery({
    queryKey: idaasKeys.groupMembers(instanceId, groupId, params),
    queryFn: () => api<Page<GroupMemberView>>(`${groupUrl(instanceId, groupId)}/members${qs({ ...params })}`),
    placeholderData: keepPreviousData,
  });
}

export function useCreateGroup(instanceId: string) {
  return useDirectoryMutation(instanceId, (body: GroupFormValues) =>
    api<GroupView>(`${idaasApi(instanceId)}/groups`, { method: "POST", body }),
  );
}

export function useUpdateGroup(instanceId: string) {
  return useDirectoryMutation(instanceId, ({ groupId, values }: { groupId: string; values: GroupFormValues }) =>
    api<GroupView>(groupUrl(instanceId, groupId), { method: "PATCH", body: values }),
  );
}

export function useDeleteGroup(instanceId: string) {
  return useDirectoryMutation(
    instanceId,
    (groupId: string) => api(groupUrl(instanceId, groupId), { method: "DELETE" }),
    // The deleted group's page is leaving: refetching its detail would only answer 404.
    (groupId) => idaasKeys.group(instanceId, groupId),
  );
}

export function useAddGroupMembers(instanceId: string) {
  return useDirectoryMutation(instanceId, ({ groupId, accountIds }: { groupId: string; accountIds: string[] }) =>
    api<{ added: number }>(`${groupUrl(instanceId, groupId)}/members`, { method: "POST", body: { accountIds } }),
  );
}

export function useRemoveGroupMember(instanceId: string) {
  return useDirectoryMutation(instanceId, ({ groupId, accountId }: { groupId: string; accountId: string }) =>
    api(`${groupUrl(instanceId, groupId)}/members/${encodeURIComponent(accountId)}`, { method: "DELETE" }),
  );
}

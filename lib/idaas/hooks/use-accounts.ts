import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "@/lib/api-client";
import type { Page } from "@/lib/api-handler";
import type { AccountView } from "@/lib/idaas/accounts";
import { idaasApi, idaasKeys, type AccountListParams } from "@/lib/idaas/query-keys";
import type { AccountFormValues, AccountStatus } from "@/lib/idaas/schemas";

export type { AccountView };

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
          includeSubUnits: params.includeSubUnits ? "true" : undefined,
          status: params.status,
        })}`,
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAccount(instanceId: string, accountId: string | undefined) {
  return useQuery({
    queryKey: idaasKeys.account(instanceId, accountId ?? ""),
    queryFn: () => api<AccountView>(`${idaasApi(instanceId)}/accounts/${encodeURIComponent(accountId!)}`),
    enabled: Boolean(accountId),
  });
}

/** Account changes move unit counts and group member lists as well. */
function useInvalidateDirectory(instanceId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: idaasKeys.accounts(instanceId) }),
      qc.invalidateQueries({ queryKey: idaasKeys.units(instanceId) }),
      qc.invalidateQueries({ queryKey: idaasKeys.groups(instanceId) }),
    ]);
}

const accountUrl = (instanceId: string, accountId: string) =>
  `${idaasApi(instanceId)}/accounts/${encodeURIComponent(accountId)}`;

export function useCreateAccount(instanceId: string) {
  const invalidate = useInvalidateDirectory(instanceId);
  return useMutation({
    mutationFn: (body: AccountFormValues) => api<AccountView>(`${idaasApi(instanceId)}/accounts`, { method: "POST", body }),
    onSuccess: invalidate,
  });
}

export function useUpdateAccount(instanceId: string) {
  const invalidate = useInvalidateDirectory(instanceId);
  return useMutation({
    mutationFn: ({ accountId, values }: { accountId: string; values: AccountFormValues }) =>
      api<AccountView>(accountUrl(instanceId, accountId), { method: "PATCH", body: values }),
    onSuccess: invalidate,
  });
}

export function useSetAccountStatus(instanceId: string) {
  const invalidate = useInvalidateDirectory(instanceId);
  return useMutation({
    mutationFn: ({ accountId, status }: { accountId: string; status: AccountStatus }) =>
      api<AccountView>(`${accountUrl(instanceId, accountId)}/status`, { method: "POST", body: { status } }),
    onSuccess: invalidate,
  });
}

export function useMoveAccount(instanceId: string) {
  const invalidate = useInvalidateDirectory(instanceId);
  return useMutation({
    mutationFn: ({ accountId, primaryUnitId }: { accountId: string; primaryUnitId: string }) =>
      api<AccountView>(`${accountUrl(instanceId, accountId)}/move`, { method: "POST", body: { primaryUnitId } }),
    onSuccess: invalidate,
  });
}

export function useDeleteAccount(instanceId: string) {
  const invalidate = useInvalidateDirectory(instanceId);
  return useMutation({
    mutationFn: (accountId: string) => api(accountUrl(instanceId, accountId), { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "@/lib/api-client";
import type { Page } from "@/lib/api-handler";
import type { SignInLogEntry } from "@/lib/idaas/portal/sign-in-log";
import type { SsoSettingsInput } from "@/lib/idaas/sso/schemas";
import type { SsoView } from "@/lib/idaas/sso/settings";
import type { CertificateInfo } from "@/lib/idaas/sso/signing-key";
import { applicationApi, idaasApi, idaasKeys, type LogFilters } from "./query-keys";

export type { CertificateInfo, SignInLogEntry, SsoView };

export function useSsoSettings(instanceId: string, appId: string) {
  return useQuery({
    queryKey: idaasKeys.ssoSettings(instanceId, appId),
    queryFn: () => api<SsoView>(`${applicationApi(instanceId, appId)}/sso`),
  });
}

export function useSaveSsoSettings(instanceId: string, appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SsoSettingsInput) => api<SsoView>(`${applicationApi(instanceId, appId)}/sso`, { method: "PUT", body }),
    onSuccess: (view) => qc.setQueryData(idaasKeys.ssoSettings(instanceId, appId), view),
  });
}

/** Rotate Certificate: every application's IdP metadata changes, so every SSO view is refetched. */
export function useRotateCertificate(instanceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<CertificateInfo>(`${idaasApi(instanceId)}/sso/certificate`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: idaasKeys.applications(instanceId) }),
  });
}

export function useAccountPassword(instanceId: string, accountId: string) {
  return useQuery({
    queryKey: idaasKeys.accountPassword(instanceId, accountId),
    queryFn: () => api<{ set: boolean; updatedAt: string | null }>(`${idaasApi(instanceId)}/accounts/${encodeURIComponent(accountId)}/password`),
  });
}

export function useResetPassword(instanceId: string, accountId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (password: string) =>
      api<{ set: boolean; updatedAt: string | null }>(`${idaasApi(instanceId)}/accounts/${encodeURIComponent(accountId)}/password`, {
        method: "PUT",
        body: { password },
      }),
    onSuccess: (state) => qc.setQueryData(idaasKeys.accountPassword(instanceId, accountId), state),
  });
}

export function useSignInLog(instanceId: string, f: LogFilters) {
  return useQuery({
    queryKey: idaasKeys.signInLog(instanceId, f),
    queryFn: () => api<Page<SignInLogEntry>>(`${idaasApi(instanceId)}/sign-in-logs${qs({ ...f })}`),
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
  });
}

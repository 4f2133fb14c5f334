"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "@/lib/api-client";
import type { Page } from "@/lib/api-handler";
import type { SignInLogView } from "@/lib/cloudsso/portal/sign-in-log";
import type { ConfigureIdpData } from "@/lib/cloudsso/sso/schemas";
import type { SsoLogonView } from "@/lib/cloudsso/sso/settings";
import { cloudssoKeys, type PageParams } from "./query-keys";

export type { SignInLogView, SsoLogonView };

/** SSO Logon changes show on Settings, the Overview and the guide: refresh all of CloudSSO. */
function useInvalidateAll() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: cloudssoKeys.all });
}

export function useSsoLogon() {
  return useQuery({ queryKey: cloudssoKeys.ssoLogon(), queryFn: () => api<SsoLogonView>("/api/cloudsso/sso") });
}

export function useSetDirectoryName() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (directoryName: string) => api<SsoLogonView>("/api/cloudsso/sso/directory-name", { method: "PUT", body: { directoryName } }),
    onSuccess: invalidate,
  });
}

export function useConfigureIdp() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (body: ConfigureIdpData) => api<SsoLogonView>("/api/cloudsso/sso/idp", { method: "PUT", body }),
    onSuccess: invalidate,
  });
}

export function useClearIdp() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: () => api<SsoLogonView>("/api/cloudsso/sso/idp", { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

export function useSetSsoEnabled() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (enabled: boolean) => api<SsoLogonView>("/api/cloudsso/sso/enabled", { method: "PUT", body: { enabled } }),
    onSuccess: invalidate,
  });
}

export function useSignInLogs(p: PageParams & { result?: string }) {
  return useQuery({
    queryKey: cloudssoKeys.signInLogs(p),
    queryFn: () => api<Page<SignInLogView>>(`/api/cloudsso/sso/sign-in-logs${qs({ ...p })}`),
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
    refetchIntervalInBackground: false,
  });
}

export function useUserPassword(userId: string) {
  return useQuery({
    queryKey: cloudssoKeys.userPassword(userId),
    queryFn: () => api<{ hasPassword: boolean }>(`/api/cloudsso/users/${encodeURIComponent(userId)}/password`),
  });
}

export function useSetUserPassword(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (password: string) =>
      api<{ hasPassword: boolean }>(`/api/cloudsso/users/${encodeURIComponent(userId)}/password`, { method: "PUT", body: { password } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: cloudssoKeys.userPassword(userId) }),
  });
}

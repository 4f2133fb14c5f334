"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "@/lib/api-client";
import type { ApplicationView } from "@/lib/idaas/applications";
import type { MappingRule } from "@/lib/idaas/provisioning/config/config-types";
import type { TaskCounters } from "@/lib/idaas/provisioning/tasks/log-actions";
import type { ProvisioningView } from "@/lib/idaas/provisioning/config/config";
import type { ProvisioningConfigFormValues, ProvisioningScopeInput } from "@/lib/idaas/provisioning/config/config-schema";
import type { TemplateId } from "@/lib/idaas/application-templates";
import { applicationApiBase, applicationKeys, applicationsApiBase } from "@/lib/idaas/applications-query-keys";
import type { TablePage } from "@/components/data-table";

export type { ApplicationView, ProvisioningView };
type ProvisioningHealthView = import("@/lib/idaas/provisioning/engine/health-rules").ProvisioningHealth;

export interface ScopeOptions {
  units: { id: string; parentId: string | null; name: string }[];
  groups: { id: string; name: string }[];
}

export interface MappingPreview {
  account: { id: string; username: string } | null;
  user: Record<string, unknown> | null;
  fieldErrors: Record<string, string>;
}

/** Result of Test Connectivity as the route returns it (the token is never part of it). */
export interface ConnectivityResult {
  ok: boolean;
  kind?: string;
  message: string;
}

export interface PushNowTask {
  id: string;
  status: string;
  total: number;
  done: number;
  statusDescription: string;
  counters: TaskCounters;
}

/** How many accounts and groups a provisioning scope selection covers. */
export interface ScopeCoverage {
  accounts: number;
  groups: number;
}

export function useApplications(
  instanceId: string,
  q: { page: number; pageSize: number; search: string },
  opts: { refetchInterval?: number } = {},
) {
  return useQuery({
    queryKey: applicationKeys.list(instanceId, q),
    queryFn: () => api<TablePage<ApplicationView>>(`${applicationsApiBase(instanceId)}${qs({ ...q })}`),
    placeholderData: keepPreviousData,
    refetchInterval: opts.refetchInterval,
  });
}

export function useApplication(instanceId: string, appId: string) {
  return useQuery({
    queryKey: applicationKeys.detail(instanceId, appId),
    queryFn: () => api<ApplicationView>(applicationApiBase(instanceId, appId)),
  });
}

export function useCreateApplication(instanceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { templateId: TemplateId; name: string }) =>
      api<ApplicationView>(applicationsApiBase(instanceId), { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: applicationKeys.all(instanceId) }),
  });
}

export function useRenameApplication(instanceId: string, appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<ApplicationView>(applicationApiBase(instanceId, appId), { method: "PATCH", body: { name } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: applicationKeys.all(instanceId) }),
  });
}

export function useSetApplicationStatus(instanceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { appId: string; status: "Enabled" | "Disabled" }) =>
      api<ApplicationView>(`${applicationApiBase(instanceId, v.appId)}/status`, { method: "PUT", body: { status: v.status } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: applicationKeys.all(instanceId) }),
  });
}

export function useDeleteApplication(instanceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (appId: string) => api(applicationApiBase(instanceId, appId), { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: applicationKeys.all(instanceId) }),
  });
}

export function useProvisioning(instanceId: string, appId: string) {
  return useQuery({
    queryKey: applicationKeys.provisioning(instanceId, appId),
    queryFn: () => api<ProvisioningView>(`${applicationApiBase(instanceId, appId)}/provisioning`),
  });
}

function useProvisioningMutation<V>(instanceId: string, appId: string, path: string, method = "PUT") {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: V) => api<ProvisioningView>(`${applicationApiBase(instanceId, appId)}${path}`, { method, body }),
    onSuccess: (view) => {
      qc.setQueryData(applicationKeys.provisioning(instanceId, appId), view);
      return qc.invalidateQueries({ queryKey: applicationKeys.detail(instanceId, appId), exact: true });
    },
  });
}

export function useSaveProvisioning(instanceId: string, appId: string) {
  return useProvisioningMutation<ProvisioningConfigFormValues>(instanceId, appId, "/provisioning");
}

export function useSaveProvisioningScope(instanceId: string, appId: string) {
  return useProvisioningMutation<ProvisioningScopeInput>(instanceId, appId, "/provisioning/scope");
}

export function useSetProvisioningEnabled(instanceId: string, appId: string) {
  return useProvisioningMutation<{ enabled: boolean }>(instanceId, appId, "/provisioning/enabled");
}

export function useScopeOptions(instanceId: string, appId: string, enabled: boolean) {
  return useQuery({
    queryKey: applicationKeys.scopeOptions(instanceId, appId),
    queryFn: () => api<ScopeOptions>(`${applicationApiBase(instanceId, appId)}/provisioning/scope`),
    enabled,
  });
}

/** Counts for a scope selection, saved or still being ticked in the Configuration dialog. */
export function useScopeCoverage(instanceId: string, appId: string, selection: ProvisioningScopeInput) {
  // Sorted, so ticking A then B and B then A share one cached answer.
  const body = { unitIds: [...selection.unitIds].sort(), groupIds: [...selection.groupIds].sort() };
  return useQuery({
    queryKey: applicationKeys.scopePreview(instanceId, appId, JSON.stringify(body)),
    queryFn: () => api<ScopeCoverage>(`${applicationApiBase(instanceId, appId)}/provisioning/scope/preview`, { method: "POST", body }),
    placeholderData: keepPreviousData,
  });
}

export function useMappingPreview(instanceId: string, appId: string, rules: MappingRule[]) {
  const rulesJson = JSON.stringify(rules);
  return useQuery({
    queryKey: applicationKeys.preview(instanceId, appId, rulesJson),
    queryFn: () =>
      api<MappingPreview>(`${applicationApiBase(instanceId, appId)}/provisioning/preview`, {
        method: "POST",
        body: { userMapping: rules },
      }),
    placeholderData: keepPreviousData,
  });
}

/** Tests the URL and token the form shows; an empty token means the saved one. Saves nothing. */
export function useTestConnectivity(instanceId: string, appId: string) {
  return useMutation({
    mutationFn: (body: Pick<ProvisioningConfigFormValues, "scimServerUrl" | "bearerToken">) =>
      api<ConnectivityResult>(`${applicationApiBase(instanceId, appId)}/test-connectivity`, { method: "POST", body }),
  });
}

/** Polls the latest Push Now task every second while one is running. */
export function usePushNowTask(instanceId: string, appId: string) {
  return useQuery({
    queryKey: applicationKeys.pushNow(instanceId, appId),
    queryFn: () => api<{ task: PushNowTask | null }>(`${applicationApiBase(instanceId, appId)}/push-now`),
    refetchInterval: (query) => {
      const status = query.state.data?.task?.status;
      return status === "Running" || status === "Initialization" ? 1000 : false;
    },
    retry: false,
  });
}

export function useStartPushNow(instanceId: string, appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ task: PushNowTask }>(`${applicationApiBase(instanceId, appId)}/push-now`, { method: "POST", body: {} }),
    onSuccess: (data) => qc.setQueryData(applicationKeys.pushNow(instanceId, appId), { task: data.task }),
  });
}

export type { ProvisioningHealth } from "@/lib/idaas/provisioning/engine/health-rules";

/** Real-time provisioning health of one application, refreshed every 2 s while the tab is open. */
export function useProvisioningHealth(instanceId: string, appId: string) {
  return useQuery({
    queryKey: applicationKeys.health(instanceId, appId),
    queryFn: () => api<ProvisioningHealthView>(`${applicationApiBase(instanceId, appId)}/provisioning/health`),
    refetchInterval: 2000,
  });
}

/** Applications of the instance with kept or failing changes (instance overview). */
export function useInstanceProvisioningHealth(instanceId: string) {
  return useQuery({
    queryKey: applicationKeys.instanceHealth(instanceId),
    queryFn: () =>
      api<{ items: (ProvisioningHealthView & { applicationName: string })[] }>(
        `/api/idaas/instances/${encodeURIComponent(instanceId)}/provisioning/health`,
      ),
    refetchInterval: 3000,
  });
}

export function useRetryNow(instanceId: string, appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ retried: number }>(`${applicationApiBase(instanceId, appId)}/provisioning/retry`, { method: "POST", body: {} }),
    onSettled: () => qc.invalidateQueries({ queryKey: applicationKeys.all(instanceId) }),
  });
}

"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "@/lib/api-client";
import type { Page } from "@/lib/api-handler";
import type { TemplateId } from "@/lib/idaas/application-templates";
import type { ApplicationView } from "@/lib/idaas/applications";
import type { listScopeOptions, MappingPreview, ProvisioningView } from "@/lib/idaas/provisioning/config/config";
import type { ProvisioningConfigFormValues, ProvisioningScopeInput } from "@/lib/idaas/provisioning/config/config-schema";
import type { MappingRule } from "@/lib/idaas/provisioning/config/config-types";
import type { ConnectivityOutcome } from "@/lib/idaas/provisioning/config/connectivity-test";
import type { countScope } from "@/lib/idaas/provisioning/config/scope";
import type { instanceHealth } from "@/lib/idaas/provisioning/engine/health";
import type { ProvisioningHealth } from "@/lib/idaas/provisioning/engine/health-rules";
import type { TaskView } from "@/lib/idaas/provisioning/tasks/task-view";
import { applicationApi, applicationsApi, idaasApi, idaasKeys } from "./query-keys";
import { isActiveTask } from "@/lib/idaas/provisioning/vocabulary";

export type { ApplicationView, MappingPreview, ProvisioningHealth, ProvisioningView, TaskView };
export type ScopeOptions = Awaited<ReturnType<typeof listScopeOptions>>;
/** How many accounts and groups a provisioning scope selection covers. */
export type ScopeCoverage = Awaited<ReturnType<typeof countScope>>;
/** What the Provisioning tab shows of a Test Connectivity (or of the request failing). */
export type ConnectivityResult = Pick<ConnectivityOutcome, "ok" | "kind" | "message">;
export type InstanceHealthItem = Awaited<ReturnType<typeof instanceHealth>>[number];

function useInvalidateApplications(instanceId: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: idaasKeys.applications(instanceId) });
}

export function useApplications(
  instanceId: string,
  q: { page: number; pageSize: number; search: string },
  opts: { refetchInterval?: number } = {},
) {
  return useQuery({
    queryKey: idaasKeys.applicationList(instanceId, q),
    queryFn: () => api<Page<ApplicationView>>(`${applicationsApi(instanceId)}${qs({ ...q })}`),
    placeholderData: keepPreviousData,
    refetchInterval: opts.refetchInterval,
  });
}

export function useApplication(instanceId: string, appId: string) {
  return useQuery({
    queryKey: idaasKeys.application(instanceId, appId),
    queryFn: () => api<ApplicationView>(applicationApi(instanceId, appId)),
  });
}

export function useCreateApplication(instanceId: string) {
  const invalidate = useInvalidateApplications(instanceId);
  return useMutation({
    mutationFn: (body: { templateId: TemplateId; name: string }) =>
      api<ApplicationView>(applicationsApi(instanceId), { method: "POST", body }),
    onSuccess: invalidate,
  });
}

export function useRenameApplication(instanceId: string, appId: string) {
  const invalidate = useInvalidateApplications(instanceId);
  return useMutation({
    mutationFn: (name: string) => api<ApplicationView>(applicationApi(instanceId, appId), { method: "PATCH", body: { name } }),
    onSuccess: invalidate,
  });
}

export function useSetApplicationStatus(instanceId: string) {
  const invalidate = useInvalidateApplications(instanceId);
  return useMutation({
    mutationFn: (v: { appId: string; status: "Enabled" | "Disabled" }) =>
      api<ApplicationView>(`${applicationApi(instanceId, v.appId)}/status`, { method: "PUT", body: { status: v.status } }),
    onSuccess: invalidate,
  });
}

export function useDeleteApplication(instanceId: string) {
  const invalidate = useInvalidateApplications(instanceId);
  return useMutation({
    mutationFn: (appId: string) => api(applicationApi(instanceId, appId), { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

export function useProvisioning(instanceId: string, appId: string) {
  return useQuery({
    queryKey: idaasKeys.provisioning(instanceId, appId),
    queryFn: () => api<ProvisioningView>(`${applicationApi(instanceId, appId)}/provisioning`),
  });
}

function useProvisioningMutation<V>(instanceId: string, appId: string, path: string, method = "PUT") {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: V) => api<ProvisioningView>(`${applicationApi(instanceId, appId)}${path}`, { method, body }),
    onSuccess: (view) => {
      qc.setQueryData(idaasKeys.provisioning(instanceId, appId), view);
      return qc.invalidateQueries({ queryKey: idaasKeys.application(instanceId, appId), exact: true });
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
    queryKey: idaasKeys.scopeOptions(instanceId, appId),
    queryFn: () => api<ScopeOptions>(`${applicationApi(instanceId, appId)}/provisioning/scope`),
    enabled,
  });
}

/** Counts for a scope selection, saved or still being ticked in the Configuration dialog. */
export function useScopeCoverage(instanceId: string, appId: string, selection: ProvisioningScopeInput) {
  // Sorted, so ticking A then B and B then A share one cached answer.
  const body = { unitIds: [...selection.unitIds].sort(), groupIds: [...selection.groupIds].sort() };
  return useQuery({
    queryKey: idaasKeys.scopePreview(instanceId, appId, JSON.stringify(body)),
    queryFn: () => api<ScopeCoverage>(`${applicationApi(instanceId, appId)}/provisioning/scope/preview`, { method: "POST", body }),
    placeholderData: keepPreviousData,
  });
}

export function useMappingPreview(instanceId: string, appId: string, rules: MappingRule[]) {
  const rulesJson = JSON.stringify(rules);
  return useQuery({
    queryKey: idaasKeys.mappingPreview(instanceId, appId, rulesJson),
    queryFn: () =>
      api<MappingPreview>(`${applicationApi(instanceId, appId)}/provisioning/preview`, {
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
      api<ConnectivityOutcome>(`${applicationApi(instanceId, appId)}/test-connectivity`, { method: "POST", body }),
  });
}

/** Polls the latest Push Now task every second while one is running. */
export function usePushNowTask(instanceId: string, appId: string) {
  return useQuery({
    queryKey: idaasKeys.pushNow(instanceId, appId),
    queryFn: () => api<{ task: TaskView | null }>(`${applicationApi(instanceId, appId)}/push-now`),
    refetchInterval: (query) => {
      const status = query.state.data?.task?.status;
      return status && isActiveTask(status) ? 1000 : false;
    },
    retry: false,
  });
}

export function useStartPushNow(instanceId: string, appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ task: TaskView }>(`${applicationApi(instanceId, appId)}/push-now`, { method: "POST", body: {} }),
    onSuccess: (data) => qc.setQueryData(idaasKeys.pushNow(instanceId, appId), { task: data.task }),
  });
}

/** Real-time provisioning health of one application, refreshed every 2 s while the tab is open. */
export function useProvisioningHealth(instanceId: string, appId: string) {
  return useQuery({
    queryKey: idaasKeys.health(instanceId, appId),
    queryFn: () => api<ProvisioningHealth>(`${applicationApi(instanceId, appId)}/provisioning/health`),
    refetchInterval: 2000,
  });
}

/** Applications of the instance with kept or failing changes (instance overview). */
export function useInstanceProvisioningHealth(instanceId: string) {
  return useQuery({
    queryKey: idaasKeys.instanceHealth(instanceId),
    queryFn: () => api<{ items: InstanceHealthItem[] }>(`${idaasApi(instanceId)}/provisioning/health`),
    refetchInterval: 3000,
  });
}

/** Retry Now: kept and failed changes go out again, so health and the provisioning log move. */
export function useRetryNow(instanceId: string, appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ retried: number }>(`${applicationApi(instanceId, appId)}/provisioning/retry`, { method: "POST", body: {} }),
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: idaasKeys.applications(instanceId) }),
        qc.invalidateQueries({ queryKey: idaasKeys.provisioningLog(instanceId) }),
      ]),
  });
}

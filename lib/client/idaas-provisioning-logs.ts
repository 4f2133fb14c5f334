"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "@/lib/api-client";
import type { TaskView } from "@/lib/idaas/provisioning/tasks/task-view";
import type { listRealtimeLogs, listTaskLogs, listTasks, LogEntryView } from "@/lib/idaas/provisioning/tasks/task-log";
import { idaasKeys, provisioningLogApi, type LogFilters, type TaskFilters } from "./query-keys";
import { isActiveTask } from "@/lib/idaas/provisioning/vocabulary";

export type { LogEntryView, TaskView };
export type { LogFilters, TaskFilters };
type TaskList = Awaited<ReturnType<typeof listTasks>>;
type RealtimeLogList = Awaited<ReturnType<typeof listRealtimeLogs>>;
type TaskLogList = Awaited<ReturnType<typeof listTaskLogs>>;

/** SPEC §3.5: the list refreshes every 5 s while anything runs. */
const REFRESH_MS = 5_000;

const taskUrl = (instanceId: string, taskId: string) => `${provisioningLogApi(instanceId)}/tasks/${encodeURIComponent(taskId)}`;

/** A retry or retrigger moves the log and the applications' health alike. */
function useInvalidateProvisioning(instanceId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: idaasKeys.provisioningLog(instanceId) }),
      qc.invalidateQueries({ queryKey: idaasKeys.applications(instanceId) }),
    ]);
}

export function useTasks(instanceId: string, f: TaskFilters) {
  return useQuery({
    queryKey: idaasKeys.tasks(instanceId, f),
    queryFn: () => api<TaskList>(`${provisioningLogApi(instanceId)}/tasks${qs({ ...f })}`),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.anyRunning ? REFRESH_MS : false),
  });
}

export function useTask(instanceId: string, taskId: string) {
  return useQuery({
    queryKey: idaasKeys.task(instanceId, taskId),
    queryFn: () => api<TaskView>(taskUrl(instanceId, taskId)),
    refetchInterval: (q) => (q.state.data && isActiveTask(q.state.data.status) ? REFRESH_MS : false),
  });
}

export function useTaskLogs(instanceId: string, taskId: string, f: LogFilters, running: boolean) {
  return useQuery({
    queryKey: idaasKeys.taskLogs(instanceId, taskId, f),
    queryFn: () => api<TaskLogList>(`${taskUrl(instanceId, taskId)}/logs${qs({ ...f })}`),
    placeholderData: keepPreviousData,
    refetchInterval: running ? REFRESH_MS : false,
  });
}

/** Real-time entries change state (Pending → Retrying → outcome) within seconds: refresh every 2 s. */
export function useRealtimeLogs(instanceId: string, f: LogFilters) {
  return useQuery({
    queryKey: idaasKeys.realtimeLogs(instanceId, f),
    queryFn: () => api<RealtimeLogList>(`${provisioningLogApi(instanceId)}/logs${qs({ ...f })}`),
    placeholderData: keepPreviousData,
    refetchInterval: 2_000,
  });
}

export function useRetryLogEntry(instanceId: string) {
  const invalidate = useInvalidateProvisioning(instanceId);
  return useMutation({
    mutationFn: (logId: number) => api<{ ok: true }>(`${provisioningLogApi(instanceId)}/logs/${logId}/retry`, { method: "POST", body: {} }),
    onSettled: invalidate,
  });
}

export function useRetrigger(instanceId: string) {
  const invalidate = useInvalidateProvisioning(instanceId);
  return useMutation({
    mutationFn: (taskId: string) => api<{ task: TaskView }>(`${taskUrl(instanceId, taskId)}/retrigger`, { method: "POST", body: {} }),
    onSuccess: invalidate,
  });
}

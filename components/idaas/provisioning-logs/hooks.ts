"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "@/lib/api-client";
import type { LogEntryView } from "@/lib/idaas/provisioning/tasks/task-log";
import type { TaskView } from "@/lib/idaas/provisioning/tasks/push-now";

export type { LogEntryView, TaskView };

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

interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const base = (instanceId: string) => `/api/idaas/instances/${encodeURIComponent(instanceId)}/provisioning`;

export const provisioningLogKeys = {
  all: (instanceId: string) => ["idaas", "instance", instanceId, "provisioning-log"] as const,
  tasks: (instanceId: string, f: TaskFilters) => [...provisioningLogKeys.all(instanceId), "tasks", f] as const,
  task: (instanceId: string, taskId: string) => [...provisioningLogKeys.all(instanceId), "task", taskId] as const,
  taskLogs: (instanceId: string, taskId: string, f: LogFilters) => [...provisioningLogKeys.task(instanceId, taskId), "logs", f] as const,
  realtime: (instanceId: string, f: LogFilters) => [...provisioningLogKeys.all(instanceId), "realtime", f] as const,
};

const RUNNING = ["Running", "Initialization"];
/** SPEC §3.5: the list refreshes every 5 s while anything runs. */
const REFRESH_MS = 5_000;

export function useTasks(instanceId: string, f: TaskFilters) {
  return useQuery({
    queryKey: provisioningLogKeys.tasks(instanceId, f),
    queryFn: () => api<Paged<TaskView> & { anyRunning: boolean }>(`${base(instanceId)}/tasks${qs({ ...f })}`),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.anyRunning ? REFRESH_MS : false),
  });
}

export function useTask(instanceId: string, taskId: string) {
  return useQuery({
    queryKey: provisioningLogKeys.task(instanceId, taskId),
    queryFn: () => api<TaskView>(`${base(instanceId)}/tasks/${encodeURIComponent(taskId)}`),
    refetchInterval: (q) => (q.state.data && RUNNING.includes(q.state.data.status) ? REFRESH_MS : false),
  });
}

export function useTaskLogs(instanceId: string, taskId: string, f: LogFilters, running: boolean) {
  return useQuery({
    queryKey: provisioningLogKeys.taskLogs(instanceId, taskId, f),
    queryFn: () => api<Paged<LogEntryView>>(`${base(instanceId)}/tasks/${encodeURIComponent(taskId)}/logs${qs({ ...f })}`),
    placeholderData: keepPreviousData,
    refetchInterval: running ? REFRESH_MS : false,
  });
}

/** Real-time entries change state (Pending → Retrying → outcome) within seconds: refresh every 2 s. */
export function useRealtimeLogs(instanceId: string, f: LogFilters) {
  return useQuery({
    queryKey: provisioningLogKeys.realtime(instanceId, f),
    queryFn: () => api<Paged<LogEntryView & { applicationName: string }>>(`${base(instanceId)}/logs${qs({ ...f })}`),
    placeholderData: keepPreviousData,
    refetchInterval: 2_000,
  });
}

export function useRetryLogEntry(instanceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (logId: number) => api<{ ok: true }>(`${base(instanceId)}/logs/${logId}/retry`, { method: "POST", body: {} }),
    onSettled: () => qc.invalidateQueries({ queryKey: provisioningLogKeys.all(instanceId) }),
  });
}

export function useRetrigger(instanceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (taskId: string) => api<{ task: TaskView }>(`${base(instanceId)}/tasks/${encodeURIComponent(taskId)}/retrigger`, { method: "POST", body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: provisioningLogKeys.all(instanceId) }),
  });
}

"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "@/lib/api-client";
import type { Page } from "@/lib/api-handler";
import type {
  AccessConfigurationView,
  AccessSummaryView,
  AccountDetailView,
  AccountView,
  AssignmentKey,
  AssignmentView,
  CreateAssignmentsResult,
  DeprovisionStrategy,
  PermissionPolicyView,
  PrincipalType,
  ProvisioningView,
  ResourceDirectoryView,
  SystemPolicyView,
  TaskView,
  TasksResult,
  UserPermissionView,
} from "@/lib/cloudsso/access/schemas";
import { accessKeys, type AccessTaskFilter, type AssignmentFilter, type PageParams } from "./query-keys";

/**
 * TanStack Query hooks of CloudSSO's multi-account permissions (issue 13; routes in
 * docs/access-api.md). Every change invalidates the whole ["cloudsso", "access"] family: a policy
 * change moves provisioning statuses, an assignment shows on accounts, users, groups and the overview.
 */

const A = "/api/cloudsso";
const enc = encodeURIComponent;

/** How often views with running tasks re-read them. */
export const TASK_REFRESH_MS = 1000;

function useInvalidateAccess() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: accessKeys.all });
}

// ── Resource Directory ────────────────────────────────────────────────────────

export function useResourceDirectory() {
  return useQuery({ queryKey: accessKeys.resourceDirectory(), queryFn: () => api<ResourceDirectoryView>(`${A}/resource-directory`) });
}
export function useAccountDetail(accountId: string) {
  return useQuery({
    queryKey: accessKeys.account(accountId),
    queryFn: () => api<AccountDetailView>(`${A}/resource-directory/accounts/${enc(accountId)}`),
  });
}
export function useCreateAccount() {
  const invalidate = useInvalidateAccess();
  return useMutation({
    mutationFn: (body: { displayName: string; folderId: string }) => api<AccountView>(`${A}/resource-directory/accounts`, { method: "POST", body }),
    onSuccess: invalidate,
  });
}
export function useRenameAccount() {
  const invalidate = useInvalidateAccess();
  return useMutation({
    mutationFn: (v: { accountId: string; displayName: string }) =>
      api<AccountView>(`${A}/resource-directory/accounts/${enc(v.accountId)}`, { method: "PATCH", body: { displayName: v.displayName } }),
    onSuccess: invalidate,
  });
}
export function useDeleteAccount() {
  const invalidate = useInvalidateAccess();
  return useMutation({
    mutationFn: (accountId: string) => api(`${A}/resource-directory/accounts/${enc(accountId)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

// ── Access configurations and their policies ─────────────────────────────────

export function useSystemPolicies() {
  return useQuery({
    queryKey: accessKeys.systemPolicies(),
    queryFn: () => api<{ items: SystemPolicyView[] }>(`${A}/system-policies`),
    staleTime: Infinity,
  });
}
export function useAccessConfigurations(p: PageParams) {
  return useQuery({
    queryKey: accessKeys.configurations(p),
    queryFn: () => api<Page<AccessConfigurationView>>(`${A}/access-configurations${qs({ ...p })}`),
    placeholderData: keepPreviousData,
  });
}
export function useAccessConfiguration(id: string) {
  return useQuery({
    queryKey: accessKeys.configuration(id),
    queryFn: () => api<AccessConfigurationView>(`${A}/access-configurations/${enc(id)}`),
  });
}
export function usePolicies(id: string) {
  return useQuery({
    queryKey: accessKeys.policies(id),
    queryFn: () => api<{ items: PermissionPolicyView[] }>(`${A}/access-configurations/${enc(id)}/policies`),
  });
}
export function useProvisionings(id: string, p: PageParams) {
  return useQuery({
    queryKey: accessKeys.provisionings(id, p),
    queryFn: () => api<Page<ProvisioningView>>(`${A}/access-configurations/${enc(id)}/provisionings${qs({ page: p.page, pageSize: p.pageSize })}`),
    placeholderData: keepPreviousData,
  });
}

export interface CreateAccessConfigurationBody {
  name: string;
  sessionDuration: number;
  relayState: string;
  description: string;
  systemPolicies: string[];
  inlinePolicy?: { name: string; document: string };
}
export function useCreateAccessConfiguration() {
  const invalidate = useInvalidateAccess();
  return useMutation({
    mutationFn: (body: CreateAccessConfigurationBody) => api<AccessConfigurationView>(`${A}/access-configurations`, { method: "POST", body }),
    onSuccess: invalidate,
  });
}
export function useUpdateAccessConfiguration() {
  const invalidate = useInvalidateAccess();
  return useMutation({
    mutationFn: (v: { id: string; body: { description?: string; sessionDuration?: number; relayState?: string } }) =>
      api<AccessConfigurationView>(`${A}/access-configurations/${enc(v.id)}`, { method: "PATCH", body: v.body }),
    onSuccess: invalidate,
  });
}
export function useDeleteAccessConfiguration() {
  const invalidate = useInvalidateAccess();
  return useMutation({
    mutationFn: (v: { id: string; force: boolean }) =>
      api(`${A}/access-configurations/${enc(v.id)}${qs({ forceRemovePermissionPolicies: String(v.force) })}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}
export function useAddPolicy() {
  const invalidate = useInvalidateAccess();
  return useMutation({
    mutationFn: (v: { id: string; body: { type: "System"; name: string } | { type: "Inline"; name?: string; document: string } }) =>
      api<AccessConfigurationView>(`${A}/access-configurations/${enc(v.id)}/policies`, { method: "POST", body: v.body }),
    onSuccess: invalidate,
  });
}
export function useUpdateInlinePolicy() {
  const invalidate = useInvalidateAccess();
  return useMutation({
    mutationFn: (v: { id: string; name: string; document: string }) =>
      api<AccessConfigurationView>(`${A}/access-configurations/${enc(v.id)}/policies/Inline/${enc(v.name)}`, {
        method: "PUT",
        body: { document: v.document },
      }),
    onSuccess: invalidate,
  });
}
export function useRemovePolicy() {
  const invalidate = useInvalidateAccess();
  return useMutation({
    mutationFn: (v: { id: string; type: "System" | "Inline"; name: string }) =>
      api<AccessConfigurationView>(`${A}/access-configurations/${enc(v.id)}/policies/${v.type}/${enc(v.name)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}
/** Re-provision: one ProvisionAccessConfiguration task per account. */
export function useProvision() {
  const invalidate = useInvalidateAccess();
  return useMutation({
    mutationFn: (v: { id: string; accountIds: string[] }) =>
      api<TasksResult>(`${A}/access-configurations/${enc(v.id)}/provision`, { method: "POST", body: { accountIds: v.accountIds } }),
    onSuccess: invalidate,
  });
}
export function useDeprovision() {
  const invalidate = useInvalidateAccess();
  return useMutation({
    mutationFn: (v: { id: string; accountId: string }) =>
      api<TasksResult>(`${A}/access-configurations/${enc(v.id)}/deprovision`, { method: "POST", body: { accountId: v.accountId } }),
    onSuccess: invalidate,
  });
}

// ── Assignments and tasks ─────────────────────────────────────────────────────

export function useAssignments(f: AssignmentFilter & PageParams, enabled = true) {
  return useQuery({
    queryKey: accessKeys.assignments(f),
    queryFn: () => api<Page<AssignmentView>>(`${A}/access-assignments${qs({ ...f })}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}
export function useCreateAssignments() {
  const invalidate = useInvalidateAccess();
  return useMutation({
    mutationFn: (body: { accountIds: string[]; principals: { type: PrincipalType; id: string }[]; accessConfigurationIds: string[] }) =>
      api<CreateAssignmentsResult>(`${A}/access-assignments`, { method: "POST", body }),
    onSuccess: invalidate,
  });
}
export function useDeleteAssignments() {
  const invalidate = useInvalidateAccess();
  return useMutation({
    mutationFn: (body: { assignments: AssignmentKey[]; deprovisionStrategy?: DeprovisionStrategy }) =>
      api<TasksResult>(`${A}/access-assignments/delete`, { method: "POST", body }),
    onSuccess: invalidate,
  });
}

/**
 * Tasks, re-read every TASK_REFRESH_MS while any shown task is InProgress; when the last one ends,
 * everything the tasks changed (provisioning statuses, roles, assignments) is re-read once.
 */
export function useAccessTasks(f: AccessTaskFilter, { enabled = true }: { enabled?: boolean } = {}) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: accessKeys.tasks(f),
    queryFn: async () => {
      const before = qc.getQueryData<Page<TaskView>>(accessKeys.tasks(f));
      const page = await api<Page<TaskView>>(`${A}/tasks${qs({ ...f })}`);
      const wasRunning = before?.items.some((t) => t.status === "InProgress");
      const running = page.items.some((t) => t.status === "InProgress");
      if (wasRunning && !running) {
        void qc.invalidateQueries({
          queryKey: accessKeys.all,
          predicate: (q) => q.queryKey[2] !== "tasks",
        });
      }
      return page;
    },
    placeholderData: keepPreviousData,
    enabled,
    refetchInterval: (q) => (q.state.data?.items.some((t) => t.status === "InProgress") ? TASK_REFRESH_MS : false),
  });
}

export interface TaskBatch {
  tasks: Page<TaskView>;
  inProgress: number;
  failed: number;
}
export const BATCH_PAGE_SIZE = 100;

/**
 * One batch of tasks (a wizard's Start Configuration, a Re-provision) with its InProgress and
 * Failed counts, re-read every TASK_REFRESH_MS until none is InProgress; then everything the tasks
 * changed is re-read once.
 */
export function useTaskBatch(batchId: string | null, page = 1) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: accessKeys.taskBatch(batchId ?? "", page),
    enabled: !!batchId,
    queryFn: async (): Promise<TaskBatch> => {
      const url = (f: Record<string, string | number>) => `${A}/tasks${qs({ batchId: batchId!, ...f })}`;
      const before = qc.getQueryData<TaskBatch>(accessKeys.taskBatch(batchId ?? "", page));
      const [tasks, running, failed] = await Promise.all([
        api<Page<TaskView>>(url({ page, pageSize: BATCH_PAGE_SIZE })),
        api<Page<TaskView>>(url({ status: "InProgress", page: 1, pageSize: 1 })),
        api<Page<TaskView>>(url({ status: "Failed", page: 1, pageSize: 1 })),
      ]);
      if ((before === undefined || before.inProgress > 0) && running.total === 0) {
        void qc.invalidateQueries({ queryKey: accessKeys.all, predicate: (q) => q.queryKey[2] !== "tasks" });
      }
      return { tasks, inProgress: running.total, failed: failed.total };
    },
    refetchInterval: (q) => (q.state.data && q.state.data.inProgress === 0 ? false : TASK_REFRESH_MS),
  });
}

// ── Users, groups, overview ───────────────────────────────────────────────────

export function useUserPermissions(userId: string) {
  return useQuery({
    queryKey: accessKeys.userPermissions(userId),
    queryFn: () => api<{ items: UserPermissionView[] }>(`${A}/users/${enc(userId)}/permissions`),
  });
}
export function useGroupAssignments(groupId: string) {
  return useQuery({
    queryKey: accessKeys.groupAssignments(groupId),
    queryFn: () => api<{ items: AssignmentView[] }>(`${A}/groups/${enc(groupId)}/access-assignments`),
  });
}
/** The overview's and the guide's "Assign access" step, re-read every 5 s while the page is visible. */
export function useAccessSummary() {
  return useQuery({
    queryKey: accessKeys.summary(),
    queryFn: () => api<AccessSummaryView>(`${A}/access-summary`),
    refetchInterval: 5000,
    refetchIntervalInBackground: false,
  });
}

"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "@/lib/api-client";
import type { Page } from "@/lib/api-handler";
import type { createCredential, CredentialView } from "@/lib/cloudsso/credentials";
import type { GroupView, listMembers } from "@/lib/cloudsso/groups";
import type { ScimRequestLogDetail, ScimRequestLogView } from "@/lib/cloudsso/scim-request-log";
import type { listUserGroups, UserView } from "@/lib/cloudsso/users";
import { cloudssoKeys, type PageParams, type ScimRequestFilter } from "./query-keys";

export type { CredentialView, GroupView, ScimRequestFilter, ScimRequestLogDetail, ScimRequestLogView, UserView };
export type MemberView = Awaited<ReturnType<typeof listMembers>>["items"][number];
export type JoinedGroupView = Awaited<ReturnType<typeof listUserGroups>>[number];
export type CreatedCredential = Awaited<ReturnType<typeof createCredential>>;

/** What GET /api/cloudsso/settings answers. */
export interface Settings {
  scimEnabled: boolean;
  scimEndpoint: string;
  maxCredentials: number;
}

/** Every CloudSSO change can show on every CloudSSO page (counts, read-only flags): refresh them all. */
function useInvalidateAll() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: cloudssoKeys.all });
}

function useInvalidateCredentials() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: cloudssoKeys.credentials() });
}

/** How often the live views (Users, Groups, details, Settings) refetch while SCIM synchronization is on. */
export const LIVE_REFRESH_MS = 5000;

export function useSettings() {
  return useQuery({
    queryKey: cloudssoKeys.settings(),
    queryFn: () => api<Settings>("/api/cloudsso/settings"),
    // Watch the switch too while it is on, so the live views stop when another window turns it off.
    refetchInterval: (q) => (q.state.data?.scimEnabled ? LIVE_REFRESH_MS : false),
    refetchIntervalInBackground: false,
  });
}

/**
 * Query options of a live view: while SCIM synchronization is on, refetch every
 * LIVE_REFRESH_MS so changes an IdP pushes show up without a reload; paused while the tab is hidden.
 */
export function useLiveRefresh() {
  const scimOn = useSettings().data?.scimEnabled ?? false;
  return { refetchInterval: scimOn ? LIVE_REFRESH_MS : false, refetchIntervalInBackground: false } as const;
}
export function useSetScim() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (enabled: boolean) => api<{ scimEnabled: boolean }>("/api/cloudsso/settings", { method: "PUT", body: { enabled } }),
    onSuccess: invalidate,
  });
}
export function useCredentials() {
  const live = useLiveRefresh();
  return useQuery({
    ...live,
    queryKey: cloudssoKeys.credentials(),
    queryFn: () => api<{ items: CredentialView[] }>("/api/cloudsso/credentials"),
  });
}
export function useCreateCredential() {
  const invalidate = useInvalidateCredentials();
  return useMutation({
    mutationFn: () => api<CreatedCredential>("/api/cloudsso/credentials", { method: "POST", body: {} }),
    onSuccess: invalidate,
  });
}
export function useUpdateCredential() {
  const invalidate = useInvalidateCredentials();
  return useMutation({
    mutationFn: (v: { id: string; status?: "Enabled" | "Disabled"; delete?: boolean }) =>
      v.delete
        ? api(`/api/cloudsso/credentials/${v.id}`, { method: "DELETE" })
        : api(`/api/cloudsso/credentials/${v.id}`, { method: "PATCH", body: { status: v.status } }),
    onSuccess: invalidate,
  });
}

/** SCIM Request Log, refreshed every 5 s (an IdP may be pushing while the admin watches). */
export function useScimRequests(p: PageParams & ScimRequestFilter) {
  return useQuery({
    queryKey: cloudssoKeys.scimRequests(p),
    queryFn: () => api<Page<ScimRequestLogView>>(`/api/cloudsso/scim-requests${qs({ ...p })}`),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}
/** One logged exchange in full (headers, bodies); a logged entry never changes. */
export function useScimRequest(id: number | null) {
  return useQuery({
    queryKey: cloudssoKeys.scimRequest(id ?? 0),
    queryFn: () => api<ScimRequestLogDetail>(`/api/cloudsso/scim-requests/${id}`),
    enabled: id !== null,
    staleTime: Infinity,
  });
}

export function useUsers(p: PageParams) {
  const live = useLiveRefresh();
  return useQuery({
    ...live,
    queryKey: cloudssoKeys.users(p),
    queryFn: () => api<Page<UserView>>(`/api/cloudsso/users${qs({ ...p })}`),
    placeholderData: keepPreviousData,
  });
}
export function useUser(id: string) {
  const live = useLiveRefresh();
  return useQuery({ ...live, queryKey: cloudssoKeys.user(id), queryFn: () => api<UserView>(`/api/cloudsso/users/${id}`) });
}
export function useUserGroups(id: string) {
  const live = useLiveRefresh();
  return useQuery({
    ...live,
    queryKey: cloudssoKeys.userGroups(id),
    queryFn: () => api<{ items: JoinedGroupView[] }>(`/api/cloudsso/users/${id}/groups`),
  });
}
export function useSaveUser() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (v: { id?: string; body: Record<string, unknown> }) =>
      v.id
        ? api<UserView>(`/api/cloudsso/users/${v.id}`, { method: "PATCH", body: v.body })
        : api<UserView>("/api/cloudsso/users", { method: "POST", body: v.body }),
    onSuccess: invalidate,
  });
}
export function useUserStatus() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (v: { id: string; status: "Enabled" | "Disabled" }) =>
      api<UserView>(`/api/cloudsso/users/${v.id}/status`, { method: "PUT", body: { status: v.status } }),
    onSuccess: invalidate,
  });
}
export function useDeleteUser() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (id: string) => api(`/api/cloudsso/users/${id}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

export function useGroups(p: PageParams) {
  const live = useLiveRefresh();
  return useQuery({
    ...live,
    queryKey: cloudssoKeys.groups(p),
    queryFn: () => api<Page<GroupView>>(`/api/cloudsso/groups${qs({ ...p })}`),
    placeholderData: keepPreviousData,
  });
}
export function useGroup(id: string) {
  const live = useLiveRefresh();
  return useQuery({ ...live, queryKey: cloudssoKeys.group(id), queryFn: () => api<GroupView>(`/api/cloudsso/groups/${id}`) });
}
export function useSaveGroup() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (v: { id?: string; body: Record<string, unknown> }) =>
      v.id
        ? api<GroupView>(`/api/cloudsso/groups/${v.id}`, { method: "PATCH", body: v.body })
        : api<GroupView>("/api/cloudsso/groups", { method: "POST", body: v.body }),
    onSuccess: invalidate,
  });
}
export function useDeleteGroup() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (id: string) => api(`/api/cloudsso/groups/${id}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}
export function useMembers(groupId: string, p: PageParams) {
  const live = useLiveRefresh();
  return useQuery({
    ...live,
    queryKey: cloudssoKeys.members(groupId, p),
    queryFn: () => api<Page<MemberView>>(`/api/cloudsso/groups/${groupId}/members${qs({ ...p })}`),
    placeholderData: keepPreviousData,
  });
}
export function useAddMembers() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (v: { groupId: string; userIds: string[] }) =>
      api(`/api/cloudsso/groups/${v.groupId}/members`, { method: "POST", body: { userIds: v.userIds } }),
    onSuccess: invalidate,
  });
}
export function useRemoveMember() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (v: { groupId: string; userId: string }) =>
      api(`/api/cloudsso/groups/${v.groupId}/members/${v.userId}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

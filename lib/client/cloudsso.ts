"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "@/lib/api-client";
import type { Page } from "@/lib/api-handler";
import type { createCredential, CredentialView } from "@/lib/cloudsso/credentials";
import type { GroupView, listMembers } from "@/lib/cloudsso/groups";
import type { ScimRequestLogView } from "@/lib/cloudsso/scim-request-log";
import type { listUserGroups, UserView } from "@/lib/cloudsso/users";
import { cloudssoKeys, type PageParams } from "./query-keys";

export type { CredentialView, GroupView, ScimRequestLogView, UserView };
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

export function useSettings() {
  return useQuery({ queryKey: cloudssoKeys.settings(), queryFn: () => api<Settings>("/api/cloudsso/settings") });
}
export function useSetScim() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (enabled: boolean) => api<{ scimEnabled: boolean }>("/api/cloudsso/settings", { method: "PUT", body: { enabled } }),
    onSuccess: invalidate,
  });
}
export function useCredentials() {
  return useQuery({
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
export function useScimRequests(p: PageParams & { status?: string }) {
  return useQuery({
    queryKey: cloudssoKeys.scimRequests(p),
    queryFn: () => api<Page<ScimRequestLogView>>(`/api/cloudsso/scim-requests${qs({ ...p })}`),
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
  });
}

export function useUsers(p: PageParams) {
  return useQuery({
    queryKey: cloudssoKeys.users(p),
    queryFn: () => api<Page<UserView>>(`/api/cloudsso/users${qs({ ...p })}`),
    placeholderData: keepPreviousData,
  });
}
export function useUser(id: string) {
  return useQuery({ queryKey: cloudssoKeys.user(id), queryFn: () => api<UserView>(`/api/cloudsso/users/${id}`) });
}
export function useUserGroups(id: string) {
  return useQuery({
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
  return useQuery({
    queryKey: cloudssoKeys.groups(p),
    queryFn: () => api<Page<GroupView>>(`/api/cloudsso/groups${qs({ ...p })}`),
    placeholderData: keepPreviousData,
  });
}
export function useGroup(id: string) {
  return useQuery({ queryKey: cloudssoKeys.group(id), queryFn: () => api<GroupView>(`/api/cloudsso/groups/${id}`) });
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
  return useQuery({
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

"use client";

import { useMutation, useQuery, useQueryClient, keepPreviousData } from "@tanstack/react-query";
import { api, qs } from "@/lib/api-client";
import type { TablePage } from "@/components/data-table";

/** Typed query keys for the CloudSSO console. */
export const cloudssoKeys = {
  all: ["cloudsso"] as const,
  settings: () => [...cloudssoKeys.all, "settings"] as const,
  credentials: () => [...cloudssoKeys.all, "credentials"] as const,
  users: (p: ListParams) => [...cloudssoKeys.all, "users", p] as const,
  user: (id: string) => [...cloudssoKeys.all, "user", id] as const,
  userGroups: (id: string) => [...cloudssoKeys.all, "user", id, "groups"] as const,
  groups: (p: ListParams) => [...cloudssoKeys.all, "groups", p] as const,
  group: (id: string) => [...cloudssoKeys.all, "group", id] as const,
  members: (id: string, p: ListParams) => [...cloudssoKeys.all, "group", id, "members", p] as const,
  scimRequests: (p: ListParams & { status?: string }) => [...cloudssoKeys.all, "scim-requests", p] as const,
};

export interface ListParams {
  page: number;
  pageSize: number;
  search?: string;
}

export interface Settings {
  scimEnabled: boolean;
  scimEndpoint: string;
  maxCredentials: number;
}
export interface Credential {
  CredentialId: string;
  CredentialType: "BearerToken";
  Status: "Enabled" | "Disabled";
  CreateTime: string;
  ExpireTime: string;
}
export interface User {
  UserId: string;
  UserName: string;
  FirstName: string;
  LastName: string;
  DisplayName: string;
  Email: string;
  Description: string;
  Status: "Enabled" | "Disabled";
  ProvisioningType: "Manual" | "SCIM synchronization";
  ExternalId: string | null;
  CreateTime: string;
  UpdateTime: string;
  ReadOnly: boolean;
}
export interface Group {
  GroupId: string;
  GroupName: string;
  Description: string;
  ProvisioningType: "Manual" | "SCIM synchronization";
  ExternalId: string | null;
  MemberCount: number;
  CreateTime: string;
  UpdateTime: string;
  ReadOnly: boolean;
}
export interface Member {
  UserId: string;
  UserName: string;
  DisplayName: string;
  Status: string;
  ProvisioningType: string;
  JoinTime: string;
}
export interface JoinedGroup {
  GroupId: string;
  GroupName: string;
  Description: string;
  ProvisioningType: string;
  JoinTime: string;
}

const invalidateAll = (qc: ReturnType<typeof useQueryClient>) => qc.invalidateQueries({ queryKey: cloudssoKeys.all });

export function useSettings() {
  return useQuery({ queryKey: cloudssoKeys.settings(), queryFn: () => api<Settings>("/api/cloudsso/settings") });
}
export function useSetScim() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) => api<{ scimEnabled: boolean }>("/api/cloudsso/settings", { method: "PUT", body: { enabled } }),
    onSuccess: () => invalidateAll(qc),
  });
}
export function useCredentials() {
  return useQuery({
    queryKey: cloudssoKeys.credentials(),
    queryFn: () => api<{ items: Credential[] }>("/api/cloudsso/credentials"),
  });
}
export function useCreateCredential() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<Credential & { CredentialSecret: string }>("/api/cloudsso/credentials", { method: "POST", body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: cloudssoKeys.credentials() }),
  });
}
export function useUpdateCredential() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; status?: "Enabled" | "Disabled"; delete?: boolean }) =>
      v.delete
        ? api(`/api/cloudsso/credentials/${v.id}`, { method: "DELETE" })
        : api(`/api/cloudsso/credentials/${v.id}`, { method: "PATCH", body: { status: v.status } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: cloudssoKeys.credentials() }),
  });
}

export function useUsers(p: ListParams) {
  return useQuery({
    queryKey: cloudssoKeys.users(p),
    queryFn: () => api<TablePage<User>>(`/api/cloudsso/users${qs({ ...p })}`),
    placeholderData: keepPreviousData,
  });
}
export function useUser(id: string) {
  return useQuery({ queryKey: cloudssoKeys.user(id), queryFn: () => api<User>(`/api/cloudsso/users/${id}`) });
}
export function useUserGroups(id: string) {
  return useQuery({
    queryKey: cloudssoKeys.userGroups(id),
    queryFn: () => api<{ items: JoinedGroup[] }>(`/api/cloudsso/users/${id}/groups`),
  });
}
export function useSaveUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; body: Record<string, unknown> }) =>
      v.id
        ? api<User>(`/api/cloudsso/users/${v.id}`, { method: "PATCH", body: v.body })
        : api<User>("/api/cloudsso/users", { method: "POST", body: v.body }),
    onSuccess: () => invalidateAll(qc),
  });
}
export function useUserStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; status: "Enabled" | "Disabled" }) =>
      api<User>(`/api/cloudsso/users/${v.id}/status`, { method: "PUT", body: { status: v.status } }),
    onSuccess: () => invalidateAll(qc),
  });
}
export function useDeleteUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/api/cloudsso/users/${id}`, { method: "DELETE" }),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useGroups(p: ListParams) {
  return useQuery({
    queryKey: cloudssoKeys.groups(p),
    queryFn: () => api<TablePage<Group>>(`/api/cloudsso/groups${qs({ ...p })}`),
    placeholderData: keepPreviousData,
  });
}
export function useGroup(id: string) {
  return useQuery({ queryKey: cloudssoKeys.group(id), queryFn: () => api<Group>(`/api/cloudsso/groups/${id}`) });
}
export function useSaveGroup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; body: Record<string, unknown> }) =>
      v.id
        ? api<Group>(`/api/cloudsso/groups/${v.id}`, { method: "PATCH", body: v.body })
        : api<Group>("/api/cloudsso/groups", { method: "POST", body: v.body }),
    onSuccess: () => invalidateAll(qc),
  });
}
export function useDeleteGroup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/api/cloudsso/groups/${id}`, { method: "DELETE" }),
    onSuccess: () => invalidateAll(qc),
  });
}
export function useMembers(groupId: string, p: ListParams) {
  return useQuery({
    queryKey: cloudssoKeys.members(groupId, p),
    queryFn: () => api<TablePage<Member>>(`/api/cloudsso/groups/${groupId}/members${qs({ ...p })}`),
    placeholderData: keepPreviousData,
  });
}
export function useAddMembers() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { groupId: string; userIds: string[] }) =>
      api(`/api/cloudsso/groups/${v.groupId}/members`, { method: "POST", body: { userIds: v.userIds } }),
    onSuccess: () => invalidateAll(qc),
  });
}
export function useRemoveMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { groupId: string; userId: string }) =>
      api(`/api/cloudsso/groups/${v.groupId}/members/${v.userId}`, { method: "DELETE" }),
    onSuccess: () => invalidateAll(qc),
  });
}

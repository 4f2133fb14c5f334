import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "@/lib/api-client";
import type { Page } from "@/lib/api-handler";
import type { GroupMemberView, GroupView } from "@/lib/idaas/groups";
import { idaasApi, idaasKeys, type PageParams } from "@/lib/idaas/query-keys";
import type { GroupFormValues } from "@/lib/idaas/schemas";

export type { GroupMemberView, GroupView };

const groupUrl = (instanceId: string, groupId: string) =>
  `${idaasApi(instanceId)}/groups/${encodeURIComponent(groupId)}`;

export function useGroups(instanceId: string, params: PageParams) {
  return useQuery({
    queryKey: idaasKeys.groupList(instanceId, params),
    queryFn: () => api<Page<GroupView>>(`${idaasApi(instanceId)}/groups${qs({ ...params })}`),
    placeholderData: keepPreviousData,
  });
}

export function useGroup(instanceId: string, groupId: string) {
  return useQuery({
    queryKey: idaasKeys.group(instanceId, groupId),
    queryFn: () => api<GroupView>(groupUrl(instanceId, groupId)),
  });
}

export function useGroupMembers(instanceId: string, groupId: string, params: PageParams) {
  return useQuery({
    queryKey: idaasKeys.groupMembers(instanceId, groupId, params),
    queryFn: () => api<Page<GroupMemberView>>(`${groupUrl(instanceId, groupId)}/members${qs({ ...params })}`),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateGroups(instanceId: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: idaasKeys.groups(instanceId) });
}

export function useCreateGroup(instanceId: string) {
  const invalidate = useInvalidateGroups(instanceId);
  return useMutation({
    mutationFn: (body: GroupFormValues) => api<GroupView>(`${idaasApi(instanceId)}/groups`, { method: "POST", body }),
    onSuccess: invalidate,
  });
}

export function useUpdateGroup(instanceId: string) {
  const invalidate = useInvalidateGroups(instanceId);
  return useMutation({
    mutationFn: ({ groupId, values }: { groupId: string; values: GroupFormValues }) =>
      api<GroupView>(groupUrl(instanceId, groupId), { method: "PATCH", body: values }),
    onSuccess: invalidate,
  });
}

export function useDeleteGroup(instanceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (groupId: string) => api(groupUrl(instanceId, groupId), { method: "DELETE" }),
    // Lists only: refetching the deleted group's own detail would just 404 while the page leaves.
    onSuccess: () => qc.invalidateQueries({ queryKey: [...idaasKeys.groups(instanceId), "list"] }),
  });
}

export function useAddGroupMembers(instanceId: string) {
  const invalidate = useInvalidateGroups(instanceId);
  return useMutation({
    mutationFn: ({ groupId, accountIds }: { groupId: string; accountIds: string[] }) =>
      api<{ added: number }>(`${groupUrl(instanceId, groupId)}/members`, { method: "POST", body: { accountIds } }),
    onSuccess: invalidate,
  });
}

export function useRemoveGroupMember(instanceId: string) {
  const invalidate = useInvalidateGroups(instanceId);
  return useMutation({
    mutationFn: ({ groupId, accountId }: { groupId: string; accountId: string }) =>
      api(`${groupUrl(instanceId, groupId)}/members/${encodeURIComponent(accountId)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

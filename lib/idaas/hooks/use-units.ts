import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { OrgUnitNode } from "@/lib/idaas/org-units";
import { idaasApi, idaasKeys } from "@/lib/idaas/query-keys";

export type { OrgUnitNode };

export function useUnits(instanceId: string) {
  return useQuery({
    queryKey: idaasKeys.units(instanceId),
    queryFn: () => api<{ items: OrgUnitNode[] }>(`${idaasApi(instanceId)}/units`).then((r) => r.items),
  });
}

/** Unit changes alter account rows (unit names) too, so both families are refreshed. */
function useInvalidateUnits(instanceId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: idaasKeys.units(instanceId) }),
      qc.invalidateQueries({ queryKey: idaasKeys.accounts(instanceId) }),
    ]);
}

export function useCreateUnit(instanceId: string) {
  const invalidate = useInvalidateUnits(instanceId);
  return useMutation({
    mutationFn: (body: { name: string; parentId: string }) =>
      api<OrgUnitNode>(`${idaasApi(instanceId)}/units`, { method: "POST", body }),
    onSuccess: invalidate,
  });
}

export function useRenameUnit(instanceId: string) {
  const invalidate = useInvalidateUnits(instanceId);
  return useMutation({
    mutationFn: ({ unitId, name }: { unitId: string; name: string }) =>
      api(`${idaasApi(instanceId)}/units/${encodeURIComponent(unitId)}`, { method: "PATCH", body: { name } }),
    onSuccess: invalidate,
  });
}

export function useMoveUnit(instanceId: string) {
  const invalidate = useInvalidateUnits(instanceId);
  return useMutation({
    mutationFn: ({ unitId, parentId }: { unitId: string; parentId: string }) =>
      api(`${idaasApi(instanceId)}/units/${encodeURIComponent(unitId)}/move`, { method: "POST", body: { parentId } }),
    onSuccess: invalidate,
  });
}

export function useDeleteUnit(instanceId: string) {
  const invalidate = useInvalidateUnits(instanceId);
  return useMutation({
    mutationFn: (unitId: string) =>
      api(`${idaasApi(instanceId)}/units/${encodeURIComponent(unitId)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

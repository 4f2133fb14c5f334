/** Typed TanStack Query keys for Application Management; invalidate by prefix. */
export const applicationKeys = {
  all: (instanceId: string) => ["idaas", instanceId, "applications"] as const,
  list: (instanceId: string, q: { page: number; pageSize: number; search: string }) =>
    [...applicationKeys.all(instanceId), "list", q] as const,
  detail: (instanceId: string, appId: string) => [...applicationKeys.all(instanceId), "detail", appId] as const,
  provisioning: (instanceId: string, appId: string) => [...applicationKeys.detail(instanceId, appId), "provisioning"] as const,
  scopeOptions: (instanceId: string, appId: string) => [...applicationKeys.detail(instanceId, appId), "scope-options"] as const,
  preview: (instanceId: string, appId: string, rulesJson: string) =>
    [...applicationKeys.detail(instanceId, appId), "preview", rulesJson] as const,
  health: (instanceId: string, appId: string) => [...applicationKeys.detail(instanceId, appId), "health"] as const,
  instanceHealth: (instanceId: string) => [...applicationKeys.all(instanceId), "health"] as const,
  pushNow: (instanceId: string, appId: string) => [...applicationKeys.detail(instanceId, appId), "push-now"] as const,
  scopePreview: (instanceId: string, appId: string, selectionJson: string) =>
    [...applicationKeys.detail(instanceId, appId), "scope-preview", selectionJson] as const,
};

export function applicationsApiBase(instanceId: string): string {
  return `/api/idaas/instances/${encodeURIComponent(instanceId)}/applications`;
}

export function applicationApiBase(instanceId: string, appId: string): string {
  return `${applicationsApiBase(instanceId)}/${encodeURIComponent(appId)}`;
}

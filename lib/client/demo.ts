"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { DemoSummary, ResetPreview } from "@/lib/demo/types";
import { demoKeys } from "./query-keys";

/** What "Reset to Sample Data" would delete, read fresh each time the dialog opens. */
export function useResetPreview(enabled: boolean) {
  return useQuery({
    queryKey: demoKeys.resetPreview(),
    queryFn: () => api<ResetPreview>("/api/demo/reset"),
    enabled,
    staleTime: 0,
    gcTime: 0,
  });
}

/** Both consoles back to the sample data: every cached view of either console is stale after it. */
export function useResetDemo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (confirm: string) => api<{ ok: true; summary: DemoSummary }>("/api/demo/reset", { method: "POST", body: { confirm } }),
    onSuccess: () => qc.invalidateQueries(),
  });
}

export function useDismissSampleDataNotice() {
  return useMutation({
    mutationFn: () => api<{ notice: null }>("/api/demo/sample-data-notice", { method: "DELETE" }),
  });
}

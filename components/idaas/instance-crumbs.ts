import type { Crumb } from "@/components/page-header";

/** Breadcrumbs of a page inside an EIAM instance: IDaaS / EIAM / instance / …rest. */
export function instanceCrumbs(instanceId: string, instanceName: string, ...rest: Crumb[]): Crumb[] {
  return [
    { label: "IDaaS", href: "/idaas" },
    { label: "EIAM", href: "/idaas/eiam" },
    { label: instanceName, href: `/idaas/instances/${encodeURIComponent(instanceId)}` },
    ...rest,
  ];
}

import { GroupsList } from "@/components/idaas/groups-list";
import { PageHeader } from "@/components/page-header";
import { getInstance } from "@/lib/idaas/instance";

export const dynamic = "force-dynamic";

export default async function GroupsPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  const instance = await getInstance(instanceId);
  return (
    <>
      <PageHeader
        crumbs={[
          { label: "IDaaS", href: "/idaas" },
          { label: "EIAM", href: "/idaas/eiam" },
          { label: instance.name, href: `/idaas/instances/${encodeURIComponent(instanceId)}` },
          { label: "Groups" },
        ]}
        title="Groups"
      />
      <GroupsList instanceId={instanceId} />
    </>
  );
}

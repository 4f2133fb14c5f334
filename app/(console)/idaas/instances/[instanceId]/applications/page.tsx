import { PageHeader } from "@/components/page-header";
import { instanceCrumbs } from "@/components/idaas/instance-crumbs";
import { getInstance } from "@/lib/idaas/instance";
import { ApplicationsTable } from "@/components/idaas/applications/applications-table";

export const metadata = { title: "Applications — IDaaS" };

export default async function ApplicationsPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  const instance = await getInstance(instanceId);
  return (
    <>
      <PageHeader crumbs={instanceCrumbs(instanceId, instance.name, { label: "Application Management" }, { label: "Applications" })} title="Applications">
        <p className="mt-2 text-text-3">
          Add applications from the Marketplace, then configure how IDaaS accounts and groups are provisioned to them.
        </p>
      </PageHeader>
      <ApplicationsTable instanceId={instanceId} />
    </>
  );
}

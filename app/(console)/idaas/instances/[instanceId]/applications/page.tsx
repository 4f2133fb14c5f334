import { PageHeader } from "@/components/page-header";
import { ApplicationsTable } from "@/components/idaas/applications/applications-table";

export const metadata = { title: "Applications — IDaaS" };

export default async function ApplicationsPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  return (
    <>
      <PageHeader crumbs={[{ label: "Application Management" }, { label: "Applications" }]} title="Applications">
        <p className="mt-2 text-text-3">
          Add applications from the Marketplace, then configure how IDaaS accounts and groups are provisioned to them.
        </p>
      </PageHeader>
      <ApplicationsTable instanceId={instanceId} />
    </>
  );
}

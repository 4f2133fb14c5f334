import { PageHeader } from "@/components/page-header";
import { AccessConfigurationsTable } from "@/components/cloudsso/access/access-configurations-table";

export const metadata = { title: "Access Configuration — CloudSSO" };

export default function AccessConfigurationsPage() {
  return (
    <>
      <PageHeader crumbs={[{ label: "CloudSSO", href: "/cloudsso" }, { label: "Access Configuration" }]} title="Access Configuration">
        <p className="mt-2 max-w-[900px] text-text-3">
          An access configuration is a template of permissions. Assigning it to a user or group on an account (Multi-account Permission
          Configuration) provisions it there as the RAM role AliyunReservedSSO-&lt;name&gt; with its policies.
        </p>
      </PageHeader>
      <AccessConfigurationsTable />
    </>
  );
}

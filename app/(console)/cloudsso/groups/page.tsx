import { PageHeader } from "@/components/page-header";
import { GroupsTable } from "@/components/cloudsso/groups-table";

export const metadata = { title: "Groups — CloudSSO" };

export default function GroupsPage() {
  return (
    <>
      <PageHeader crumbs={[{ label: "CloudSSO", href: "/cloudsso" }, { label: "User Management" }, { label: "Groups" }]} title="Groups" />
      <GroupsTable />
    </>
  );
}

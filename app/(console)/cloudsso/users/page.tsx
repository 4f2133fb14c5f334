import { PageHeader } from "@/components/page-header";
import { UsersTable } from "@/components/cloudsso/users-table";

export const metadata = { title: "Users — CloudSSO" };

export default function UsersPage() {
  return (
    <>
      <PageHeader crumbs={[{ label: "CloudSSO", href: "/cloudsso" }, { label: "User Management" }, { label: "Users" }]} title="Users" />
      <UsersTable />
    </>
  );
}

import { PageHeader } from "@/components/page-header";
import { TasksTable } from "@/components/cloudsso/access/tasks-table";

export const metadata = { title: "Tasks — CloudSSO" };

export default function TasksPage() {
  return (
    <>
      <PageHeader crumbs={[{ label: "CloudSSO", href: "/cloudsso" }, { label: "Tasks" }]} title="Tasks">
        <p className="mt-2 text-text-3">
          Every access assignment change and every provisioning runs as an asynchronous task per user or group, account and access configuration.
        </p>
      </PageHeader>
      <TasksTable />
    </>
  );
}

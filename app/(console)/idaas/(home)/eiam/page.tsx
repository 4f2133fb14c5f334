import { PageHeader } from "@/components/page-header";
import { InstanceTable } from "@/components/idaas/instance-table";
import { listInstances } from "@/lib/idaas/instance";

export const dynamic = "force-dynamic";

export default async function EiamInstancesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
  const search = one(sp.search).trim();
  const page = Math.max(1, Number.parseInt(one(sp.page), 10) || 1);
  const pageSize = Math.min(100, Math.max(1, Number.parseInt(one(sp.pageSize), 10) || 20));
  // Instances are few (one per organization), so filtering and paging the full list is cheap.
  const all = await listInstances();
  const q = search.toLowerCase();
  const matched = q ? all.filter((i) => i.id.toLowerCase().includes(q) || i.name.toLowerCase().includes(q)) : all;
  const items = matched
    .slice((page - 1) * pageSize, page * pageSize)
    .map((i) => ({ id: i.id, name: i.name, createdAt: i.createdAt.toISOString() }));

  return (
    <>
      <PageHeader crumbs={[{ label: "IDaaS", href: "/idaas" }, { label: "EIAM" }]} title="EIAM" />
      <p className="mb-4 text-text-2">
        Employee Identity and Access Management instances. Click <span className="text-text">Console</span> in the
        Actions column to manage an instance&apos;s organizations, accounts, groups and applications.
      </p>
      <InstanceTable data={{ items, total: matched.length, page, pageSize }} search={search} />
    </>
  );
}

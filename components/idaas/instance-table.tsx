"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { DataTable } from "@/components/data-table";
import type { Page } from "@/lib/api-handler";
import { formatTime } from "@/lib/format";

export interface InstanceRow {
  id: string;
  name: string;
  createdAt: string;
}

const columns: ColumnDef<InstanceRow, unknown>[] = [
  {
    header: "Instance ID / Name",
    cell: ({ row }) => (
      <div>
        <div className="text-text">{row.original.id}</div>
        <div className="text-text-3">{row.original.name}</div>
      </div>
    ),
  },
  { header: "Version", cell: () => "Enterprise" },
  { header: "Status", cell: () => <span className="text-success">Running</span> },
  { header: "Created", cell: ({ row }) => formatTime(row.original.createdAt) },
  {
    header: "Actions",
    cell: ({ row }) => (
      <Link className="link" href={`/idaas/instances/${encodeURIComponent(row.original.id)}`}>
        Console
      </Link>
    ),
  },
];

/** EIAM instance list; paging and search live in the URL and are applied by the server page. */
export function InstanceTable({ data, search }: { data: Page<InstanceRow>; search: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const go = (page: number, pageSize: number, q: string) => {
    const sp = new URLSearchParams();
    if (page > 1) sp.set("page", String(page));
    if (pageSize !== 20) sp.set("pageSize", String(pageSize));
    if (q) sp.set("search", q);
    router.push(sp.size ? `${pathname}?${sp}` : pathname);
  };
  return (
    <DataTable
      label="EIAM instances"
      columns={columns}
      data={data}
      page={data.page}
      pageSize={data.pageSize}
      onPageChange={(p) => go(p, data.pageSize, search)}
      onPageSizeChange={(n) => go(1, n, search)}
      search={search}
      onSearch={(q) => go(1, data.pageSize, q)}
      searchPlaceholder="Search by instance ID or name"
      emptyText={search ? "No instances match your search." : "No instances."}
      getRowId={(r) => r.id}
    />
  );
}

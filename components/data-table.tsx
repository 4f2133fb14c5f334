"use client";

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { useState } from "react";
import { SearchForm } from "@/components/search-form";
import type { Page } from "@/lib/api-handler";


/**
 * Page, page size and search of a table whose state lives in the component. `pageProps` spreads
 * into a table without a search box, `tableProps` into one with it; changing the page size or the
 * search goes back to page 1, and so must any other filter the caller keeps (`resetPage`).
 */
export function useTableState({ pageSize: initialPageSize = 20 }: { pageSize?: number } = {}) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const [search, setSearch] = useState("");
  const resetPage = () => setPage(1);
  const pageProps = {
    page,
    pageSize,
    onPageChange: setPage,
    onPageSizeChange: (n: number) => {
      setPageSize(n);
      resetPage();
    },
  };
  const tableProps = {
    ...pageProps,
    search,
    onSearch: (v: string) => {
      setSearch(v);
      resetPage();
    },
  };
  return { params: { page, pageSize, search }, setPage, resetPage, pageProps, tableProps };
}

/**
 * A query's data, loading and error state for spreading into a table. Spreading the query result
 * itself would read every field and so defeat TanStack Query's tracked re-renders.
 */
export function queryState<T>(query: { data: T | undefined; isLoading: boolean; error: Error | null }) {
  return { data: query.data, isLoading: query.isLoading, error: query.error };
}

/**
 * One-line cell text: cut with an ellipsis at `max` pixels, the whole text in a tooltip (title).
 * Empty text shows "-". Cells never wrap (the table scrolls sideways instead).
 */
export function Truncate({ text, max = 240, className }: { text: string | null | undefined; max?: number; className?: string }) {
  if (!text) return <span className="text-text-3">-</span>;
  return (
    <span className={`inline-block truncate align-middle ${className ?? ""}`} style={{ maxWidth: max }} title={text}>
      {text}
    </span>
  );
}

/** Grey bars in place of rows while the first page loads (never "Total 0" before the answer). */
function TableSkeleton({ columns, rows = 5 }: { columns: number; rows?: number }) {
  return (
    <div aria-hidden data-testid="table-skeleton">
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className="flex h-10 items-center gap-6 border-b border-line-2 px-4">
          {Array.from({ length: Math.max(1, columns) }, (_, c) => (
            <span key={c} className="h-3 flex-1 animate-pulse rounded-[2px] bg-line-2" />
          ))}
        </div>
      ))}
    </div>
  );
}

/**
 * Console table: toolbar (search + actions), header fill, 40 px rows, empty state and
 * server-side pagination. The caller owns the query (page/search live in its state or URL).
 */
export function DataTable<T>({
  columns,
  data,
  isLoading,
  error,
  page,
  onPageChange,
  pageSize,
  onPageSizeChange,
  search,
  onSearch,
  searchPlaceholder = "Search",
  toolbar,
  emptyText = "No data",
  label,
  getRowId,
  rowProps,
}: {
  columns: ColumnDef<T, unknown>[];
  data?: Page<T>;
  isLoading?: boolean;
  error?: Error | null;
  page: number;
  onPageChange: (page: number) => void;
  pageSize: number;
  onPageSizeChange?: (size: number) => void;
  search?: string;
  onSearch?: (value: string) => void;
  searchPlaceholder?: string;
  toolbar?: React.ReactNode;
  emptyText?: string;
  label: string;
  getRowId?: (row: T) => string;
  /** Extra attributes of a row (e.g. a highlight class and data-* cue); its className is added to the row's own. */
  rowProps?: (row: T) => React.HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | undefined>;
}) {
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table's hook is the intended API here
  const table = useReactTable({
    data: data?.items ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    getRowId: getRowId ? (row) => getRowId(row) : undefined,
  });
  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));

  return (
    <div className="rounded-[4px] bg-white">
      {(toolbar || onSearch) && (
        <div className="flex flex-wrap items-center gap-2 px-4 py-3">
          {toolbar}
          {onSearch && (
            <SearchForm
              className="ml-auto flex"
              inputClassName="input w-[240px]"
              label={searchPlaceholder}
              value={search}
              onSearch={onSearch}
            />
          )}
        </div>
      )}
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left" aria-label={label} aria-busy={isLoading && !data ? true : undefined}>
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id} className="bg-selected">
                {hg.headers.map((h) => (
                  <th key={h.id} scope="col" className="h-10 whitespace-nowrap px-3 font-medium text-text first:pl-4">
                    {h.isPlaceholder ? null : flexRender(h.column.columnDef.header, h.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                {...rowProps?.(row.original)}
                className={`border-b border-line-2 hover:bg-hover ${rowProps?.(row.original).className ?? ""}`.trim()}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="h-10 whitespace-nowrap px-3 py-2 align-middle first:pl-4">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {isLoading && !data && <TableSkeleton columns={columns.length} />}
        {error && <div role="alert" className="py-10 text-center text-error">{error.message}</div>}
        {data && data.items.length === 0 && (
          <div className="py-12 text-center text-text-3" data-testid="empty-state">
            {emptyText}
          </div>
        )}
      </div>
      <div className="flex items-center justify-end gap-3 px-4 py-3 text-text-2">
        <span>{data ? `Total ${total}` : "Total -"}</span>
        {onPageSizeChange && (
          <select
            aria-label="Items per page"
            className="input w-auto"
            value={pageSize}
            onChange={(e) => onPageSizeChange(Number(e.target.value))}
          >
            {[10, 20, 50, 100].map((n) => (
              <option key={n} value={n}>
                {n} / page
              </option>
            ))}
          </select>
        )}
        <button type="button" className="btn h-7 px-2" disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
          Previous
        </button>
        <span>{data ? `${page} / ${pages}` : "- / -"}</span>
        <button type="button" className="btn h-7 px-2" disabled={page >= pages} onClick={() => onPageChange(page + 1)}>
          Next
        </button>
      </div>
    </div>
  );
}

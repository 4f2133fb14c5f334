"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import clsx from "clsx";

export interface NavItem {
  label: string;
  href?: string;
  /** Extra path prefixes that also select this item (detail pages). */
  match?: string[];
  children?: NavItem[];
}

function isActive(pathname: string, item: NavItem): boolean {
  if (!item.href) return false;
  if (pathname === item.href) return true;
  return (item.match ?? []).some((m) => pathname.startsWith(m));
}

export function SideNav({ title, items }: { title: string; items: NavItem[] }) {
  const pathname = usePathname();
  const renderItem = (item: NavItem, depth: number) => {
    if (item.children) {
      return (
        <li key={item.label}>
          <div className="flex h-8 items-center px-6 text-text-3">{item.label}</div>
          <ul>{item.children.map((c) => renderItem(c, depth + 1))}</ul>
        </li>
      );
    }
    const active = isActive(pathname, item);
    return (
      <li key={item.label}>
        <Link
          href={item.href!}
          aria-current={active ? "page" : undefined}
          className={clsx(
            // Long labels ("Multi-account Permission Configuration") wrap; one-line items stay 32 px.
            "flex min-h-8 items-center py-1.5 pr-4 leading-4 hover:bg-hover",
            depth > 0 ? "pl-10" : "pl-6",
            active ? "bg-selected font-medium text-primary" : "text-text",
          )}
        >
          {item.label}
        </Link>
      </li>
    );
  };
  return (
    <aside className="fixed bottom-0 left-0 top-[50px] z-20 w-[208px] overflow-y-auto border-r border-line-2 bg-white">
      <div className="flex h-12 items-center px-6 text-[14px] font-medium">{title}</div>
      <nav aria-label={title}>
        <ul>{items.map((i) => renderItem(i, 0))}</ul>
      </nav>
    </aside>
  );
}

"use client";

import Image from "next/image";
import Link from "next/link";
import { usePathname } from "next/navigation";
import * as Dropdown from "@radix-ui/react-dropdown-menu";
import { signOut } from "next-auth/react";
import clsx from "clsx";

const products = [
  { href: "/idaas", label: "IDaaS" },
  { href: "/cloudsso", label: "CloudSSO" },
];

export function TopBar({ username }: { username: string }) {
  const pathname = usePathname();
  return (
    <header className="fixed inset-x-0 top-0 z-30 flex h-[50px] items-center border-b border-line-2 bg-white shadow-[0_1px_4px_rgba(0,0,0,0.06)]">
      <Link href="/" className="flex h-full items-center gap-2 px-4" aria-label="Alibaba Cloud home">
        <Image src="/favicon.svg" alt="" width={22} height={22} unoptimized priority />
        <span className="text-[14px] font-medium text-brand">Alibaba Cloud</span>
      </Link>
      <nav aria-label="Products" className="flex h-full items-center">
        {products.map((p) => {
          const active = pathname.startsWith(p.href);
          return (
            <Link
              key={p.href}
              href={p.href}
              aria-current={active ? "page" : undefined}
              className={clsx(
                "flex h-full items-center border-b-2 px-4 text-[13px]",
                active ? "border-primary text-primary" : "border-transparent text-text-2 hover:text-primary",
              )}
            >
              {p.label}
            </Link>
          );
        })}
      </nav>
      <div className="ml-auto pr-4">
        <Dropdown.Root>
          <Dropdown.Trigger className="flex items-center gap-2 rounded-[2px] px-2 py-1 hover:bg-hover" aria-label={username}>
            <span className="flex h-6 w-6 items-center justify-center rounded-full bg-selected text-primary" aria-hidden>
              {username.slice(0, 1).toUpperCase()}
            </span>
            <span>{username}</span>
          </Dropdown.Trigger>
          <Dropdown.Portal>
            <Dropdown.Content align="end" sideOffset={4} className="z-50 min-w-[160px] rounded-[4px] border border-line-2 bg-white py-1 shadow-md">
              <div className="px-3 py-2 text-text-3">Signed in as {username}</div>
              <Dropdown.Item
                className="cursor-pointer px-3 py-2 outline-none data-[highlighted]:bg-hover"
                onSelect={() => signOut({ callbackUrl: "/login" })}
              >
                Sign Out
              </Dropdown.Item>
            </Dropdown.Content>
          </Dropdown.Portal>
        </Dropdown.Root>
      </div>
    </header>
  );
}

import { SideNav, type NavItem } from "@/components/side-nav";

const nav: NavItem[] = [
  { label: "Overview", href: "/idaas" },
  { label: "EIAM", href: "/idaas/eiam" },
];

export default function IdaasHomeLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SideNav title="IDaaS" items={nav} />
      <main className="ml-[208px] min-h-[calc(100vh-50px)] px-6 py-5">{children}</main>
    </>
  );
}

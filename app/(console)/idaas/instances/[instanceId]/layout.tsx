import { notFound } from "next/navigation";
import { SideNav, type NavItem } from "@/components/side-nav";
import { db } from "@/lib/db";

export default async function InstanceConsoleLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ instanceId: string }>;
}) {
  const { instanceId } = await params;
  const instance = await db.idaasInstance.findUnique({ where: { id: instanceId } });
  if (!instance) notFound();
  const base = `/idaas/instances/${instanceId}`;
  const nav: NavItem[] = [
    { label: "Overview", href: base },
    {
      label: "Accounts",
      children: [
        { label: "Accounts and Orgs", href: `${base}/accounts`, match: [`${base}/accounts/`] },
        { label: "Groups", href: `${base}/groups`, match: [`${base}/groups/`] },
      ],
    },
    {
      label: "Application Management",
      children: [{ label: "Applications", href: `${base}/applications`, match: [`${base}/applications/`] }],
    },
    {
      label: "Log",
      children: [
        { label: "Provisioning", href: `${base}/logs/provisioning`, match: [`${base}/logs/provisioning/`] },
        { label: "Sign-in Log", href: `${base}/logs/sign-in` },
      ],
    },
  ];
  return (
    <>
      <SideNav title={instance.name} items={nav} />
      <main className="ml-[208px] min-h-[calc(100vh-50px)] px-6 py-5">{children}</main>
    </>
  );
}

import { SideNav, type NavItem } from "@/components/side-nav";

const nav: NavItem[] = [
  { label: "Overview", href: "/cloudsso" },
  {
    label: "User Management",
    children: [
      { label: "Users", href: "/cloudsso/users", match: ["/cloudsso/users/"] },
      { label: "Groups", href: "/cloudsso/groups", match: ["/cloudsso/groups/"] },
    ],
  },
  {
    label: "Multi-account Permission Configuration",
    href: "/cloudsso/multi-account",
    match: ["/cloudsso/multi-account/"],
  },
  { label: "Access Configuration", href: "/cloudsso/access-configurations", match: ["/cloudsso/access-configurations/"] },
  { label: "Tasks", href: "/cloudsso/tasks" },
  { label: "Settings", href: "/cloudsso/settings", match: ["/cloudsso/settings/"] },
  { label: "SCIM Request Log", href: "/cloudsso/scim-requests" },
  { label: "Sign-in Log", href: "/cloudsso/sign-in-log" },
];

export default function CloudSsoLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SideNav title="CloudSSO" items={nav} />
      <main className="ml-[208px] min-h-[calc(100vh-50px)] px-6 py-5">{children}</main>
    </>
  );
}

import { PageHeader } from "@/components/page-header";
import { MultiAccountPermissions } from "@/components/cloudsso/access/multi-account-page";

export const metadata = { title: "Multi-account Permission Configuration — CloudSSO" };

export default function MultiAccountPage() {
  return (
    <>
      <PageHeader
        crumbs={[{ label: "CloudSSO", href: "/cloudsso" }, { label: "Multi-account Permission Configuration" }]}
        title="Multi-account Permission Configuration"
      />
      <MultiAccountPermissions />
    </>
  );
}

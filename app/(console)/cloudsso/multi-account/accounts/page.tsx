import { PageHeader } from "@/components/page-header";
import { MemberAccountsAdmin } from "@/components/cloudsso/access/member-accounts-admin";

export const metadata = { title: "Member Accounts — CloudSSO" };

export default function MemberAccountsPage() {
  return (
    <>
      <PageHeader
        crumbs={[
          { label: "CloudSSO", href: "/cloudsso" },
          { label: "Multi-account Permission Configuration", href: "/cloudsso/multi-account" },
          { label: "Member Accounts" },
        ]}
        title="Member Accounts"
      >
        <p className="mt-2 max-w-[900px] text-text-3">
          No real Alibaba Cloud Resource Directory is connected here: these simulated member accounts stand in for it. Add, rename or remove them;
          provisioning writes RAM roles and policies into them.
        </p>
      </PageHeader>
      <MemberAccountsAdmin />
    </>
  );
}

import Link from "next/link";
import { ResetSampleDataButton } from "@/components/demo/reset-sample-data-button";
import { SampleDataNotice } from "@/components/demo/sample-data-notice";
import { PageHeader } from "@/components/page-header";
import { AssignAccessStep } from "@/components/cloudsso/access/assign-access-step";
import { inGuideOrder, SETUP_GUIDE_TITLE, SetupChecklist } from "@/components/setup-checklist";
import { cloudSsoSetupSteps } from "@/lib/cloudsso/setup-progress";
import { cloudSsoSignInSteps } from "@/lib/cloudsso/sso/setup-progress";
import { sampleDataNotice } from "@/lib/demo/sample-data";
import { idaasSetupSteps } from "@/lib/idaas/provisioning/config/setup-progress";

export const dynamic = "force-dynamic";
export const metadata = { title: `${SETUP_GUIDE_TITLE} — Alibaba Cloud Console` };

/**
 * The landing page after sign-in: the seed procedure as one guide across both consoles. It is a
 * page, not a product, so it may read both products' progress (each from its own module).
 */
export default async function Home() {
  const [cloudSso, idaas, notice, signIn] = await Promise.all([cloudSsoSetupSteps(), idaasSetupSteps(), sampleDataNotice(), cloudSsoSignInSteps()]);
  return (
    <main className="mx-auto min-h-[calc(100vh-50px)] max-w-[1080px] px-6 py-5">
      <PageHeader crumbs={[{ label: "Home" }]} title={SETUP_GUIDE_TITLE} actions={<ResetSampleDataButton />} />
      {notice && <SampleDataNotice notice={notice} />}
      <section className="card mb-4" aria-label="About this guide">
        <p className="max-w-[820px] leading-5 text-text-2">
          Use SCIM 2.0 to synchronize the accounts and groups of an{" "}
          <Link className="link" href="/idaas">
            IDaaS
          </Link>{" "}
          instance to{" "}
          <Link className="link" href="/cloudsso">
            CloudSSO
          </Link>
          . Once configured, every change to an account within the synchronization scope reaches CloudSSO in real time;
          Push Now pushes everything in the Full Scope on demand. Each item below opens the page where it is done and
          shows whether it is done now.
        </p>
      </section>
      <SetupChecklist items={inGuideOrder([...cloudSso, ...idaas])} />
      <AssignAccessStep />
      <SetupChecklist title="What's next: Sign in with SSO from IDaaS to CloudSSO" items={signIn} />
    </main>
  );
}

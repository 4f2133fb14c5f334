import Link from "next/link";
import { ResetSampleDataButton } from "@/components/demo/reset-sample-data-button";
import { PageHeader } from "@/components/page-header";
import { OtherConsoleNote, SetupChecklist } from "@/components/setup-checklist";
import { idaasSetupSteps } from "@/lib/idaas/provisioning/config/setup-progress";

export const dynamic = "force-dynamic";

export default async function IdaasOverviewPage() {
  const items = await idaasSetupSteps();
  return (
    <>
      <PageHeader crumbs={[{ label: "IDaaS" }, { label: "Overview" }]} title="Overview" actions={<ResetSampleDataButton />} />
      <section className="card mb-4" aria-labelledby="idaas-about">
        <h2 id="idaas-about" className="mb-2 text-[14px] font-medium">
          Identity as a Service (IDaaS)
        </h2>
        <p className="mb-3 max-w-[760px] leading-5 text-text-2">
          IDaaS EIAM keeps your organization&apos;s accounts, organizational units and groups in one directory and
          provisions them to applications. Add the <span className="text-text">Alibaba Cloud - CloudSSO</span>{" "}
          application to an instance and IDaaS pushes every account and group in scope to CloudSSO over SCIM 2.0, in
          real time or on demand with <span className="text-text">Push Now</span>.
        </p>
        <Link href="/idaas/eiam" className="btn btn-primary">
          Go to EIAM
        </Link>
      </section>

      <SetupChecklist items={items} note={<OtherConsoleNote steps="Step 1 (turn on SCIM, copy the SCIM Endpoint, generate a credential) and 3.3 (users received)" console="CloudSSO" href="/cloudsso" />} />
    </>
  );
}

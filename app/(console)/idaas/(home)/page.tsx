import Link from "next/link";
import { PageHeader } from "@/components/page-header";

export default function IdaasOverviewPage() {
  return (
    <>
      <PageHeader crumbs={[{ label: "IDaaS" }, { label: "Overview" }]} title="Overview" />
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

      {/* Setup checklist (SPEC §4) is rendered in this slot, below the overview card. */}
    </>
  );
}

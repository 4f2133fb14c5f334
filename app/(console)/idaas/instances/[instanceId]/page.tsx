import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { InstanceProvisioningHealth } from "@/components/idaas/applications/instance-provisioning-health";
import { getInstance } from "@/lib/idaas/instance";
import { OtherConsoleNote, SetupChecklist } from "@/components/setup-checklist";
import { directoryCounts } from "@/lib/idaas/overview";
import { idaasSetupSteps } from "@/lib/idaas/provisioning/config/setup-progress";

export const dynamic = "force-dynamic";

export default async function InstanceOverviewPage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  const [instance, counts, setup] = await Promise.all([getInstance(instanceId), directoryCounts(instanceId), idaasSetupSteps(instanceId)]);
  const base = `/idaas/instances/${encodeURIComponent(instanceId)}`;
  const cards = [
    { label: "Organizational Units", value: counts.units, href: `${base}/accounts` },
    {
      label: "Accounts",
      value: counts.accounts,
      note: `${counts.enabledAccounts} enabled`,
      href: `${base}/accounts`,
    },
    { label: "Groups", value: counts.groups, href: `${base}/groups` },
    { label: "Applications", value: counts.applications, href: `${base}/applications` },
  ];
  return (
    <>
      <PageHeader
        crumbs={[{ label: "IDaaS", href: "/idaas" }, { label: "EIAM", href: "/idaas/eiam" }, { label: instance.name }]}
        title="Overview"
      />
      <InstanceProvisioningHealth instanceId={instanceId} />
      <section className="card mb-4" aria-label="Instance">
        <dl className="grid grid-cols-[120px_1fr_120px_1fr] gap-y-2">
          <dt className="text-text-3">Instance ID</dt>
          <dd>{instance.id}</dd>
          <dt className="text-text-3">Instance Name</dt>
          <dd>{instance.name}</dd>
        </dl>
      </section>
      <ul className="mb-4 grid grid-cols-4 gap-4" aria-label="Directory summary">
        {cards.map((c) => (
          <li key={c.label} className="card">
            <Link href={c.href} className="block hover:text-primary">
              <div className="text-text-3">{c.label}</div>
              <div className="mt-2 text-[28px] font-medium leading-9 text-text">{c.value}</div>
              {c.note && <div className="text-text-3">{c.note}</div>}
            </Link>
          </li>
        ))}
      </ul>
      <SetupChecklist
        items={setup}
        note={<OtherConsoleNote steps="Step 1 and 3.3" console="CloudSSO" href="/cloudsso" />}
      />
    </>
  );
}

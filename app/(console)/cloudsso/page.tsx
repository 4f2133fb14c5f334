import Link from "next/link";
import { LiveRefresh } from "@/components/cloudsso/live";
import { AssignAccessStep } from "@/components/cloudsso/access/assign-access-step";
import { PageHeader } from "@/components/page-header";
import { OtherConsoleNote, SetupChecklist } from "@/components/setup-checklist";
import { cloudSsoSetupSteps } from "@/lib/cloudsso/setup-progress";
import { db } from "@/lib/db";
import { DEFAULT_DIRECTORY_ID } from "@/lib/cloudsso/directory";
import { headers } from "next/headers";
import { CopyButton } from "@/components/copy-button";
import { logonSettings } from "@/lib/cloudsso/sso/settings";
import { loginUrl } from "@/lib/cloudsso/sso/urls";
import { publicOriginFromHeaders } from "@/lib/saml/public-origin";

export const dynamic = "force-dynamic";
export const metadata = { title: "Overview — CloudSSO" };

export default async function CloudSsoOverview() {
  const directoryId = DEFAULT_DIRECTORY_ID;
  const [steps, dir, users, scimUsers, groups, credentials] = await Promise.all([
    cloudSsoSetupSteps(directoryId),
    db.ssoDirectory.findUnique({ where: { id: directoryId } }),
    db.ssoUser.count({ where: { directoryId } }),
    db.ssoUser.count({ where: { directoryId, provisioningType: "SCIM" } }),
    db.ssoGroup.count({ where: { directoryId } }),
    db.ssoScimCredential.count({ where: { directoryId } }),
  ]);
  const sso = await logonSettings(directoryId);
  const portalUrl = loginUrl(publicOriginFromHeaders(await headers()), sso.directoryName);
  const stats = [
    { label: "Users", value: users, href: "/cloudsso/users" },
    { label: "Synchronized by SCIM", value: scimUsers, href: "/cloudsso/users" },
    { label: "Groups", value: groups, href: "/cloudsso/groups" },
    { label: "SCIM Credentials", value: credentials, href: "/cloudsso/settings" },
  ];
  return (
    <>
      <PageHeader crumbs={[{ label: "CloudSSO" }, { label: "Overview" }]} title="Overview" />
      <LiveRefresh />
      <section className="card mb-4" aria-label="Directory">
        <h2 className="mb-3 text-[14px] font-medium">{dir?.name ?? "CloudSSO Directory"}</h2>
        <p className="text-text-2">
          SCIM-based User Synchronization:{" "}
          <span className={dir?.scimEnabled ? "text-success" : "text-text-3"}>{dir?.scimEnabled ? "Enabled" : "Disabled"}</span>{" "}
          — <Link className="link" href="/cloudsso/settings">Settings</Link>
        </p>
        <div className="mt-3 flex max-w-[760px] items-center gap-2">
          <label htmlFor="overview-login-url" className="shrink-0 text-text-2">
            Login URL
          </label>
          <input id="overview-login-url" className="input font-mono" readOnly value={portalUrl} />
          <CopyButton text={portalUrl} />
        </div>
        <p className="mt-1 text-text-3">
          SSO Logon: {sso.ssoEnabled ? "Enabled — users log on through the IdP." : "Disabled — users log on with username and password."}
        </p>
      </section>
      <section className="mb-4 grid grid-cols-4 gap-4" aria-label="Statistics">
        {stats.map((s) => (
          <Link key={s.label} href={s.href} className="card block hover:shadow">
            <div className="text-text-3">{s.label}</div>
            <div className="mt-2 text-[24px] font-medium">{s.value}</div>
          </Link>
        ))}
      </section>
      <SetupChecklist
        items={steps}
        note={<OtherConsoleNote steps="Step 2 (configure the CloudSSO application) and 3.1–3.2 (Push Now, Tasks)" console="IDaaS" href="/idaas" />}
      />
      <AssignAccessStep />
    </>
  );
}

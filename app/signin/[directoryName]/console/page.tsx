import Link from "next/link";
import { redirect } from "next/navigation";
import { effectiveAccessForUser } from "@/lib/cloudsso/access/effective";
import { reservedRoleName, roleSessionExpiry } from "@/lib/cloudsso/portal/role-session";
import { portalPage } from "@/lib/cloudsso/portal/pages";
import { formatTime } from "@/lib/format";

export const dynamic = "force-dynamic";
export const metadata = { title: "Alibaba Cloud Console (simulated) — role session" };

/**
 * Log On: a simulated Alibaba Cloud console for the role session of an access configuration in a
 * member account. Refused (back to the logon page) without a live portal session, and when the user
 * no longer holds this access. Expiry = min(Session Duration, the rest of the 8 h portal session).
 */
export default async function RoleSessionPage({
  params,
  searchParams,
}: {
  params: Promise<{ directoryName: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { directoryName } = await params;
  const query = await searchParams;
  const { settings, base, signedIn } = await portalPage(directoryName);
  if (!signedIn) redirect(base);

  const access = await effectiveAccessForUser(signedIn.user.id, settings.directoryId);
  const account = access.find((a) => a.account.accountId === query.accountId);
  const config = account?.accessConfigurations.find((c) => c.id === query.accessConfigurationId);
  if (!account || !config) {
    return (
      <main className="flex min-h-screen items-center justify-center bg-[#f5f5f5]">
        <div role="alert" className="w-[480px] rounded-[4px] bg-white p-8 shadow-sm">
          <h1 className="mb-3 text-[20px] font-medium text-error">Log On refused</h1>
          <p className="mb-4 text-text-2">You do not have this access configuration on this account (any more).</p>
          <Link className="link" href={base}>
            Back to the CloudSSO user portal
          </Link>
        </div>
      </main>
    );
  }

  const expiresAt = roleSessionExpiry(config.sessionDurationSeconds, signedIn.sessionExpiresAt);
  const role = reservedRoleName(config.name);
  const rows: [string, React.ReactNode][] = [
    ["Account", `${account.account.displayName} (${account.account.accountId})`],
    ["RAM Role", <span key="r" className="font-mono">{role}</span>],
    ["Role Session Name", <span key="s" className="font-mono">{signedIn.user.userName}</span>],
    ["Assumed Role", <span key="a" className="font-mono">{`${role}/${signedIn.user.userName}`}</span>],
    [
      "Policies",
      <ul key="p">
        {config.policies.length === 0 ? <li className="text-text-3">-</li> : config.policies.map((p) => <li key={`${p.type}:${p.name}`}>{p.name} <span className="text-text-3">({p.type === "System" ? "System Policy" : "Inline Policy"})</span></li>)}
      </ul>,
    ],
    ["Session Expires", `${formatTime(expiresAt.toISOString())} (the shorter of the Session Duration and the portal session)`],
    ["Landing Page", config.relayState || "Console home"],
  ];
  return (
    <div className="min-h-screen bg-[#f5f5f5]">
      <header className="flex h-[50px] items-center justify-between bg-[#232f3e] px-5 text-white" aria-label="Alibaba Cloud console">
        <div className="flex items-center gap-2">
          <span className="block h-[22px] w-[22px] rounded-[2px] bg-brand" aria-hidden />
          <span className="text-[14px] font-medium">Alibaba Cloud Console</span>
          <span className="ml-2 rounded-[2px] bg-white/15 px-2 text-[11px]">simulated</span>
        </div>
        <span className="font-mono text-[12px]" aria-label="Signed-in identity">
          {role}/{signedIn.user.userName} @ {account.account.displayName}
        </span>
      </header>
      <main className="mx-auto max-w-[960px] px-6 py-5">
        <h1 className="mb-4 text-[24px] font-medium">Role session</h1>
        <dl className="card grid grid-cols-[180px_1fr] gap-y-3" aria-label="Role session">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-text-3">{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4">
          <Link className="link" href={base}>
            Back to the CloudSSO user portal
          </Link>
        </p>
      </main>
    </div>
  );
}

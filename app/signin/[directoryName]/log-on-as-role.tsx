import Link from "next/link";
import type { EffectiveAccess } from "@/lib/cloudsso/access/effective";

const duration = (s: number) => (s % 3600 === 0 ? `${s / 3600} h` : `${Math.round(s / 60)} min`);
const via = (v: EffectiveAccess["accessConfigurations"][number]["via"]) =>
  v.map((x) => (x.type === "User" ? "Assigned to you" : `Group ${x.groupName}`)).join(", ");

/**
 * The portal tab "Log on as RAM Role": the member accounts the user can access (directly or through
 * groups); Show Details lists the access configurations, each with Log On. Every click is a request,
 * so a user disabled or an assignment removed since the last one is refused at once.
 */
export function LogOnAsRole({ base, access, openAccountId }: { base: string; access: EffectiveAccess[]; openAccountId: string | null }) {
  const open = access.find((a) => a.account.accountId === openAccountId) ?? null;
  return (
    <div role="tabpanel" aria-label="Log on as RAM Role" className="card">
      {access.length === 0 ? (
        <p className="py-8 text-center text-text-3">
          You have no access to any account yet. Ask your administrator to assign access to you or to one of your groups.
        </p>
      ) : (
        <table className="w-full border-collapse text-left" aria-label="Accounts">
          <thead>
            <tr className="bg-selected">
              {["Account Name", "Account ID", "Folder", "Access Assignment"].map((h) => (
                <th key={h} scope="col" className="h-10 px-4 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {access.map((a) => (
              <tr key={a.account.accountId} className="border-b border-line-2 hover:bg-hover">
                <td className="h-10 px-4">{a.account.displayName}</td>
                <td className="px-4 font-mono">{a.account.accountId}</td>
                <td className="px-4 text-text-2">{a.account.folderPath || "-"}</td>
                <td className="px-4">
                  <Link className="link" href={`${base}?account=${encodeURIComponent(a.account.accountId)}`} aria-label={`Show Details of ${a.account.displayName}`}>
                    Show Details
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && (
        <section aria-label={`Access configurations of ${open.account.displayName}`} className="mt-5 border-t border-line-2 pt-4">
          <div className="mb-3 flex items-center justify-between">
            <h2 className="text-[14px] font-medium">
              {open.account.displayName} <span className="font-mono text-text-3">({open.account.accountId})</span>
            </h2>
            <Link className="link" href={base}>
              Close
            </Link>
          </div>
          <table className="w-full border-collapse text-left" aria-label="Access configurations">
            <thead>
              <tr className="bg-selected">
                {["Access Configuration", "Session Duration", "Policies", "Assigned Through", "Actions"].map((h) => (
                  <th key={h} scope="col" className="h-10 px-4 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {open.accessConfigurations.map((c) => (
                <tr key={c.id} className="border-b border-line-2">
                  <td className="h-10 px-4">{c.name}</td>
                  <td className="px-4">{duration(c.sessionDurationSeconds)}</td>
                  <td className="px-4">{c.policies.map((p) => p.name).join(", ") || "-"}</td>
                  <td className="px-4 text-text-2">{via(c.via)}</td>
                  <td className="px-4">
                    <Link
                      className="link"
                      href={`${base}/console?accountId=${encodeURIComponent(open.account.accountId)}&accessConfigurationId=${encodeURIComponent(c.id)}`}
                      aria-label={`Log On as ${c.name}`}
                    >
                      Log On
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

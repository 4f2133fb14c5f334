import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { safeContinue } from "@/lib/idaas/portal/sign-in";
import { currentPortalSession, type PortalAccount } from "@/lib/idaas/portal/session";
import { reasonText } from "@/lib/idaas/portal/vocabulary";
import { portalTiles } from "@/lib/idaas/sso/settings";
import { idpSsoUrl, portalPath } from "@/lib/idaas/sso/urls";

export const dynamic = "force-dynamic";
export const metadata = { title: "IDaaS User Portal" };

type Search = { error?: string; username?: string; continue?: string; signedOut?: string };

/**
 * The IDaaS user portal: an account signs in with its username and password (its own session, not
 * the console's) and sees the tiles of the applications it is authorized for; a tile starts
 * IdP-initiated SSO. The session is checked on every visit, so a disabled account is signed out.
 */
export default async function PortalPage({ params, searchParams }: { params: Promise<{ instanceId: string }>; searchParams: Promise<Search> }) {
  const { instanceId } = await params;
  const search = await searchParams;
  const instance = await db.idaasInstance.findUnique({ where: { id: instanceId } });
  if (!instance) notFound();
  const session = await currentPortalSession(instanceId);
  return (
    <div className="min-h-screen bg-[#f5f5f5]">
      <header className="flex h-[50px] items-center justify-between border-b border-line-2 bg-white px-6">
        <div className="flex items-center gap-2">
          <span className="block h-[22px] w-[22px] rounded-[2px] bg-brand" aria-hidden />
          <span className="text-[14px] font-medium">IDaaS User Portal</span>
          <span className="text-text-3">{instance.name}</span>
        </div>
        {session.state === "active" && (
          <form method="post" action={`${portalPath(instanceId)}/sign-out`} className="flex items-center gap-3">
            <span data-testid="portal-user">{session.account.displayName || session.account.username}</span>
            <button type="submit" className="btn">
              Sign Out
            </button>
          </form>
        )}
      </header>
      {session.state === "active" ? (
        <Applications instanceId={instanceId} account={session.account} />
      ) : (
        <SignInForm
          instanceId={instanceId}
          error={reasonText(session.state === "refused" ? session.reason : search.error)}
          username={search.username}
          next={safeContinue(search.continue)}
          signedOut={search.signedOut === "1"}
        />
      )}
    </div>
  );
}

function SignInForm({
  instanceId,
  error,
  username,
  next,
  signedOut,
}: {
  instanceId: string;
  error: string | null;
  username?: string;
  next: string | null;
  signedOut: boolean;
}) {
  return (
    <main className="flex justify-center pt-20">
      <div className="w-[380px] rounded-[4px] bg-white p-8 shadow-sm">
        <h1 className="mb-2 text-[20px] font-medium">Sign in to IDaaS</h1>
        <p className="mb-6 text-text-3">Sign in with your IDaaS account to open your applications.</p>
        {error && (
          <p role="alert" className="mb-4 rounded-[2px] bg-[#fff0ee] px-3 py-2 text-error">
            {error}
          </p>
        )}
        {signedOut && !error && (
          <p role="status" className="mb-4 text-text-2">
            You have signed out.
          </p>
        )}
        <form method="post" action={`${portalPath(instanceId)}/sign-in`} className="flex flex-col gap-4">
          {next && <input type="hidden" name="continue" value={next} />}
          <div className="flex flex-col gap-1">
            <label htmlFor="portal-username">Username</label>
            <input id="portal-username" name="username" className="input" autoComplete="username" defaultValue={username ?? ""} required />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="portal-password">Password</label>
            <input id="portal-password" name="password" type="password" className="input" autoComplete="current-password" required />
          </div>
          <button type="submit" className="btn btn-primary h-8">
            Sign In
          </button>
        </form>
      </div>
    </main>
  );
}

async function Applications({ instanceId, account }: { instanceId: string; account: PortalAccount }) {
  const tiles = await portalTiles(instanceId, account);
  return (
    <main className="mx-auto max-w-[1000px] px-6 py-8">
      <h1 className="mb-4 text-[20px] font-medium">Applications</h1>
      {tiles.length === 0 ? (
        <div className="card text-text-3">
          No applications yet. An application appears here once the administrator authorizes your account for it and
          completes its SSO settings.
        </div>
      ) : (
        <ul className="grid grid-cols-[repeat(auto-fill,minmax(220px,1fr))] gap-4" aria-label="Applications">
          {tiles.map((t) => (
            <li key={t.appId}>
              <a
                href={idpSsoUrl("", t.appId)}
                className="flex h-[96px] flex-col justify-center rounded-[4px] border border-line-2 bg-white px-4 hover:border-primary"
              >
                <span className="text-[14px] font-medium text-text">{t.name}</span>
                <span className="text-text-3">{t.templateName}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

import { effectiveAccessForUser } from "@/lib/cloudsso/access/effective";
import { portalPage } from "@/lib/cloudsso/portal/pages";
import { formatTime } from "@/lib/format";
import { LogOnAsRole } from "./log-on-as-role";
import { PortalFrame } from "./portal-frame";

export const dynamic = "force-dynamic";
export const metadata = { title: "CloudSSO User Portal" };

/**
 * The Login URL: the logon page (Redirect to the IdP while SSO Logon is on, username and password
 * otherwise) or, with a valid portal session, the user portal. The session is re-checked on every
 * request, so a user disabled or deleted since sign-in lands back on the logon page.
 */
export default async function SignInPage({
  params,
  searchParams,
}: {
  params: Promise<{ directoryName: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { directoryName } = await params;
  const query = await searchParams;
  const { settings, base, signedIn, sessionEnded } = await portalPage(directoryName);

  if (signedIn) {
    const access = await effectiveAccessForUser(signedIn.user.id, settings.directoryId);
    const openAccountId = typeof query.account === "string" ? query.account : null;
    return (
      <PortalFrame user={signedIn.user.userName} logoutAction={`${base}/logout`}>
        <main className="mx-auto max-w-[1080px] px-6 py-5">
          <h1 className="mb-1 text-[24px] font-medium">Welcome, {signedIn.user.displayName || signedIn.user.userName}</h1>
          <p className="mb-4 text-text-3">
            Signed in {signedIn.method === "SSO" ? "through SSO" : "with username and password"} · session expires{" "}
            {formatTime(signedIn.sessionExpiresAt.toISOString())}
          </p>
          <div role="tablist" aria-label="User portal" className="mb-4 flex border-b border-line-2">
            <button role="tab" aria-selected="true" type="button" className="-mb-px border-b-2 border-primary px-4 py-2 text-[13px] text-primary">
              Log on as RAM Role
            </button>
          </div>
          <LogOnAsRole base={base} access={access} openAccountId={openAccountId} />
        </main>
      </PortalFrame>
    );
  }

  const error = typeof query.error === "string" ? query.error.slice(0, 300) : null;
  const username = typeof query.username === "string" ? query.username.slice(0, 64) : "";
  return (
    <PortalFrame>
      <main className="flex justify-center pt-[10vh]">
        <div className="w-[400px] rounded-[4px] bg-white p-8 shadow-sm">
          <h1 className="mb-1 text-[20px] font-medium">Log on to CloudSSO</h1>
          <p className="mb-6 text-text-3">Directory: {settings.directoryName}</p>
          {sessionEnded && !error && (
            <p role="alert" className="mb-4 rounded-[2px] bg-[#fff7e6] px-3 py-2 text-text-2">
              Your session has ended, or your user can no longer sign in. Log on again.
            </p>
          )}
          {error && (
            <p role="alert" className="mb-4 rounded-[2px] bg-[#fdecea] px-3 py-2 text-error">
              {error}
            </p>
          )}
          {settings.ssoEnabled ? (
            <>
              <p className="mb-4 leading-5 text-text-2">
                This directory uses SSO logon. You sign in with your enterprise identity provider; username-password logon is
                disabled.
              </p>
              <form action={`${base}/sso`} method="get">
                <button type="submit" className="btn btn-primary w-full">
                  Redirect
                </button>
              </form>
            </>
          ) : (
            <form action={`${base}/login`} method="post">
              <div className="mb-4">
                <label htmlFor="portal-username" className="mb-1 block text-text-2">
                  Username
                </label>
                <input id="portal-username" name="username" className="input" autoComplete="username" defaultValue={username} required />
              </div>
              <div className="mb-6">
                <label htmlFor="portal-password" className="mb-1 block text-text-2">
                  Password
                </label>
                <input id="portal-password" name="password" type="password" className="input" autoComplete="current-password" required />
              </div>
              <button type="submit" className="btn btn-primary w-full">
                Log On
              </button>
            </form>
          )}
        </div>
      </main>
    </PortalFrame>
  );
}

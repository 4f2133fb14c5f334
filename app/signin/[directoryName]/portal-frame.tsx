/** The CloudSSO user portal's frame: its own top bar (not the admin consoles'), the page below. */
export function PortalFrame({ children, user, logoutAction }: { children: React.ReactNode; user?: string; logoutAction?: string }) {
  return (
    <div className="min-h-screen bg-[#f5f5f5]">
      <header className="flex h-[50px] items-center justify-between border-b border-line-2 bg-white px-5">
        <div className="flex items-center gap-2">
          <span className="block h-[22px] w-[22px] rounded-[2px] bg-brand" aria-hidden />
          <span className="text-[14px] font-medium text-brand">Alibaba Cloud</span>
          <span className="ml-2 text-[14px] text-text-2">CloudSSO User Portal</span>
        </div>
        {user && logoutAction && (
          <form action={logoutAction} method="post" className="flex items-center gap-3">
            <span className="text-text-2" aria-label="Signed-in user">
              {user}
            </span>
            <button type="submit" className="link">
              Sign Out
            </button>
          </form>
        )}
      </header>
      {children}
    </div>
  );
}

import Link from "next/link";

export interface Crumb {
  label: string;
  href?: string;
}

export function PageHeader({
  crumbs,
  title,
  actions,
  children,
}: {
  crumbs: Crumb[];
  title: React.ReactNode;
  actions?: React.ReactNode;
  children?: React.ReactNode;
}) {
  return (
    <div className="mb-4">
      <nav aria-label="Breadcrumb" className="mb-2 text-text-3">
        <ol className="flex flex-wrap items-center gap-1">
          {crumbs.map((c, i) => (
            // The "/" separator is drawn by CSS so a crumb's text (and accessible name) is its label alone.
            <li key={`${c.label}-${i}`} className="flex items-center gap-1 not-first:before:content-['/']">
              {c.href ? (
                <Link href={c.href} className="hover:text-primary">
                  {c.label}
                </Link>
              ) : (
                <span>{c.label}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-[24px] font-medium leading-8">{title}</h1>
        {actions && <div className="flex items-center gap-2">{actions}</div>}
      </div>
      {children}
    </div>
  );
}

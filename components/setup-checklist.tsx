import Link from "next/link";

/**
 * The seed procedure "Sync to CloudSSO via SCIM" (reference/seed-sync-to-cloudsso-via-scim.txt)
 * as one numbered guide. Every page that traces it — the landing page, both product overviews and
 * the instance console's overview — uses these step titles and the items' fixed numbers, so
 * "2.6" means the same thing wherever it is shown.
 */
export type SetupStepNumber = 1 | 2 | 3 | 5;

export const SETUP_GUIDE_TITLE = "Sync to CloudSSO via SCIM";

export const SETUP_STEPS: Record<SetupStepNumber, { title: string; where: string }> = {
  1: { title: "Step 1: Enable SCIM synchronization in CloudSSO", where: "In the CloudSSO console: Settings › User Settings." },
  2: {
    title: "Step 2: Configure SCIM provisioning in IDaaS",
    where: "In the IDaaS console: EIAM › Console › Application Management › Applications.",
  },
  3: { title: "Step 3: Sync accounts to CloudSSO", where: "Push Now in IDaaS, then Log › Provisioning › Tasks; the result shows in CloudSSO › Users." },
  // What's next (issue 14): configure SSO from IDaaS to CloudSSO and sign in as a user.
  5: {
    title: "Step 5: Sign in to CloudSSO with SSO from IDaaS",
    where: "IDaaS application › SSO and CloudSSO › Settings › SSO Logon; then the user portals.",
  },
};

export interface ChecklistItem {
  step: SetupStepNumber;
  /** Its fixed number in the guide, e.g. "2.6". */
  number: string;
  label: string;
  done: boolean;
  /** The page where it is done. */
  href: string;
  hint?: string;
}

/** Done / not done per item of the seed's steps, grouped by step (SPEC §4). */
export function SetupChecklist({
  title = `Setup Checklist: ${SETUP_GUIDE_TITLE}`,
  items,
  note,
}: {
  title?: string;
  items: ChecklistItem[];
  note?: React.ReactNode;
}) {
  const done = items.filter((s) => s.done).length;
  // Two checklists can share a page (the seed guide and the sign-in steps after it).
  const titleId = `setup-checklist-${items[0]?.step ?? 0}`;
  const steps = ([1, 2, 3, 5] as const).filter((n) => items.some((i) => i.step === n));
  return (
    <section className="card mb-4" aria-labelledby={titleId}>
      <div className="mb-3 flex items-center justify-between">
        <h2 id={titleId} className="text-[14px] font-medium">
          {title}
        </h2>
        <span className="text-text-3">
          {done} of {items.length} done
        </span>
      </div>
      <div className="flex flex-col gap-4">
        {steps.map((n) => {
          const stepItems = items.filter((i) => i.step === n);
          const stepDone = stepItems.every((i) => i.done);
          return (
            <section key={n} aria-labelledby={`setup-step-${n}`}>
              <h3 id={`setup-step-${n}`} className="flex items-center gap-2 font-medium text-text">
                {SETUP_STEPS[n].title}
                {stepDone && <span className="font-normal text-success">Done</span>}
              </h3>
              <p className="mb-2 text-text-3">{SETUP_STEPS[n].where}</p>
              <ol className="flex flex-col gap-2" aria-label={SETUP_STEPS[n].title}>
                {stepItems.map((s) => (
                  <li key={s.number} className="flex items-start gap-2" data-done={s.done}>
                    <span
                      className={
                        s.done
                          ? "mt-px inline-flex h-4 min-w-8 shrink-0 items-center justify-center rounded-full bg-success px-1 text-[10px] text-white"
                          : "mt-px inline-flex h-4 min-w-8 shrink-0 items-center justify-center rounded-full border border-line px-1 text-[10px] text-text-3"
                      }
                    >
                      {s.done && <span aria-hidden>✓&nbsp;</span>}
                      {s.number}
                    </span>
                    <span>
                      <Link className="link" href={s.href}>
                        {s.label}
                      </Link>{" "}
                      <span className={s.done ? "text-success" : "text-text-3"}>— {s.done ? "Done" : "Not done"}</span>
                      {s.hint && <span className="block text-text-3">{s.hint}</span>}
                    </span>
                  </li>
                ))}
              </ol>
            </section>
          );
        })}
      </div>
      {note && <p className="mt-3 text-text-3">{note}</p>}
    </section>
  );
}

/** The guide's items in their numbered order, whichever module produced them. */
export function inGuideOrder(items: ChecklistItem[]): ChecklistItem[] {
  const key = (n: string) => n.split(".").map(Number);
  return [...items].sort((a, b) => {
    const [x, y] = [key(a.number), key(b.number)];
    return x[0] - y[0] || x[1] - y[1];
  });
}

/** Where the rest of the guide is done: "<steps> are in the <console>; the guide shows every step together." */
export function OtherConsoleNote({ steps, console: name, href }: { steps: string; console: "IDaaS" | "CloudSSO"; href: string }) {
  return (
    <>
      {steps} are in the{" "}
      <Link className="link" href={href}>
        {name} console
      </Link>
      ; the{" "}
      <Link className="link" href="/">
        guide
      </Link>{" "}
      shows every step together.
    </>
  );
}

import Link from "next/link";

export interface ChecklistStep {
  label: string;
  done: boolean;
  /** Where to go to do it. */
  href?: string;
  hint?: string;
}

/** The seed procedure's steps with done / not done, on the overview pages (SPEC §4). */
export function SetupChecklist({ title, steps, note }: { title: string; steps: ChecklistStep[]; note?: React.ReactNode }) {
  const done = steps.filter((s) => s.done).length;
  return (
    <section className="card mb-4" aria-labelledby="setup-checklist-title">
      <div className="mb-3 flex items-center justify-between">
        <h2 id="setup-checklist-title" className="text-[14px] font-medium">
          {title}
        </h2>
        <span className="text-text-3">
          {done} of {steps.length} done
        </span>
      </div>
      <ol className="flex flex-col gap-2" aria-label={title}>
        {steps.map((s, i) => (
          <li key={s.label} className="flex items-start gap-2" data-done={s.done}>
            <span
              aria-hidden
              className={
                s.done
                  ? "mt-px inline-flex h-4 w-4 items-center justify-center rounded-full bg-success text-[10px] text-white"
                  : "mt-px inline-flex h-4 w-4 items-center justify-center rounded-full border border-line text-[10px] text-text-3"
              }
            >
              {s.done ? "✓" : i + 1}
            </span>
            <span>
              {s.href ? (
                <Link className="link" href={s.href}>
                  {s.label}
                </Link>
              ) : (
                s.label
              )}{" "}
              <span className={s.done ? "text-success" : "text-text-3"}>— {s.done ? "Done" : "Not done"}</span>
              {s.hint && <span className="block text-text-3">{s.hint}</span>}
            </span>
          </li>
        ))}
      </ol>
      {note && <p className="mt-3 text-text-3">{note}</p>}
    </section>
  );
}

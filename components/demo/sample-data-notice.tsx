"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage } from "@/lib/api-client";
import { useDismissSampleDataNotice } from "@/lib/client/demo";
import type { SampleDataNotice as Notice } from "@/lib/demo/types";

/** Said once: the first start loaded the sample data. Dismissed for good (kept in AppSetting). */
export function SampleDataNotice({ notice }: { notice: Notice }) {
  const router = useRouter();
  const dismiss = useDismissSampleDataNotice();
  const [hidden, setHidden] = useState(false);
  if (hidden) return null;
  const s = notice.summary;
  return (
    <section
      aria-label="Sample data loaded"
      className="mb-4 flex items-start gap-4 rounded-[4px] border border-[#b3d4f5] bg-[#eff6fd] px-4 py-3"
    >
      <div className="flex-1 leading-5">
        <h2 className="font-medium text-text">Sample data loaded</h2>
        <p className="text-text-2">
          This first start loaded a sample organization into IDaaS ({s.units} organizational units, {s.accounts} accounts,{" "}
          {s.groups} groups) and {s.cloudSsoUsers} users created by hand into CloudSSO, so the guide below has something to
          synchronize. <span className="text-text">Reset to Sample Data</span> puts them back at any time; to start with
          empty consoles, start a new database with <code className="font-mono">SAMPLE_DATA=off</code>.
        </p>
      </div>
      <button
        type="button"
        className="btn"
        disabled={dismiss.isPending}
        onClick={async () => {
          try {
            await dismiss.mutateAsync();
            setHidden(true);
            router.refresh();
          } catch (err) {
            toast.error(errorMessage(err));
          }
        }}
      >
        Dismiss
      </button>
    </section>
  );
}

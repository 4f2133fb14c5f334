"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { runWithToast } from "@/components/run-with-toast";
import { api } from "@/lib/api-client";

/** Trainer's reset: both consoles back to the demo organization, SCIM off, no applications. */
export function ResetDemoButton() {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const qc = useQueryClient();
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        Reset Demo Data
      </button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Reset Demo Data"
        danger
        message="This deletes every IDaaS account, group, organizational unit, application and provisioning log, and every CloudSSO user, group and SCIM credential, then recreates the demo organization. Continue?"
        onConfirm={async () => {
          await runWithToast(async () => {
            await api("/api/demo/reset", { method: "POST", body: {} });
            await qc.invalidateQueries();
          }, "Demo data was reset.");
          router.refresh();
        }}
      />
    </>
  );
}

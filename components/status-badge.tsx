import clsx from "clsx";

const tone: Record<string, string> = {
  Enabled: "text-success",
  Successful: "text-success",
  Disabled: "text-text-3",
  Failed: "text-error",
  "Partially Succeeded": "text-[#c77700]",
  Running: "text-primary",
  Initialization: "text-text-3",
  Pending: "text-text-2",
  Retrying: "text-[#c77700]",
  Deferred: "text-[#c77700]",
  // CloudSSO access tasks and provisioning (issue 13)
  Success: "text-success",
  InProgress: "text-primary",
  Provisioned: "text-success",
  "Re-provisioning Required": "text-[#c77700]",
  "De-provisioning Failed": "text-error",
  "Already exists": "text-text-2",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={clsx("inline-flex items-center gap-1", tone[status] ?? "text-text")}>
      <span className="inline-block h-1.5 w-1.5 rounded-full bg-current" aria-hidden />
      {status}
    </span>
  );
}

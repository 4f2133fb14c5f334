"use client";

import { Tabs } from "@/components/tabs";
import { RealtimeLogsTable } from "./realtime-logs-table";
import { TasksTable } from "./tasks-table";

/** Tasks and Real-time Log Entries; `?tab=realtime` opens the second (banners link there). */
export function ProvisioningLogs({ instanceId, initialTab }: { instanceId: string; initialTab?: string }) {
  return (
    <Tabs
      label="Provisioning log"
      defaultValue={initialTab === "realtime" ? "realtime" : "tasks"}
      tabs={[
        { value: "tasks", label: "Tasks", content: <TasksTable instanceId={instanceId} /> },
        { value: "realtime", label: "Real-time Log Entries", content: <RealtimeLogsTable instanceId={instanceId} /> },
      ]}
    />
  );
}

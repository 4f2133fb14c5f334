"use client";

import { Tabs } from "@/components/tabs";
import { RealtimeLogsTable } from "./realtime-logs-table";
import { TasksTable } from "./tasks-table";

export function ProvisioningLogs({ instanceId }: { instanceId: string }) {
  return (
    <Tabs
      label="Provisioning log"
      tabs={[
        { value: "tasks", label: "Tasks", content: <TasksTable instanceId={instanceId} /> },
        { value: "realtime", label: "Real-time Log Entries", content: <RealtimeLogsTable instanceId={instanceId} /> },
      ]}
    />
  );
}

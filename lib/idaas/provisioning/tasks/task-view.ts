import type { TaskCounters } from "./counters";
import { parseCounters } from "./counters";
import type { TaskStatus } from "../vocabulary";

/** A task as Log > Provisioning > Tasks and the Push Now button show it. */
export interface TaskView {
  id: string;
  applicationId: string;
  applicationName: string;
  direction: string;
  triggerModule: string;
  triggerModuleName: string;
  triggerMethod: string;
  status: TaskStatus;
  statusDescription: string;
  total: number;
  done: number;
  startTime: string;
  endTime: string | null;
  counters: TaskCounters;
}

export function toTaskView(t: {
  id: string;
  applicationId: string;
  applicationName: string;
  triggerMethod: string;
  status: string;
  statusDescription: string;
  countersJson: string;
  total: number;
  done: number;
  startTime: Date;
  endTime: Date | null;
}): TaskView {
  return {
    id: t.id,
    applicationId: t.applicationId,
    applicationName: t.applicationName,
    direction: "IDaaS to Application",
    triggerModule: "Application",
    triggerModuleName: t.applicationName,
    triggerMethod: t.triggerMethod,
    status: t.status as TaskStatus,
    statusDescription: t.statusDescription,
    total: t.total,
    done: t.done,
    startTime: t.startTime.toISOString(),
    endTime: t.endTime ? t.endTime.toISOString() : null,
    counters: parseCounters(t.countersJson),
  };
}

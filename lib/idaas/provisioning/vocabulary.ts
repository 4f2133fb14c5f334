/**
 * The provisioning vocabulary shared by the engine, the APIs and the console (no server code
 * here, so client components import it too): task statuses, what a log entry says was done, and
 * its results — with the labels the console shows (SPEC §3.5).
 */
export const TASK_STATUSES = ["Successful", "Failed", "Partially Succeeded", "Running", "Initialization"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A task in these statuses is queued or running: Push Now waits, the console polls. */
export const ACTIVE_TASK_STATUSES: TaskStatus[] = ["Initialization", "Running"];

export function isActiveTask(status: string): boolean {
  return (ACTIVE_TASK_STATUSES as string[]).includes(status);
}

export const TriggerMethod = { Manual: "Manual", Automatic: "Automatic" } as const;

/** What a delivery did to one object, as the log shows it. */
export const LogAction = {
  Create: "Create",
  Update: "Update",
  Disable: "Disable",
  Enable: "Enable",
  Match: "Match",
  Delete: "Delete",
  Unchanged: "Unchanged",
  AddMember: "Add Member",
  RemoveMember: "Remove Member",
  Skip: "Skip",
} as const;
export type LogAction = (typeof LogAction)[keyof typeof LogAction];

export type LogResult = "Success" | "Failed" | "Skipped";
/** Results of a real-time entry that is not settled yet. */
export const UNSETTLED_RESULTS = ["Pending", "Retrying", "Deferred"] as const;
export const LOG_RESULTS = ["Success", "Failed", "Skipped", ...UNSETTLED_RESULTS] as const;

/** The console says "Successful" for a log entry's Success, as it does for tasks. */
export function resultLabel(result: string): string {
  return result === "Success" ? "Successful" : result;
}

export type LogObjectType = "user" | "group" | "membership";
export const OBJECT_TYPE_LABEL: Record<LogObjectType, string> = { user: "User", group: "Group", membership: "Group member" };

/**
 * What an account's or group's details say about the object at one application (object-state.ts):
 * a change still open comes first, then the latest delivery's failure, then scope and link.
 */
export const ObjectState = {
  Waiting: "Waiting",
  Deferred: "Deferred",
  Failed: "Failed",
  OutOfScope: "Out of scope",
  NotProvisioned: "Not provisioned",
  Synchronized: "Synchronized",
} as const;
export type ObjectState = (typeof ObjectState)[keyof typeof ObjectState];

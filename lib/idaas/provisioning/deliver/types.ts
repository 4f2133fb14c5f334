import type { ProvisioningTarget } from "../config/config-types";
import type { Link } from "./links";
import type { LogAction, LogObjectType, LogResult } from "../vocabulary";
import type { ResolvedScope } from "../config/scope";
import type { TargetClient } from "./target-client";

/** What a delivery needs about the application it pushes to. */
export interface AppContext {
  target: ProvisioningTarget;
  instanceId: string;
  scope: ResolvedScope;
  client: TargetClient;
}

/** One object's outcome, written as one ProvisioningLog row. */
export interface Outcome {
  objectType: LogObjectType;
  objectId: string;
  objectName: string;
  action: LogAction;
  result: LogResult;
  httpStatus?: number | null;
  scimType?: string | null;
  detail?: string | null;
  durationMs?: number;
}

/** A link change the caller persists together with the outcome (never before the remote write). */
export type LinkChange = { save: Link } | { remove: Pick<Link, "applicationId" | "objectType" | "localId"> } | null;

export interface Delivery {
  outcome: Outcome;
  link: LinkChange;
  /** The remote id the object now has (after create/match), for member PATCHes. */
  remoteId?: string;
}

import { z } from "zod";
import { INLINE_POLICY_MAX_CHARS, policyDocumentProblems } from "./policy-document";
import { SYSTEM_POLICY_NAMES } from "./system-policies";

/**
 * CloudSSO multi-account permissions (issue 13, SPEC §6): the input schemas the routes parse with
 * and the console forms reuse, the statuses with their console labels, and the view type of every
 * response. Client-safe: no server code here. Routes: docs/access-api.md.
 */

export { INLINE_POLICY_MAX_CHARS, policyDocumentProblems } from "./policy-document";
export { SYSTEM_POLICIES, type SystemPolicy } from "./system-policies";

// ── Vocabulary ────────────────────────────────────────────────────────────────

/** Per (access configuration, account): ListAccessConfigurationProvisionings' Status. */
export const PROVISIONING_STATUSES = ["Provisioned", "ReprovisionRequired", "DeprovisionFailed"] as const;
export type ProvisioningStatus = (typeof PROVISIONING_STATUSES)[number];
export const PROVISIONING_STATUS_LABELS: Record<ProvisioningStatus, string> = {
  Provisioned: "Provisioned",
  ReprovisionRequired: "Re-provisioning Required",
  DeprovisionFailed: "De-provisioning Failed",
};

export const TASK_STATUSES = ["InProgress", "Success", "Failed"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_TYPES = [
  "ProvisionAccessConfiguration",
  "DeprovisionAccessConfiguration",
  "CreateAccessAssignment",
  "DeleteAccessAssignment",
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const PRINCIPAL_TYPES = ["User", "Group"] as const;
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

export const POLICY_TYPES = ["System", "Inline"] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];

export const DEPROVISION_STRATEGIES = ["DeprovisionForLastAccessAssignmentOnAccount", "None"] as const;
export type DeprovisionStrategy = (typeof DEPROVISION_STRATEGIES)[number];

/** Limits (SPEC §6, reference §1.2). */
export const ACCESS_LIMITS = {
  nameMax: 32,
  sessionMin: 900,
  sessionMax: 43200,
  sessionDefault: 3600,
  descriptionMax: 1024,
  systemPoliciesMax: 20,
  inlinePoliciesMax: 1,
  inlinePolicyMaxChars: INLINE_POLICY_MAX_CHARS,
  /** One assignment request: at most this many (principal × account × configuration) triplets. */
  tripletsMax: 1000,
} as const;

/** The RAM names provisioning creates in a member account (reference §1.3). */
export const ramRoleName = (accessConfigurationName: string) => `AliyunReservedSSO-${accessConfigurationName}`;
export const ramInlinePolicyName = (accessConfigurationName: string) => `AliyunReservedSSO-${accessConfigurationName}-InlinePolicy`;
export const samlProviderName = (directoryId: string) => `AliyunReservedSSO-${directoryId}`;
export const SERVICE_LINKED_ROLE_NAME = "AliyunServiceRoleForCloudSSO";

// ── Input schemas ─────────────────────────────────────────────────────────────

const trimmed = z.string().trim();
const id = (label: string) => trimmed.min(1, `${label} is required.`).max(64, `${label} must be at most 64 characters.`);

/** Resource Directory account display name: 2–50 chars, letters, digits, space, `_ . -` (reference §1.1). */
export const accountDisplayNameSchema = trimmed
  .min(2, "Display Name must be 2 to 50 characters.")
  .max(50, "Display Name must be 2 to 50 characters.")
  .regex(/^[\p{L}\p{N} _.-]+$/u, "Display Name may contain only letters, digits, spaces and _ . -");

export const createAccountSchema = z.object({
  displayName: accountDisplayNameSchema,
  folderId: id("Folder"),
});
export type CreateAccountData = z.output<typeof createAccountSchema>;

export const updateAccountSchema = z.object({ displayName: accountDisplayNameSchema });
export type UpdateAccountData = z.output<typeof updateAccountSchema>;

export const accessConfigurationNameSchema = trimmed
  .min(1, "Access Configuration Name is required.")
  .max(ACCESS_LIMITS.nameMax, `Access Configuration Name must be at most ${ACCESS_LIMITS.nameMax} characters.`)
  .regex(/^[A-Za-z0-9-]+$/, "Access Configuration Name may contain only letters, digits and hyphens (-).");

export const sessionDurationSchema = z.coerce
  .number({ error: "Session Duration must be a number of seconds." })
  .int("Session Duration must be a whole number of seconds.")
  .min(ACCESS_LIMITS.sessionMin, `Session Duration must be between ${ACCESS_LIMITS.sessionMin} and ${ACCESS_LIMITS.sessionMax} seconds.`)
  .max(ACCESS_LIMITS.sessionMax, `Session Duration must be between ${ACCESS_LIMITS.sessionMin} and ${ACCESS_LIMITS.sessionMax} seconds.`);

/** Relay State: empty (console home) or a page of the Alibaba Cloud Management Console. */
export const relayStateSchema = trimmed
  .max(1024, "Relay State must be at most 1024 characters.")
  .refine((v) => {
    if (v === "") return true;
    try {
      const u = new URL(v);
      return u.protocol === "https:" && (u.hostname === "aliyun.com" || u.hostname.endsWith(".aliyun.com") || u.hostname.endsWith(".alibabacloud.com"));
    } catch {
      return false;
    }
  }, "Relay State must be a page of the Alibaba Cloud Management Console, e.g. https://ecs.console.aliyun.com/.");

export const descriptionSchema = trimmed.max(
  ACCESS_LIMITS.descriptionMax,
  `Description must be at most ${ACCESS_LIMITS.descriptionMax} characters.`,
);

export const systemPolicyNameSchema = trimmed
  .min(1, "Select a system policy.")
  .refine((v) => SYSTEM_POLICY_NAMES.has(v), { error: (issue) => `"${String(issue.input)}" is not an Alibaba Cloud system policy.` });

/** An inline policy document (RAM policy JSON as text): the field message names the JSON path. */
export const policyDocumentSchema = z.string({ error: "Enter the policy document." }).superRefine((text, ctx) => {
  const problems = policyDocumentProblems(text);
  if (problems.length) ctx.addIssue({ code: "custom", message: problems[0] });
});

/** The inline policy's own name (the console asks for one; the RAM policy is `AliyunReservedSSO-<name>-InlinePolicy`). */
export const inlinePolicyNameSchema = trimmed
  .min(1, "Inline policy name is required.")
  .max(128, "Inline policy name must be at most 128 characters.")
  .regex(/^[A-Za-z0-9-]+$/, "Inline policy name may contain only letters, digits and hyphens (-).");

export const inlinePolicySchema = z.object({
  name: inlinePolicyNameSchema.default("InlinePolicy"),
  document: policyDocumentSchema,
});

export const createAccessConfigurationSchema = z.object({
  name: accessConfigurationNameSchema,
  sessionDuration: sessionDurationSchema.default(ACCESS_LIMITS.sessionDefault),
  relayState: relayStateSchema.default(""),
  description: descriptionSchema.default(""),
  systemPolicies: z
    .array(systemPolicyNameSchema)
    .max(ACCESS_LIMITS.systemPoliciesMax, `An access configuration can have at most ${ACCESS_LIMITS.systemPoliciesMax} system policies.`)
    .refine((list) => new Set(list).size === list.length, "Each system policy can be selected once.")
    .default([]),
  inlinePolicy: inlinePolicySchema.optional(),
});
export type CreateAccessConfigurationData = z.output<typeof createAccessConfigurationSchema>;

/** UpdateAccessConfiguration: only Description, Session Duration and Relay State (no re-provision needed). */
export const updateAccessConfigurationSchema = z.object({
  name: z.undefined({ error: "Access Configuration Name cannot be changed." }).optional(),
  description: descriptionSchema.optional(),
  sessionDuration: sessionDurationSchema.optional(),
  relayState: relayStateSchema.optional(),
});
export type UpdateAccessConfigurationData = z.output<typeof updateAccessConfigurationSchema>;

/** DELETE …/access-configurations/[id]?forceRemovePermissionPolicies=true */
export const deleteAccessConfigurationQuerySchema = z.object({
  forceRemovePermissionPolicies: z
    .enum(["true", "false"], { error: "Use true or false." })
    .optional()
    .transform((v) => v === "true"),
});

/** AddPermissionPolicyToAccessConfiguration: a system policy by name, or the inline policy with its document. */
export const addPermissionPolicySchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("System"), name: systemPolicyNameSchema }),
    z.object({ type: z.literal("Inline"), name: inlinePolicyNameSchema.default("InlinePolicy"), document: policyDocumentSchema }),
  ],
  { error: 'Policy type must be "System" or "Inline".' },
);
export type AddPermissionPolicyData = z.output<typeof addPermissionPolicySchema>;

/** PUT …/policies/Inline/[name]: UpdateInlinePolicyForAccessConfiguration. */
export const updateInlinePolicySchema = z.object({ document: policyDocumentSchema });

const accountIdSchema = trimmed.regex(/^\d{16}$/, "Account ID must be 16 digits.");

export const provisionSchema = z.object({
  accountIds: z.array(accountIdSchema).min(1, "Select at least one account.").max(100, "Select at most 100 accounts at a time."),
});
export const deprovisionSchema = z.object({ accountId: accountIdSchema });

export const principalSchema = z.object({
  type: z.enum(PRINCIPAL_TYPES, { error: 'Principal type must be "User" or "Group".' }),
  id: id("Principal ID"),
});

export const createAssignmentsSchema = z
  .object({
    accountIds: z.array(accountIdSchema).min(1, "Select at least one account.").max(100, "Select at most 100 accounts at a time."),
    principals: z.array(principalSchema).min(1, "Select at least one user or group.").max(500, "Select at most 500 users or groups at a time."),
    accessConfigurationIds: z
      .array(id("Access configuration ID"))
      .min(1, "Select at least one access configuration.")
      .max(20, "Select at most 20 access configurations at a time."),
  })
  .refine((v) => v.accountIds.length * v.principals.length * v.accessConfigurationIds.length <= ACCESS_LIMITS.tripletsMax, {
    message: `One configuration can create at most ${ACCESS_LIMITS.tripletsMax} access assignments (accounts × users/groups × access configurations).`,
    path: ["principals"],
  });
export type CreateAssignmentsData = z.output<typeof createAssignmentsSchema>;

export const assignmentKeySchema = z.object({
  accountId: accountIdSchema,
  principalType: z.enum(PRINCIPAL_TYPES, { error: 'Principal type must be "User" or "Group".' }),
  principalId: id("Principal ID"),
  accessConfigurationId: id("Access configuration ID"),
});
export type AssignmentKey = z.output<typeof assignmentKeySchema>;

export const deleteAssignmentsSchema = z.object({
  assignments: z
    .array(assignmentKeySchema)
    .min(1, "Select at least one access assignment.")
    .max(ACCESS_LIMITS.tripletsMax, `Remove at most ${ACCESS_LIMITS.tripletsMax} access assignments at a time.`),
  deprovisionStrategy: z
    .enum(DEPROVISION_STRATEGIES, { error: 'Deprovision strategy must be "DeprovisionForLastAccessAssignmentOnAccount" or "None".' })
    .default("None"),
});
export type DeleteAssignmentsData = z.output<typeof deleteAssignmentsSchema>;

const optionalFilter = trimmed
  .max(64, "Filter must be at most 64 characters.")
  .optional()
  .transform((v) => v || undefined);

/** GET /api/cloudsso/access-assignments filters (plus page, pageSize). */
export const assignmentFilterSchema = z.object({
  accountId: optionalFilter,
  principalType: z
    .enum(["User", "Group", ""], { error: 'Principal type must be "User" or "Group".' })
    .optional()
    .transform((v) => v || undefined),
  principalId: optionalFilter,
  accessConfigurationId: optionalFilter,
});

/** GET /api/cloudsso/tasks filters (plus page, pageSize). */
export const taskFilterSchema = z.object({
  batchId: optionalFilter,
  status: z
    .enum([...TASK_STATUSES, ""], { error: "Status must be InProgress, Success or Failed." })
    .optional()
    .transform((v) => v || undefined),
  accountId: optionalFilter,
  accessConfigurationId: optionalFilter,
});

// ── Views (every response) ────────────────────────────────────────────────────

export interface FolderView {
  id: string;
  name: string;
  parentId: string | null;
}

export interface AccountView {
  /** 16 digits. */
  accountId: string;
  displayName: string;
  folderId: string;
  /** "Root / Production Folder" */
  folderPath: string;
  type: "CloudAccount" | "ResourceAccount";
  joinMethod: "created" | "invited";
  status: string;
  createdAt: string;
}

export interface ResourceDirectoryView {
  rootFolderId: string;
  folders: FolderView[];
  accounts: AccountView[];
}

export interface AttachedPolicyView {
  type: PolicyType;
  /** System policy name, or the RAM custom policy `AliyunReservedSSO-<name>-InlinePolicy`. */
  name: string;
}

/** A RAM role provisioning created in a member account. */
export interface RamRoleView {
  roleName: string;
  accessConfigurationId: string;
  accessConfigurationName: string;
  status: ProvisioningStatus;
  policies: AttachedPolicyView[];
  /** The custom policy document, when the configuration has an inline policy. */
  inlinePolicy: { name: string; document: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface AccountDetailView {
  account: AccountView;
  ramRoles: RamRoleView[];
  /** Created on the account's first provisioning, kept afterwards. */
  samlProvider: { name: string; createdAt: string } | null;
  serviceLinkedRole: { name: string; createdAt: string } | null;
  assignmentCount: number;
}

export interface SystemPolicyView {
  name: string;
  description: string;
}

export interface InlinePolicyView {
  name: string;
  document: string;
}

export interface AccessConfigurationView {
  /** `ac-` + 20 chars */
  id: string;
  name: string;
  description: string;
  sessionDuration: number;
  relayState: string;
  systemPolicies: string[];
  inlinePolicy: InlinePolicyView | null;
  /** ["ReprovisionRequired"] while any account needs a re-provision (GetAccessConfiguration). */
  statusNotifications: "ReprovisionRequired"[];
  provisionedAccountCount: number;
  reprovisionRequiredCount: number;
  assignmentCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface PermissionPolicyView {
  type: PolicyType;
  name: string;
  /** System: the catalogue description; Inline: "". */
  description: string;
  /** Inline only. */
  document: string | null;
  addedAt: string;
}

export interface ProvisioningView {
  accessConfigurationId: string;
  accessConfigurationName: string;
  accountId: string;
  accountName: string;
  folderPath: string;
  status: ProvisioningStatus;
  ramRoleName: string;
  ramPolicyNames: string[];
  samlProviderName: string;
  createdAt: string;
  updatedAt: string;
}

export interface AssignmentView {
  accountId: string;
  accountName: string;
  folderPath: string;
  targetType: "RD-Account";
  principalType: PrincipalType;
  principalId: string;
  principalName: string;
  /** "Manual" | "SCIM" — how the user or group came into CloudSSO. */
  principalProvisioningType: string;
  accessConfigurationId: string;
  accessConfigurationName: string;
  createdAt: string;
}

export interface TaskView {
  taskId: string;
  batchId: string;
  taskType: TaskType;
  status: TaskStatus;
  failureReason: string | null;
  accountId: string;
  accountName: string;
  accessConfigurationId: string;
  accessConfigurationName: string;
  /** Null for ProvisionAccessConfiguration / DeprovisionAccessConfiguration started by hand. */
  principalType: PrincipalType | null;
  principalId: string | null;
  principalName: string | null;
  createdAt: string;
  startTime: string | null;
  endTime: string | null;
}

/** POST /api/cloudsso/access-assignments */
export interface CreateAssignmentsResult {
  batchId: string;
  tasks: TaskView[];
  /** Triplets that already existed: reported, not duplicated, no task. */
  existing: AssignmentKey[];
}

/** POST …/access-assignments/delete, …/provision, …/deprovision */
export interface TasksResult {
  batchId: string;
  tasks: TaskView[];
}

export type PermissionVia = { type: "User" } | { type: "Group"; groupId: string; groupName: string };

/** One row of a user's Permissions tab. */
export interface UserPermissionView {
  accountId: string;
  accountName: string;
  folderPath: string;
  accessConfigurationId: string;
  accessConfigurationName: string;
  /** Direct assignment and/or the groups it comes through. */
  via: PermissionVia[];
  /** The configuration's status on the account; null while not (yet) provisioned. */
  provisioningStatus: ProvisioningStatus | null;
}

export interface AccessSummaryView {
  accounts: number;
  accessConfigurations: number;
  accessAssignments: number;
  inProgressTasks: number;
  failedTasks: number;
  reprovisionRequired: number;
}

/** Change events an application's provisioning can subscribe to (the Operation checkboxes). */
export const OPERATIONS = [
  { key: "account.create", label: "Create Account" },
  { key: "account.update", label: "Update Account" },
  { key: "account.delete", label: "Delete Account" },
  { key: "group.create", label: "Create Group" },
  { key: "group.update", label: "Update Group" },
  { key: "group.delete", label: "Delete Group" },
  { key: "group.member.add", label: "Add Group Member" },
  { key: "group.member.remove", label: "Remove Group Member" },
] as const;

export type OperationKey = (typeof OPERATIONS)[number]["key"];

export const ALL_OPERATION_KEYS: OperationKey[] = OPERATIONS.map((o) => o.key);

export function isOperationKey(v: string): v is OperationKey {
  return (ALL_OPERATION_KEYS as string[]).includes(v);
}
